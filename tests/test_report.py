"""scripts/report.py: the pages its Lighthouse part measures, and in which order; a page's timed checks; the
machinery's line count."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
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


def test_a_pages_checks_are_timed_and_a_failure_is_told(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's command runs in the project's folder, with this Python's scripts first on PATH; the time
    covers the whole command; its failure makes the page FAILED."""
    same_python = f"python -c \"import sys; sys.exit(sys.executable != '{sys.executable}')\""
    command = f"test -f mkdocs.yml && sleep 0.3 && {same_python}"
    monkeypatch.setattr(report.add_example, "page_test_command", lambda page: command)
    seconds, passed = report.page_tests_seconds("training")
    assert passed and seconds >= 0.3
    monkeypatch.setattr(report.add_example, "page_test_command", lambda page: "sleep 0.3 && false")
    seconds, passed = report.page_tests_seconds("training")
    assert not passed and seconds >= 0.3


# A stand-in for scripts/lighthouse.mjs: answers a request by what its URL asks for.
RUNNER = """
import json, sys, time
for line in sys.stdin:
    url = json.loads(line)["url"]
    if url == "stop":
        sys.exit(1)
    if url == "hang":
        time.sleep(60)
    answer = {"scores": {"performance": 97}, "bytes": 1000} if url in ("page", "last") else {"error": url}
    print(json.dumps(answer) if url != "garbage" else "garbage", flush=True)
    if url == "last":
        sys.exit(0)
"""


def test_each_lighthouse_run_is_answered_or_fails_and_the_next_still_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(report.Lighthouse, "SECONDS_A_RUN", 5)
    lighthouse = report.Lighthouse([sys.executable, "-c", RUNNER])
    try:
        assert lighthouse("page", "mobile") == {"performance": 97, "bytes": 1000}
        for request, failure in [
            ("NO_FCP: no paint", "NO_FCP: no paint"),
            # one line that fits a cell of the report's table
            ("ERRORED: a | b\n  at c", "ERRORED: a \\| b at c"),
            ("stop", "no answer"),
            ("hang", "over 5 s"),
            ("garbage", "not an answer: 'garbage\\n'"),
        ]:
            with pytest.raises(report.LighthouseFailed) as failed:
                lighthouse(request, "mobile")
            assert str(failed.value) == failure
            assert lighthouse("page", "desktop")["performance"] == 97, f"no run after {request!r}"
        # a runner that stopped between two runs: the next run fails (its request meets a closed pipe)
        assert lighthouse("last", "mobile")["performance"] == 97
        lighthouse.runner.wait()
        with pytest.raises(report.LighthouseFailed, match="no answer"):
            lighthouse("page", "mobile")
        assert lighthouse("page", "mobile")["performance"] == 97
    finally:
        lighthouse.close()


def test_the_machinery_is_counted_now_at_the_base_and_unchanged_since(tmp_path: Path) -> None:
    """Python in hooks/, scripts/, tests/ and conftest.py counts, tests/mutations/ and other files don't; a
    line changed since the base is not unchanged; a clone without the base says so (None); a file deleted
    from the working tree is not read."""

    repository, shallow = tmp_path / "repository", tmp_path / "shallow"

    def git(*arguments: str, folder: Path = repository) -> str:
        author = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
        done = subprocess.run(["git", *author, *arguments], cwd=folder, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def write(name: str, text: str) -> None:
        (repository / name).parent.mkdir(parents=True, exist_ok=True)
        (repository / name).write_text(text, encoding="utf-8")

    repository.mkdir()
    git("init", "-q")
    write("hooks/a.py", "one\ntwo\nthree\n")
    write("tests/mutations/run.py", "not\ncounted\n")
    write("scripts/runner.mjs", "not counted\n")
    write("docs/page.py", "not counted\n")
    git("add", ".")
    git("commit", "-qm", "base")
    base = git("rev-parse", "HEAD")
    write("hooks/a.py", "one\nTWO\nthree\nfour\n")
    write("conftest.py", "new\n")
    git("add", ".")
    git("commit", "-qm", "later")
    assert report.machinery_lines(repository, base) == (5, 3, 2)
    git("clone", "-q", "--depth", "1", f"file://{repository}", str(shallow))
    assert report.machinery_lines(shallow, base) == (5, None, None)
    # a tracked file deleted in the working tree counts as gone
    (repository / "conftest.py").unlink()
    assert report.machinery_lines(repository, base) == (4, 3, 2)
