"""The offline copy (scripts/build_pdf.py): one PDF per language, built from the site the tests build, with
every page as a chapter, the Chinese text embedded in a font whose text can be copied and searched, and the
home page linking to it."""

from __future__ import annotations

import contextlib
import functools
import re
from pathlib import Path
from types import SimpleNamespace

import build_pdf
import pytest
from project import chromium, page_url
from pypdf import PdfReader

from fences import pages
from site_settings import project_site_address

# Kangxi radicals and CJK radical supplements: what a Chinese font with shared glyphs (Noto Sans CJK, embedded
# by Chromium as Type 3) turns 一, 页, 长 ... into when the PDF's text is copied or searched.
pytestmark = pytest.mark.skipif(
    not Path(chromium()).exists(), reason="no browser: apt-get install chromium (.ci/run does)"
)
RADICALS = re.compile(r"[\u2e80-\u2fdf]")
H1 = re.compile(r"^# (?P<title>.+?)(?:\s*\{[^}]*\})?$", re.M)


def chapter_titles(language: str) -> list[str]:
    """The title of every page of the language (all of docs/LANGUAGE/, not the script's own list)."""
    titles = []
    for page in pages(language):
        text = page.read_text(encoding="utf-8")
        titles.append(re.sub(r"`([^`]*)`", r"\1", H1.search(text)["title"]).strip())
    return titles


@functools.cache
def read_pdf(path: Path) -> tuple[PdfReader, list[str]]:
    """The file and its outline's top-level titles."""
    reader = PdfReader(path)
    return reader, [item.title for item in reader.outline if not isinstance(item, list)]


def missing_chapters(path: Path, language: str) -> list[str]:
    _, outline = read_pdf(path)
    return [
        f"no chapter {title!r} in the outline" for title in chapter_titles(language) if title not in outline
    ]


