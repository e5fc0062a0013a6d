"""Chinese pages: spacing between Chinese and Latin text, full-width punctuation (autocorrect), and one term
per concept as the glossary sets it."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import autocorrect_py
import pytest

from fences import DOCS, pages

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


def test_glossary_lists_the_same_terms_in_both_languages() -> None:
    zh = (DOCS / "zh" / "glossary.md").read_text(encoding="utf-8")
    en = (DOCS / "en" / "glossary.md").read_text(encoding="utf-8")
    rows = re.compile(r"^\| (?!中文|---)(.+) \| (.+) \|$", re.M)
    assert rows.findall(zh) == rows.findall(en)
    assert len(rows.findall(zh)) >= 25
