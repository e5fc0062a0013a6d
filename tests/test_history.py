"""The history page's timeline: in date order, every entry sourced, the same facts in both languages."""

from __future__ import annotations

import datetime
import re

import pytest

from fences import DOCS, LANGUAGES

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LINK = re.compile(r"\]\((https?://[^)]+)\)")


def timeline(language: str) -> list[tuple[str, str, list[str]]]:
    """(date, event, source URLs) for each row of the tables under the Timeline heading (one per era)."""
    text = (DOCS / language / "history.md").read_text(encoding="utf-8")
    section = text.split("{#timeline}", 1)[1].split("\n## ", 1)[0]
    table = [line for line in section.splitlines() if "|" in line]
    malformed = [line for line in table if not (line.startswith("| ") and line.rstrip().endswith(" |"))]
    assert not malformed, f"timeline rows must start with '| ' and end with ' |': {malformed}"
    headers = {line for line, below in zip(table, table[1:], strict=False) if below.startswith("| ---")}
    rows = [line for line in table if not line.startswith("| ---") and line not in headers]
    entries = []
    for row in rows:
        date, event, source = (cell.strip() for cell in row.strip().strip("|").split(" | "))
        entries.append((date, event, LINK.findall(source)))
    return entries


def real_date(text: str) -> datetime.date:
    """YYYY, YYYY-MM or YYYY-MM-DD as a calendar date (its first day where day or month is missing); raises
    ValueError for anything else, 2019-02-30 included."""
    formats = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}
    if len(text) not in formats or not DATE.match(text):
        raise ValueError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return datetime.datetime.strptime(text, formats[len(text)]).date()


@pytest.mark.parametrize("language", LANGUAGES)
def test_timeline_is_dated_sourced_and_in_order(language: str) -> None:
    entries = timeline(language)
    assert len(entries) >= 15, "the timeline lost entries"
    for date, event, sources in entries:
        try:
            day = real_date(date)
        except ValueError as error:
            raise AssertionError(f"{date} is not a real date ({event[:40]}): {error}") from None
        assert day <= datetime.date.today(), f"{date} lies in the future ({event[:40]})"
        assert sources, f"{date} has no source link"
    dates = [date for date, _, _ in entries]
    assert dates == sorted(dates), "timeline entries are out of date order"


def test_impossible_dates_are_refused() -> None:
    for bad in ["2019-02-30", "2019-13", "19-01-01", "2019/01/01", "2019-1-1"]:
        with pytest.raises(ValueError):
            real_date(bad)
    assert real_date("2019-02") == datetime.date(2019, 2, 1)


def test_both_languages_give_the_same_dates_and_sources() -> None:
    zh, en = timeline("zh"), timeline("en")
    assert [(date, sources) for date, _, sources in zh] == [(date, sources) for date, _, sources in en]


def test_facts_the_brief_requires() -> None:
    dates = {date for date, _, _ in timeline("en")}
    required = ["2002-10", "2015-11-09", "2018-04-24", "2018-12-07", "2019-09-30", "2022-09-12", "2023-03-15"]
    # The timeline reaches today: ONNX, JAX, weights_only, TorchServe's limited maintenance, ExecuTorch 1.0,
    # TorchScript's deprecation, the newest release when the page was checked.
    required += ["2017-09-07", "2018", "2025-01-29", "2025", "2025-10-17", "2026-01-21", "2026-10-28"]
    assert not [date for date in required if date not in dates], "the timeline lost a required entry"