# A page content stream's tokens, as Chromium writes them: numbers (the operands), what the check skips (hex
# glyph strings, names, arrays, dictionaries, literal strings) and operators.
TOKEN = re.compile(
    rb"(?P<number>[-+]?(?:\d+\.?\d*|\.\d+))"
    rb"|(?P<skip><[0-9A-Fa-f\s]*>|/[^\s/\[\]<>()]+|\[|\]|<<|>>|\((?:\\.|[^\\)])*\))"
    rb"|(?P<op>[A-Za-z'\"][A-Za-z*0-9'\"]*)"
)
PAINT = {b"f", b"F", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*"}
FILL = {b"f", b"F", b"f*"}
SHOW_TEXT = {b"Tj", b"TJ", b"'", b'"'}
PATH_POINTS = {b"m": 2, b"l": 2, b"c": 6, b"v": 4, b"y": 4}


def times(a: list[float], b: list[float]) -> list[float]:
    """The product of two PDF matrices [a b c d e f]."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def lowest_ink(content: bytes, height: float) -> float:
    """How far above the page's bottom edge the lowest thing drawn on it is, in points: text, images and
    painted paths; white fills (the page's own background) and clipping paths don't count, and what is drawn
    past the edge (a block that goes on on the next page) counts as reaching it."""
    matrix, saved, path, white, lowest = [1.0, 0, 0, 1, 0, 0], [], [], False, height
    text = line = [1.0, 0, 0, 1, 0, 0]
    operands: list[float] = []

    def y(x: float, y: float) -> float:
        return matrix[1] * x + matrix[3] * y + matrix[5]

    for token in TOKEN.finditer(content):
        if token.lastgroup == "number":
            operands.append(float(token[0]))
            continue
        if token.lastgroup == "skip":
            continue
        match token[0]:
            case b"q":
                saved.append(matrix)
            case b"Q":
                matrix = saved.pop()
            case b"cm":
                matrix = times(operands[-6:], matrix)
            case b"rg":
                white = operands[-3:] == [1, 1, 1]
            case b"g":
                white = operands[-1:] == [1]
            case b"re":
                left, bottom, _, tall = operands[-4:]
                path += [y(left, bottom), y(left, bottom + tall)]
            case operator if operator in PATH_POINTS:
                points = operands[-PATH_POINTS[operator] :]
                path += [y(points[i], points[i + 1]) for i in range(0, len(points), 2)]
            case operator if operator in PAINT:
                if path and not (white and operator in FILL):
                    lowest = min(lowest, *path)
                path = []
            case b"n":
                path = []
            case b"Do":
                lowest = min(lowest, matrix[5], matrix[5] + matrix[3])
            case b"BT":
                text = line = [1.0, 0, 0, 1, 0, 0]
            case b"Tm":
                text = line = operands[-6:]
            case b"Td" | b"TD":
                text = line = times([1, 0, 0, 1, *operands[-2:]], line)
            case operator if operator in SHOW_TEXT:
                lowest = min(lowest, text[4] * matrix[1] + text[5] * matrix[3] + matrix[5])
        operands = []
    return max(0.0, lowest)


def mostly_empty_pages(reader: PdfReader) -> list[str]:
    """Pages less than half full that are not the last page of a chapter (a block moved whole to the next
    page leaves such a gap; a chapter's last page may be short)."""
    starts = sorted(
        reader.get_destination_page_number(item) for item in reader.outline if not isinstance(item, list)
    )
    last_pages = {start - 1 for start in starts[1:]} | {len(reader.pages) - 1}
    height = float(reader.pages[0].mediabox.height)
    return [
        f"page {number + 1} is {full:.0%} full"
        for number, page in enumerate(reader.pages)
        if number not in last_pages
        and (full := 1 - lowest_ink(page.get_contents().get_data(), height) / height) < 0.5
    ]


def test_an_empty_page_and_a_cut_off_block_are_told_apart() -> None:
    """lowest_ink on hand-written content streams: text near the top, a white background, a clip, then a
    grey rectangle further down and an image at the bottom."""
    top_text = b"BT /F1 12 Tf 1 0 0 1 50 780 Tm <0001> Tj ET"
    background = b"1 1 1 rg 0 0 595 842 re f"
    clip = b"0 0 595 842 re W n"
    assert lowest_ink(b"\n".join([background, clip, top_text]), 842) == 780
    assert lowest_ink(top_text + b"\n0.5 g 40 300 100 20 re f", 842) == 300
    assert lowest_ink(top_text + b"\nq 100 0 0 50 40 10 cm /Im1 Do Q", 842) == 10
    assert lowest_ink(b"q 1 0 0 -1 0 842 cm BT 1 0 0 -1 20 900 Tm <0001> Tj ET Q", 842) == 0  # past the edge


# A font's ToUnicode map (PDF 1.7, 9.10.3): what each glyph copies as, glyph by glyph (bfchar) or for a range
# of consecutive glyphs (bfrange: the first glyph's text, counted up, or an array, one text per glyph).
BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)")
HEX = re.compile(rb"<([0-9A-Fa-f]*)>")


def utf16(hex_digits: bytes) -> str:
    return bytes.fromhex(hex_digits.decode()).decode("utf-16-be")


def page_fonts(page) -> list:
    """The fonts a page's text is drawn with, as pypdf reads them."""
    return [font.get_object() for font in ((page.get("/Resources") or {}).get("/Font") or {}).values()]


def copied_characters(reader: PdfReader) -> set[str]:
    """The text every glyph of every font in the file copies as, when the text is copied or searched: all of
    it, on every page, read from the fonts' ToUnicode maps (a font without one is reported as a glyph "?")."""
    fonts = {
        font.indirect_reference.idnum if font.indirect_reference else id(font): font
        for page in reader.pages
        for font in page_fonts(page)
    }
    texts = set()
    for font in fonts.values():
        if "/ToUnicode" not in font:
            texts.add("?")
            continue
        cmap = font["/ToUnicode"].get_object().get_data()
        for block in BFCHAR.findall(cmap):
            texts.update(utf16(target) for target in HEX.findall(block)[1::2])
        for block in BFRANGE.findall(cmap):
            for first, last, target in RANGE.findall(block):
                if target.startswith(b"["):
                    texts.update(utf16(text) for text in HEX.findall(target))
                    continue
                start = utf16(target.strip(b"<>"))
                count = int(last, 16) - int(first, 16) + 1
                texts.update(start[:-1] + chr(ord(start[-1]) + step) for step in range(count))
    return texts


class StandIn(dict):
    """A PDF object as pypdf reads it: a font (a dictionary) or its ToUnicode stream."""

    indirect_reference = None
    data = b""

    def get_object(self) -> StandIn:
        return self

    def get_data(self) -> bytes:
        return self.data


def test_copied_characters_follow_the_fonts_maps() -> None:
    """One glyph each (bfchar), a range counted up from its first text, a range given as an array; a font
    on two pages read once; a font without a map; then the radical among them found."""
    to_unicode = StandIn()
    to_unicode.data = (
        b"2 beginbfchar\n<0003> <0020>\n<0010> <2F00>\nendbfchar\n"
        b"2 beginbfrange\n<0011> <0013> <4E00>\n<0020> <0021> [<0041> <00540068>]\nendbfrange\n"
    )
    page = {"/Resources": {"/Font": {"/F1": StandIn({"/ToUnicode": to_unicode})}}}
    copied = copied_characters(SimpleNamespace(pages=[page, page]))
    assert copied == {" ", "\u2f00", "一", "丁", "丂", "A", "Th"}
    assert RADICALS.findall("".join(sorted(copied))) == ["\u2f00"]
    no_map = {"/Resources": {"/Font": {"/F2": StandIn()}}}
    assert copied_characters(SimpleNamespace(pages=[no_map])) == {"?"}


def pdf_problems(path: Path, language: str) -> list[str]:
    """What is wrong with a language's offline file."""
    reader, _ = read_pdf(path)
    problems = missing_chapters(path, language)
    if language == "zh":
        if found := sorted(set(RADICALS.findall("".join(copied_characters(reader))))):
            problems.append(f"text copies as radicals {found} (install fonts-wqy-microhei)")
        if not any("import torch" in page.extract_text() for page in reader.pages):
            problems.append("no code in the file")
    for page_number, page in enumerate(reader.pages):
        for font in page_fonts(page):
            if font.get("/Subtype") != "/Type0":
                continue
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"page {page_number + 1}: font {font['/BaseFont']} is not embedded")
    internal = sum(
        1
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if annotation.get_object().get("/Subtype") == "/Link" and "/Dest" in annotation.get_object()
    )
    if internal < 20:
        problems.append(f"only {internal} links inside the file")
    return problems + mostly_empty_pages(reader)


@pytest.mark.parametrize("language", list(build_pdf.OFFLINE_FILES))
def test_offline_file(site: Path, language: str) -> None:
    """The language's file built from the test site and checked (one test per language: two workers print
    them at once). The check itself must fail on the wrong file: the English one read as the Chinese one
    misses every chapter title that is spelled differently in Chinese (nn.Module is the same in both)."""
    _, site_url = project_site_address()
    path = build_pdf.build(site, language, site_url)
    assert path == site / build_pdf.OFFLINE_FILES[language]
    problems = pdf_problems(path, language)
    assert not problems, "\n".join(problems)
    title = read_pdf(path)[0].metadata.title
    assert title == build_pdf.site_name(language), f"the {language} file is titled {title!r}"
    if language == "en":
        only_chinese = set(chapter_titles("zh")) - set(chapter_titles("en"))
        assert only_chinese and len(missing_chapters(path, "zh")) == len(only_chinese)
        return
    fonts = {str(font.get("/BaseFont")) for page in read_pdf(path)[0].pages for font in page_fonts(page)}
    assert any("WenQuanYi" in font for font in fonts), f"no Chinese font embedded: {sorted(fonts)}"


def test_printing_leaves_the_site_as_the_other_tests_read_it(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tests read the built site while a PDF prints: while the browser prints, the site holds the pages
    the build wrote and nothing more (the combined document is written elsewhere)."""
    built = sorted(site.rglob("*.html"))
    seen = []

    def goto(url: str, **options) -> None:
        assert not url.startswith(site.resolve().as_uri()), f"printing from inside the site: {url}"
        seen.append(sorted(site.rglob("*.html")))

    def nothing(*arguments, **options) -> None:
        return None

    page = SimpleNamespace(goto=goto, set_default_timeout=nothing, evaluate=nothing)
    page.wait_for_load_state = page.pdf = nothing
    browser = SimpleNamespace(new_page=lambda: page, close=nothing)
    driver = SimpleNamespace(chromium=SimpleNamespace(launch=lambda **options: browser))
    monkeypatch.setattr(
        "playwright.sync_api.sync_playwright", functools.partial(contextlib.nullcontext, driver)
    )
    build_pdf.build(site, "en", "https://example.org/")
    assert seen == [built]


@pytest.mark.parametrize("language", list(build_pdf.OFFLINE_FILES))
def test_home_page_links_to_the_offline_file(site: Path, language: str) -> None:
    home = site / page_url(language) / "index.html"
    link = Path(build_pdf.OFFLINE_FILES[language]).name
    assert f'href="{link}"' in home.read_text(encoding="utf-8")
