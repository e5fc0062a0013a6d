"""hooks/search_split.py's work on the search: the errors field, the glossary's words, the worker's patch."""

from __future__ import annotations

from pathlib import Path

import pytest
import search_split
from mkdocs.exceptions import PluginError

from fences import DOCS


def test_each_error_entry_indexes_the_errors_its_outputs_print() -> None:
    errors = search_split.error_messages(DOCS / "en" / "common-errors.md")
    assert (
        errors["#shape-mismatch"] == "RuntimeError: mat1 and mat2 shapes cannot be multiplied (4x5 and 3x2)"
    )
    # the GPU tab's recording is what a reader with a GPU pastes
    assert "Expected all tensors to be on the same device" in errors["#device-mismatch"]
    assert "#forgot-zero-grad" not in errors, "a silent mistake prints no error to index"


def test_the_errors_field_goes_to_the_common_errors_sections_in_both_languages() -> None:
    index = {
        "config": {"lang": ["en", "zh"], "pipeline": [], "fields": {"title": {"boost": 1000.0}}},
        "docs": [
            {"location": "common-errors/#a", "title": "甲", "text": ""},
            {"location": "en/common-errors/#a", "title": "A", "text": ""},
            {"location": "en/tensor/#a", "title": "A", "text": ""},
        ],
    }
    zh, en = search_split.split(index, {"#a": "RuntimeError: boom"}).values()
    assert [doc.get("errors") for doc in zh["docs"]] == ["RuntimeError: boom"]
    assert [doc.get("errors") for doc in en["docs"]] == ["RuntimeError: boom", None]
    assert zh["config"]["fields"]["errors"] == en["config"]["fields"]["errors"] == {"boost": 1000.0}


def test_the_glossary_terms_are_the_chinese_column() -> None:
    terms = search_split.glossary_terms(DOCS / "zh" / "glossary.md")
    assert {"张量", "标量", "向量", "矩阵", "学习率", "过拟合"} <= set(terms)
    assert not [term for term in terms if "|" in term or term in {"中文", "---"}]


def test_the_worker_is_patched_once_and_an_unknown_worker_stops_the_build(tmp_path: Path) -> None:
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    worker = workers / "search.0.min.js"
    worker.write_text("a;" + ";".join(search_split.WORKER_PATCHES) + ";b", encoding="utf-8")
    search_split.patch_worker(tmp_path)
    patched = worker.read_text(encoding="utf-8")
    assert patched == "a;" + ";".join(search_split.WORKER_PATCHES.values()) + ";b"
    search_split.patch_worker(tmp_path)  # a second build into the same folder
    assert worker.read_text(encoding="utf-8") == patched
    worker.write_text("a release that changed the loop", encoding="utf-8")
    with pytest.raises(PluginError, match="WORKER_PATCHES"):
        search_split.patch_worker(tmp_path)
