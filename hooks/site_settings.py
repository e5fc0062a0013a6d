"""Fills in what a page takes from elsewhere in the project, so that it is written once.

Where the site lives comes from one setting, the repository's URL: ``SITE_REPOSITORY`` in the environment (the
Pages workflow sets it to the repository it runs in, so a fork publishes links to itself), else the ``origin``
remote when it is on GitHub, else ``extra.repository`` in mkdocs.yml (empty: no repository). ``site_url``
(canonical links, sitemap) is derived from it, the address GitHub Pages serves that repository at, unless
``SITE_URL`` names another (a custom domain). With no repository the build invents no address: the site's
address is the one ``mkdocs serve`` serves it at (LOCAL_SITE_URL), and the edit, Colab and ``git clone`` links
are left out (hooks/page_source.py, hooks/notebooks.py, ``@CLONE@`` below). On a page:

- ``@CLONE@`` becomes the two console lines that clone the repository and enter its folder, or nothing when
  there is no repository (the reader who built the site already has the code);
- ``@BAD_REQUESTS_TABLE@`` becomes the table of bad requests and their statuses, in the page's language,
  from snippets/deployment/bad_requests.toml, the same list tests/test_deployment.py sends to the service;
- ``@GPU@``, ``@GPU_TORCH@`` and ``@GPU_DATE@`` become the GPU, torch build and date that recorded the
  ``NAME.cuda.out`` files (snippets/gpu_recording.json, from ``scripts/gpu_check.py --record``), and
  ``@MATMUL_TIMINGS@`` the table of matrix-multiply times read from the recorded timing outputs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tomllib

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from project import SNIPPETS

BAD_REQUESTS = SNIPPETS / "deployment" / "bad_requests.toml"
GPU_RECORDING = SNIPPETS / "gpu_recording.json"
# What `mkdocs serve` serves the site at (README's address) when no repository says where it is published.
LOCAL_SITE_URL = "http://127.0.0.1:8000/pytorch-intro/"
RUN_TIME = re.compile(r"^run (\d+): ([\d.]+ ms)$")
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


def gpu_recording() -> dict[str, str]:
    return json.loads(GPU_RECORDING.read_text(encoding="utf-8"))


def run_times(recorded: str) -> list[str]:
    """The times a timing example printed, run 0 first."""
    path = SNIPPETS / "cpu_and_gpu" / recorded
    return [
        match[2] for line in path.read_text(encoding="utf-8").splitlines() if (match := RUN_TIME.match(line))
    ]


def matmul_timings_table(language: str) -> str:
    """CPU and GPU times side by side, each from the recorded output of a real run."""
    gpu = gpu_recording()
    rows = {
        "zh": [
            ("本站测试机", "CPU", "timing_cpu.out"),
            (f"GPU 机器（{gpu['date']}）", "CPU", "timing_cpu.cuda.out"),
            (f"GPU 机器（{gpu['date']}）", gpu["device"], "timing_gpu.cuda.out"),
        ],
        "en": [
            ("This site's test machine", "CPU", "timing_cpu.out"),
            (f"The GPU machine ({gpu['date']})", "CPU", "timing_cpu.cuda.out"),
            (f"The GPU machine ({gpu['date']})", gpu["device"], "timing_gpu.cuda.out"),
        ],
    }[language]
    header = {
        "zh": "| 机器 | 设备 | 第一次（run 0） | 热身之后（run 3） |",
        "en": "| Machine | Device | First call (run 0) | Warmed up (run 3) |",
    }[language]
    lines = [header, "| --- | --- | --- | --- |"]
    for machine, device, recorded in rows:
        times = run_times(recorded)
        lines.append(f"| {machine} | {device} | {times[0]} | {times[-1]} |")
    return "\n".join(lines)


def origin_on_github() -> str | None:
    """The ``origin`` remote as https://github.com/OWNER/NAME, when there is one on GitHub."""
    try:
        url = subprocess.run(
            ["git", "remote", "get-url", "origin"],
            cwd=SNIPPETS.parent,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.fullmatch(r"(?:https://github\.com/|git@github\.com:)([\w.-]+)/([\w.-]+?)(?:\.git)?/?", url)
    return f"https://github.com/{match[1]}/{match[2]}" if match else None


def pages_url(repository: str) -> str:
    """The address GitHub Pages serves a repository's site at: https://OWNER.github.io/NAME/, or the root for
    a user or organisation site (NAME is OWNER.github.io)."""
    owner, name = repository.rstrip("/").split("/")[-2:]
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if name.lower() == host else f"https://{host}/{name}/"


def site_address(configured_repository: str) -> tuple[str, str]:
    """(repository URL, site_url) from SITE_REPOSITORY, else the origin remote, else mkdocs.yml. The URL is
    empty when none of them names a repository; site_url is then where ``mkdocs serve`` serves the site."""
    repository = os.environ.get("SITE_REPOSITORY") or origin_on_github() or configured_repository or ""
    default = pages_url(repository) if repository else LOCAL_SITE_URL
    site_url = os.environ.get("SITE_URL") or default
    return repository.rstrip("/"), site_url if site_url.endswith("/") else site_url + "/"


def clone_lines(repository: str) -> str:
    """@CLONE@: the console lines that get the code, or nothing without a repository to clone."""
    if not repository:
        return ""
    return f"$ git clone {repository}.git\n$ cd {repository.rsplit('/', 1)[-1]}\n"


def project_site_address() -> tuple[str, str]:
    """site_address() of this project's mkdocs.yml, for tools outside the build (report.py, tests)."""
    config = yaml.safe_load((SNIPPETS.parent / "mkdocs.yml").read_text(encoding="utf-8"))
    return site_address(config["extra"]["repository"])


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config["extra"]["repository"], config["site_url"] = site_address(config["extra"]["repository"])
    return config


def gpu_markers() -> dict[str, str]:
    """@GPU@, @GPU_TORCH@, @GPU_DATE@: who recorded the GPU outputs (the pages and the notebooks say it)."""
    gpu = gpu_recording()
    return {"@GPU@": gpu["device"], "@GPU_TORCH@": gpu["torch"], "@GPU_DATE@": gpu["date"]}


def fill(text: str, markers: dict[str, str]) -> str:
    for marker, value in markers.items():
        text = text.replace(marker, value)
    return text


def settings(config: MkDocsConfig) -> dict[str, str]:
    return {"@CLONE@\n": clone_lines(config["extra"]["repository"]), **gpu_markers()}


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    markdown = fill(markdown, settings(config))
    language = page.file.src_uri.split("/", 1)[0]
    if "@BAD_REQUESTS_TABLE@" in markdown:
        markdown = markdown.replace("@BAD_REQUESTS_TABLE@", bad_requests_table(language))
    if "@MATMUL_TIMINGS@" in markdown:
        markdown = markdown.replace("@MATMUL_TIMINGS@", matmul_timings_table(language))
    return markdown
