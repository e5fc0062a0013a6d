"""The offline copy (scripts/build_pdf.py): one PDF per language, built from the site the tests build, with
every page as a chapter, the Chinese text embedded in a font whose text can be copied and searched, and the
home page linking to it."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import build_pdf
import pytest
from project import chromium
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


def pdf_problems(path: Path, language: str) -> list[str]:
    """What is wrong with a language's offline file."""
    reader, _ = read_pdf(path)
    problems = missing_chapters(path, language)
    if language == "zh":  # the text, as copying or searching gets it: every fourth page, from every chapter
        # (one font draws all of it; extracting all 120 pages takes seconds)
        text = "".join(page.extract_text() for page in reader.pages[::4])
        if found := sorted(set(RADICALS.findall(text))):
            problems.append(f"text copies as radicals {found} (install fonts-wqy-microhei)")
        if "import torch" not in text:
            problems.append("no code in the file")
    for page_number, page in enumerate(reader.pages):
        for font in ((page.get("/Resources") or {}).get("/Font") or {}).values():
            font = font.get_object()
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
    return problems


def test_offline_files(site: Path) -> None:
    """Both files built from the test site (one test, so that one test process prints them) and checked; the
    check itself must fail on the wrong file: the English one read as the Chinese one misses every chapter
    title that is spelled differently in Chinese (nn.Module is the same in both)."""
    _, site_url = project_site_address()
    files = {language: build_pdf.build(site, language, site_url) for language in build_pdf.OFFLINE_FILES}
    for language, path in files.items():
        assert path == site / build_pdf.OFFLINE_FILES[language]
        problems = pdf_problems(path, language)
        assert not problems, "\n".join(problems)
        title = read_pdf(path)[0].metadata.title
        assert title == build_pdf.site_name(language), f"the {language} file is titled {title!r}"
    fonts = {
        str(font.get_object().get("/BaseFont"))
        for page in PdfReader(files["zh"]).pages
        for font in ((page.get("/Resources") or {}).get("/Font") or {}).values()
    }
    assert any("WenQuanYi" in font for font in fonts), f"no Chinese font embedded: {sorted(fonts)}"
    only_chinese = set(chapter_titles("zh")) - set(chapter_titles("en"))
    assert only_chinese and len(missing_chapters(files["en"], "zh")) == len(only_chinese)


@pytest.mark.parametrize("language", list(build_pdf.OFFLINE_FILES))
def test_home_page_links_to_the_offline_file(site: Path, language: str) -> None:
    home = site / build_pdf.LANGUAGE_ROOTS[language] / "index.html"
    link = Path(build_pdf.OFFLINE_FILES[language]).name
    assert f'href="{link}"' in home.read_text(encoding="utf-8")
