"""Where each page comes from, shown on the page: an "edit this page" link and the date it last changed.

- ``page.edit_url`` is ``extra.repository`` + ``/edit/main/docs/<the page's file>``. Material shows it as the
  pencil button (feature ``content.action.edit``). It is a plain link: ``repo_url`` stays unset, so no page
  asks the GitHub API for repository facts. With no repository there is no edit link.
- ``page.meta["revision_date"]`` is the date of the last commit that touched the page or a snippet it
  includes, written the way the page's language writes dates (2026年11月27日 / November 27, 2026); Material
  prints it under the page. In a shallow clone every file's last commit is the one commit there is, so all
  pages show that commit's date: stable, only less precise. Outside a git checkout no date is shown.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from project import ROOT, includes

MONTHS = ("January February March April May June July August September October November December").split()

last_changed: dict[str, date] = {}  # repository-relative path -> date of its last commit


def git_dates() -> dict[str, date]:
    """Every tracked file's last commit date, from one ``git log`` walk (newest commit first)."""
    try:
        log = subprocess.run(
            ["git", "log", "--format=@%cs", "--name-only", "--no-renames", "--", "docs", "snippets"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, date] = {}
    current = None
    for line in log.splitlines():
        if line.startswith("@"):
            current = date.fromisoformat(line[1:])
        elif line and current is not None:
            dates.setdefault(line, current)
    return dates


def localized(day: date, language: str) -> str:
    if language == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def revision_date(source: str, markdown: str) -> date | None:
    """The newest last-commit date of the page's file and the snippets it includes."""
    paths = [f"docs/{source}"] + [f"snippets/{name}" for name in includes(markdown)]
    dates = [last_changed[path] for path in paths if path in last_changed]
    return max(dates) if dates else None


def edit_url(repository: str, source: str) -> str | None:
    """The page's edit link on GitHub; None (no pencil button) when there is no repository."""
    return f"{repository.rstrip('/')}/edit/main/docs/{source}" if repository else None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    last_changed.clear()
    last_changed.update(git_dates())
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = page.file.src_uri
    page.edit_url = edit_url(config["extra"]["repository"], source)
    # The page as written: hooks/reader_code.py has already put each snippet's code in place of its include.
    written = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    day = revision_date(source, written)
    if day is not None:
        page.meta["revision_date"] = localized(day, source.split("/", 1)[0])
    return markdown
