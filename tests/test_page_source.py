"""Where the site lives and where each page comes from: the repository setting, site_url, canonical links, the
sitemap, the Colab links, the edit link and the last-updated date all agree."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from fences import LANGUAGES, ROOT, pages

sys.path.insert(0, str(ROOT / "hooks"))
import notebooks  # noqa: E402
import page_source  # noqa: E402
import project  # noqa: E402

import site_settings  # noqa: E402


def configured_repository() -> str:
    """The one setting, resolved the way the build resolves it."""
    return site_settings.project_site_address()[0]


def test_site_url_follows_the_repository() -> None:
    assert site_settings.pages_url("https://github.com/Someone/pytorch-intro") == (
        "https://someone.github.io/pytorch-intro/"
    )
    assert (
        site_settings.pages_url("https://github.com/someone/someone.github.io")
        == "https://someone.github.io/"
    )


def test_links_to_the_repository_only_when_there_is_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """No SITE_REPOSITORY, no origin on GitHub, an empty extra.repository: no address is invented."""
    monkeypatch.delenv("SITE_REPOSITORY", raising=False)
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setattr(site_settings, "origin_on_github", lambda: None)
    assert site_settings.site_address("") == ("", site_settings.LOCAL_SITE_URL)
    assert page_source.edit_url("", "zh/tensor.md") is None
    assert notebooks.colab_url("", "zh/notebooks/tensor.ipynb") is None
    assert site_settings.clone_lines("") == ""
    monkeypatch.setenv("SITE_REPOSITORY", "https://github.com/someone/primer")
    repository, site_url = site_settings.site_address("")
    assert (repository, site_url) == (
        "https://github.com/someone/primer",
        "https://someone.github.io/primer/",
    )
    assert page_source.edit_url(repository, "zh/tensor.md") == (
        "https://github.com/someone/primer/edit/main/docs/zh/tensor.md"
    )
    assert notebooks.colab_url(repository, "en/notebooks/tensor.ipynb") == (
        "https://colab.research.google.com/github/someone/primer/blob/main/docs/en/notebooks/tensor.ipynb"
    )
    assert site_settings.clone_lines(repository) == (
        "$ git clone https://github.com/someone/primer.git\n$ cd primer\n"
    )


def test_dates_are_written_in_the_pages_language() -> None:
    assert page_source.localized(date(2026, 11, 7), "zh") == "2026年11月7日"
    assert page_source.localized(date(2026, 11, 7), "en") == "November 7, 2026"


def test_a_page_is_as_new_as_its_newest_snippet() -> None:
    page_source.last_changed.clear()
    page_source.last_changed.update(
        {"docs/en/tensor.md": date(2026, 1, 2), "snippets/tensor/shape.py": date(2026, 3, 4)}
    )
    markdown = '```python\n--8<-- "tensor/shape.py"\n```\n'
    assert page_source.revision_date("en/tensor.md", markdown) == date(2026, 3, 4)
    assert page_source.revision_date("en/tensor.md", "no code") == date(2026, 1, 2)
    assert page_source.revision_date("en/new.md", "no code") is None


def built_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


def test_built_site_points_to_one_home(site: Path) -> None:
    """Canonical links, the sitemap, the Colab links and the home page's git clone all use the one setting;
    with no repository there are no Colab links and no clone, and the site's address is mkdocs serve's."""
    repository, site_url = site_settings.project_site_address()
    assert site_url == (site_settings.pages_url(repository) if repository else site_settings.LOCAL_SITE_URL)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(location.startswith(site_url) for location in locations)
    colab_links = 0
    for page in built_pages(site):
        html = page.read_text(encoding="utf-8")
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
        if canonical:
            assert canonical[1].startswith(site_url), (page, canonical[1])
        owner_and_name = repository.removeprefix("https://github.com/")
        for colab in re.findall(r'href="(https://colab\.research\.google\.com/[^"]+)"', html):
            colab_links += 1
            assert repository and f"/github/{owner_and_name}/blob/main/docs/" in colab, (page, colab)
    home = re.sub(r"<[^>]+>", "", (site / "index.html").read_text(encoding="utf-8"))  # text, not highlighting
    if repository:
        assert colab_links and f"git clone {repository}.git" in home
    else:
        assert "git clone" not in home and "$ python -m venv .venv" in home


def test_every_page_has_an_edit_link_and_a_date(site: Path) -> None:
    repository = configured_repository()
    dated = 0
    for language in LANGUAGES:
        for source in pages(language):
            page = site / project.page_url(language, source.stem) / "index.html"
            html = page.read_text(encoding="utf-8")
            if repository:
                edit = f'href="{repository}/edit/main/docs/{language}/{source.name}"'
                assert edit in html, f"{page}: no edit link {edit}"
            else:
                assert "/edit/main/" not in html, f"{page}: an edit link with no repository to edit"
            includes = project.includes(source.read_text(encoding="utf-8"))
            paths = [str(source)] + [str(ROOT / "snippets" / name) for name in includes]
            # git's own answer: the newest commit that touched the page or any snippet it shows
            log = subprocess.run(
                ["git", "log", "-1", "--format=%cs", "--", *paths],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            if log:
                dated += 1
                shown = re.search(r'md-source-file__fact">.*?</span>\s*([^<]+?)\s*</span>', html, re.S)
                assert shown, f"{page}: no last-updated date"
                assert shown[1] == page_source.localized(date.fromisoformat(log), language), (page, shown[1])
    assert dated, "no page has git history: is this a git checkout?"
    assert "api.github.com" not in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_repository_widget_that_calls_an_api(site: Path, language: str) -> None:
    """repo_url unset: no repository facts in the header, which Material would fetch from the GitHub API."""
    home = site / project.page_url(language) / "index.html"
    assert 'class="md-source"' not in home.read_text(encoding="utf-8")
