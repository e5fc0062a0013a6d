"""Chinese pages: spacing between Chinese and Latin text, full-width punctuation (autocorrect), and one term
per concept as the glossary sets it."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import autocorrect_py
import pytest
from build_pdf import mkdocs_config

from fences import DOCS, LANGUAGES, front_matter, pages

# Variants readers meet elsewhere, and the glossary term this site uses instead.
NOT_OUR_TERMS = {
    "自动求导": "自动微分",
    "原位操作": "原地操作",
    "就地操作": "原地操作",
    "前向计算": "前向传播",
    "反向传递": "反向传播",
    "推断": "推理",
    "张量流": "TensorFlow",
    "计算图谱": "计算图",
}


def prose(text: str) -> str:
    """The page without code fences: code and program output keep their own spelling."""
    return re.sub(r"^\s*(```|~~~).*?^\s*\1", "", text, flags=re.M | re.S)


@pytest.mark.parametrize("page", pages("zh"), ids=lambda page: page.name)
def test_chinese_typography(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    corrected = autocorrect_py.format_for(text, "markdown")
    diff = [
        line
        for line in difflib.unified_diff(text.splitlines(), corrected.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert not diff, "autocorrect would change:\n" + "\n".join(diff[:10])


@pytest.mark.parametrize("page", pages("zh"), ids=lambda page: page.name)
def test_glossary_terms(page: Path) -> None:
    text = prose(page.read_text(encoding="utf-8"))
    found = [f"{variant} (use {ours})" for variant, ours in NOT_OUR_TERMS.items() if variant in text]
    assert not found, f"{page.name}: {found}"


GLOSSARY_ROW = re.compile(r"^\| (?!中文|---)(.+?) \| (.+?) \| (.+?) \| \[[^\]]+\]\(([^)]+)\) \|$", re.M)


def glossary(language: str) -> list[tuple[str, str, str, str]]:
    """(Chinese term, English term, meaning, linked page) for each row of the glossary."""
    return GLOSSARY_ROW.findall((DOCS / language / "glossary.md").read_text(encoding="utf-8"))


def test_glossary_lists_the_same_terms_in_both_languages() -> None:
    zh, en = glossary("zh"), glossary("en")
    assert [(z, e, link) for z, e, _, link in zh] == [(z, e, link) for z, e, _, link in en]
    assert len(zh) >= 40


def term_parts(term: str) -> list[str]:
    """The words a page must use for a glossary term: "训练集 / 验证集 / 测试集" gives each of the
    three, and a bracketed aside is dropped: "静态图（先定义后运行）" -> "静态图",
    "(learning-rate) scheduler" -> "scheduler"."""
    parts = []
    for part in term.split(" / "):
        part = " ".join(re.sub(r"（[^）]*）|\([^)]*\)", "", part).split())
        parts.append(re.sub(r"\s+(set|memory)$", "", part) if " / " in term else part)
    return [part for part in parts if part]


def glossary_problems(language: str) -> list[str]:
    """Each term has one plain sentence of meaning and links to a page that uses the term."""
    problems = []
    for zh, en, meaning, link in glossary(language):
        term = zh if language == "zh" else en
        stops = meaning.count("。") if language == "zh" else len(re.findall(r"[.!?](\s|$)", meaning))
        if stops != 1:
            problems.append(f"{term}: the meaning is not one sentence: {meaning}")
        page_file, _, anchor = link.partition("#")
        page = DOCS / language / page_file
        if not page.is_file():
            problems.append(f"{term}: links to {link}, which is not a page")
            continue
        text = page.read_text(encoding="utf-8")
        if anchor and "{#" + anchor + "}" not in text:
            problems.append(f"{term}: {page_file} has no section #{anchor}")
        missing = [part for part in term_parts(term) if part.lower() not in prose(text).lower()]
        if missing:
            problems.append(f"{term}: {page_file} never uses {missing}")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_glossary_term_is_defined_and_links_to_a_page_that_uses_it(language: str) -> None:
    assert not glossary_problems(language), "\n".join(glossary_problems(language))


CJK = re.compile(r"[\u3400-\u9fff]")


def chinese_strings(value: object) -> list[str]:
    """Every string with Chinese in it, keys included, anywhere in a YAML document."""
    if isinstance(value, str):
        return [value] if CJK.search(value) else []
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in chinese_strings(key) + chinese_strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in chinese_strings(item)]
    return []


def typography_problems(texts: list[str]) -> list[str]:
    return [f"{text!r} -> {fixed!r}" for text in texts if (fixed := autocorrect_py.format(text)) != text]


def test_chinese_typography_outside_the_pages() -> None:
    """The navigation titles, the site description and each page's front matter (its search and social
    description) follow the same spacing and punctuation rules as the pages."""
    texts = chinese_strings(mkdocs_config())
    for page in pages("zh"):
        texts += chinese_strings(front_matter(page))
    assert texts, "no Chinese found in mkdocs.yml"
    assert not typography_problems(texts), "\n".join(typography_problems(texts))


def test_typography_check_can_fail() -> None:
    assert typography_problems(["训练循环", "第一个项目:手写数字识别", "用PyTorch训练"]) == [
        "'第一个项目:手写数字识别' -> '第一个项目：手写数字识别'",
        "'用PyTorch训练' -> '用 PyTorch 训练'",
    ]
