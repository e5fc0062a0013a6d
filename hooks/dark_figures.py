"""Figures for the dark colour scheme. The examples draw their figures with matplotlib's defaults: black text
and axes on a white background, which in the dark scheme would be a white box in a dark page. For every
figure the build writes a dark variant beside it (NAME.dark.svg: a transparent background, light text
and axes, the data's own colours unchanged) and each page shows the one that matches the reader's scheme,
with Material's ``#only-light`` and ``#only-dark`` image markers. The dark file is derived from the figure
the tests compare with its snippet's drawing, so it shows the same data.

Images embedded in a figure (``imshow``: a heat map, digits) keep their colours; only what matplotlib draws
as vector shapes and text is recoloured.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

FIGURES = "assets/figures/"
DARK_TEXT = "#d5d7e2"  # close to Material's slate text colour; contrast with its background above 10:1
DARK_LEGEND = "#2e303e"  # a legend box a shade lighter than the slate background
FIGURE_IMAGE = re.compile(
    r'<img (?P<before>[^>]*?)src="(?P<src>[^"]*assets/figures/[^"]+)\.svg"(?P<after>[^>]*?) ?/?>'
)


# An image matplotlib embeds (imshow), placed as it writes it: flipped, then shifted into place.
IMAGE = re.compile(
    r'<image [^>]*?transform="scale\(1 -1\) translate\(0 (?P<shift>-?[\d.]+)\)" '
    r'x="(?P<x>-?[\d.]+)" y="(?P<y>-?[\d.]+)" width="(?P<width>[\d.]+)" height="(?P<height>[\d.]+)"'
)
# A text's glyphs, with their fill when it is not the default black, and where the text is anchored.
TEXT = re.compile(
    r'(?P<head><g id="text_\d+">\s*<!--.*?-->\s*<g )(?:style="fill: (?P<fill>#[0-9a-f]{6})" )?'
    r"(?P<tail>transform=\"translate\((?P<x>-?[\d.]+) (?P<y>-?[\d.]+)\))",
    re.S,
)
KEPT = re.compile(r"\x00(\d+)\x00")


def image_areas(svg: str) -> list[tuple[float, float, float, float]]:
    """Where each embedded image lies on the canvas: left, top, width, height."""
    return [
        (
            float(image["x"]),
            -(float(image["y"]) + float(image["height"]) + float(image["shift"])),
            float(image["width"]),
            float(image["height"]),
        )
        for image in IMAGE.finditer(svg)
    ]


def lies_on_an_image(areas: list[tuple[float, float, float, float]], x: float, y: float) -> bool:
    return any(left <= x <= left + width and top <= y <= top + height for left, top, width, height in areas)


def dark_variant(svg: str) -> str:
    """The same figure for a dark background: white patches (figure, axes) transparent, the legend's box dark,
    black strokes light, and text (glyphs drawn with the inherited fill, black by default) light. Text drawn
    on an image (the counts in a confusion matrix's cells) keeps its colour: the image keeps its own."""
    kept: list[str] = []
    areas = image_areas(svg)

    def keep_on_image(text: re.Match[str]) -> str:
        if not lies_on_an_image(areas, float(text["x"]), float(text["y"])):
            return text[0]
        kept.append(f'{text["head"]}style="fill: {text["fill"] or "#000000"}" {text["tail"]}')
        return f"\x00{len(kept) - 1}\x00"

    svg = TEXT.sub(keep_on_image, svg)
    svg = svg.replace("fill: #ffffff; opacity: 0.8", f"fill: {DARK_LEGEND}; opacity: 0.8")
    svg = svg.replace('style="fill: #ffffff"', 'style="fill: none"')
    svg = svg.replace("stroke: #000000", f"stroke: {DARK_TEXT}")
    svg = svg.replace("fill: #000000", f"fill: {DARK_TEXT}")
    # Text glyphs carry no fill of their own: they inherit it from the figure's group.
    svg = svg.replace('<g id="figure_1">', f'<g id="figure_1" style="fill: {DARK_TEXT}">', 1)
    return KEPT.sub(lambda mark: kept[int(mark[1])], svg)


def light_and_dark(html: str) -> str:
    """Each figure as two images: the light one for the default scheme, the dark one for slate. Both load
    lazily, so the hidden one is not downloaded."""

    def both(match: re.Match) -> str:
        before, src, after = match["before"], match["src"], match["after"].rstrip()
        return (
            f'<img {before}src="{src}.svg#only-light" loading="lazy"{after} />'
            f'<img {before}src="{src}.dark.svg#only-dark" loading="lazy"{after} />'
        )

    return FIGURE_IMAGE.sub(both, html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return light_and_dark(html)


def on_post_build(config: MkDocsConfig) -> None:
    for figure in (Path(config.site_dir) / FIGURES).rglob("*.svg"):
        if not figure.name.endswith(".dark.svg"):
            dark = figure.with_name(figure.stem + ".dark.svg")
            dark.write_text(dark_variant(figure.read_text(encoding="utf-8")), encoding="utf-8")
