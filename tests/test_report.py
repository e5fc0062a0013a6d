"""scripts/report.py: the pages its Lighthouse part measures, and in which order."""

from __future__ import annotations

import report
from project import LANGUAGES, page_url, site_pages


def test_a_run_starts_measuring_at_the_page_its_commit_picks() -> None:
    """Both languages of a page side by side, every page once, from the page at the start, counted round."""
    pages = site_pages()
    first = report.page_urls("all")
    assert first[:2] == [page_url(language, pages[0]) for language in LANGUAGES]
    later = report.page_urls("all", len(pages) + 3)
    assert later[:2] == [page_url(language, pages[3]) for language in LANGUAGES]
    assert later[-2:] == [page_url(language, pages[2]) for language in LANGUAGES]
    assert sorted(later) == sorted(first) and len(set(later)) == len(later) == len(pages) * len(LANGUAGES)
