"""Figures in the dark colour scheme (hooks/dark_figures.py): every figure on every page has a dark variant,
shown only in the dark scheme, that draws the same figure in light strokes on a transparent background."""

from __future__ import annotations

import re
from pathlib import Path

import dark_figures

from fences import DOCS

FIGURES = sorted(path for path in (DOCS / "assets" / "figures").rglob("*.svg"))
SHOWN = re.compile(r'<img [^>]*src="([^"]*assets/figures/[^"#]+)(#only-light|#only-dark)?"')


def test_the_dark_variant_keeps_the_data_and_drops_the_white() -> None:
    assert FIGURES
    for figure in FIGURES:
        light = figure.read_text(encoding="utf-8")
        dark = dark_figures.dark_variant(light)
        assert 'style="fill: #ffffff"' in light, f"{figure.name}: matplotlib's white background not found"
        # a white patch (figure, axes) ends its path with the fill; white text (on an image) may stay
        assert '" style="fill: #ffffff"/>' not in dark and "stroke: #000000" not in dark
        assert f'<g id="figure_1" style="fill: {dark_figures.DARK_TEXT}">' in dark, "light text"
        for colour in set(re.findall(r"stroke: (#[0-9a-f]{6})", light)) - {"#000000"}:
            assert dark.count(f"stroke: {colour}") == light.count(f"stroke: {colour}"), (figure.name, colour)


def test_text_on_an_image_keeps_its_colour() -> None:
    """The counts in the confusion matrix's cells: white on dark blue, black on pale blue, in both schemes
    (light text on a pale cell, or white text made transparent, would leave the cells unreadable)."""
    light = (DOCS / "assets" / "figures" / "first_project" / "confusion_matrix.svg").read_text(
        encoding="utf-8"
    )
    dark = dark_figures.dark_variant(light)
    counts = re.compile(
        r'<!-- (\d+) -->\s*<g (?:style="fill: (#[0-9a-f]{6})" )?transform="translate\(([\d.]+) ([\d.]+)\)'
    )
    # the image spans x 50.8 to 286.2 and y 10.6 to 246.0 (the axis labels lie outside it)
    cells = [(count, fill) for count, fill, x, y in counts.findall(light) if float(x) > 50 and float(y) < 246]
    assert ("23", "#ffffff") in cells and ("1", "") in cells
    shown_dark = [
        (count, fill) for count, fill, x, y in counts.findall(dark) if float(x) > 50 and float(y) < 246
    ]
    assert shown_dark == [(count, fill or "#000000") for count, fill in cells]


def test_every_figure_is_shown_light_or_dark_by_scheme(site: Path) -> None:
    pairs = 0
    for page in site.rglob("index.html"):
        shown = SHOWN.findall(page.read_text(encoding="utf-8"))
        assert all(marker for _, marker in shown), f"{page}: a figure shown in both schemes"
        light = [src for src, marker in shown if marker == "#only-light"]
        dark = [src for src, marker in shown if marker == "#only-dark"]
        assert dark == [src.removesuffix(".svg") + ".dark.svg" for src in light], page
        for src in dark:
            assert (page.parent / src).resolve().is_file(), f"{page}: {src} was not written"
        pairs += len(light)
    assert pairs >= len(FIGURES) - 1, "every figure appears on some page"
