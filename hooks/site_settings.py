"""Fills in what a page takes from elsewhere in the project, so that it is written once:

- ``@REPOSITORY@`` becomes ``extra.repository`` from mkdocs.yml (the repository's URL), and
  ``@REPOSITORY_NAME@`` its last part (the folder ``git clone`` creates);
- ``@BAD_REQUESTS_TABLE@`` becomes the table of bad requests and their statuses, in the page's language,
  from snippets/deployment/bad_requests.toml, the same list tests/test_deployment.py sends to the service.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

BAD_REQUESTS = Path(__file__).resolve().parent.parent / "snippets" / "deployment" / "bad_requests.toml"
VALID_ROW = "[1, 2, 3, 4]"
HEADERS = {
    "zh": ("请求", "示例请求体", "状态码"),
    "en": ("Request", "Example body", "Status"),
}


def bad_requests() -> list[dict]:
    with BAD_REQUESTS.open("rb") as file:
        return tomllib.load(file)["case"]


def body_of(case: dict) -> str:
    """The request body a case sends."""
    if "rows" in case:
        return '{"inputs": [' + ", ".join([VALID_ROW] * case["rows"]) + "]}"
    if "bytes" in case:
        return " " * case["bytes"]
    return case["body"]


def example(case: dict, language: str) -> str:
    if "rows" in case:
        return f'`{{"inputs": [{VALID_ROW}, ...]}}`'
    if "bytes" in case:
        return f"{case['bytes']:,} " + ("个空格" if language == "zh" else "spaces")
    body = case["body"] if len(case["body"]) <= 40 else case["body"][:37] + "..."
    return f"`{body}`" if body else ("（空）" if language == "zh" else "(empty)")


def bad_requests_table(language: str) -> str:
    request, body, status = HEADERS[language]
    lines = [f"| {request} | {body} | {status} |", "| --- | --- | --- |"]
    for case in bad_requests():
        lines.append(f"| {case[language]} | {example(case, language)} | {case['status']} |")
    return "\n".join(lines)


def settings(config: MkDocsConfig) -> dict[str, str]:
    repository = config["extra"]["repository"].rstrip("/")
    return {"@REPOSITORY@": repository, "@REPOSITORY_NAME@": repository.rsplit("/", 1)[-1]}


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    for marker, value in settings(config).items():
        markdown = markdown.replace(marker, value)
    if "@BAD_REQUESTS_TABLE@" in markdown:
        language = page.file.src_uri.split("/", 1)[0]
        markdown = markdown.replace("@BAD_REQUESTS_TABLE@", bad_requests_table(language))
    return markdown
