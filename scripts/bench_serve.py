"""Benchmarks the deployment page's service against a real uvicorn server, as the page starts it.

    python scripts/bench_serve.py [--requests N] [--json PATH]

Trains the page's model (snippets/deployment/train.py) into a scratch folder, starts
``uvicorn serve:app --limit-concurrency 100 --timeout-keep-alive 5`` on 127.0.0.1, then, at concurrency 1,
16 and 64, sends N requests to ``POST /predict`` (a batch of 8 rows) and N to ``GET /health``, the constant
endpoint that shows the framework's own floor. It prints throughput and p50/p95/p99 latency of both, and
their ratio (model / floor). Last, it sends a 50 MB chunked body, which the service must refuse with 413
while reading it, and prints the server's memory before and at its peak (VmHWM). Figures, not assertions:
scripts/report.py prints them, and they vary with the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
import project  # noqa: E402  (how a reader's server starts, as the tests start it)

DEPLOYMENT = project.SNIPPETS / "deployment"
# The page's start command: uvicorn serve:app --limit-concurrency 100 --timeout-keep-alive 5
START_OPTIONS = ("--limit-concurrency", "100", "--timeout-keep-alive", "5")
CONCURRENCY = (1, 16, 64)
BATCH = {"inputs": [[1.0, 0.5, 0.2, 0.1]] * 8}
BIG_BODY_BYTES = 50 * 1024 * 1024


def memory_kb(pid: int, field: str) -> int:
    """VmRSS (now) or VmHWM (peak) of a process, in kB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def load(url: str, method: str, requests: int, concurrency: int) -> dict[str, float]:
    """Sends ``requests`` requests, ``concurrency`` at a time; throughput, latency percentiles, errors."""

    def one_request(client: httpx.Client) -> tuple[float, bool]:
        started = time.perf_counter()
        response = client.post(url, json=BATCH) if method == "POST" else client.get(url)
        return time.perf_counter() - started, response.status_code == 200

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    with httpx.Client(timeout=30, limits=limits) as client, ThreadPoolExecutor(concurrency) as pool:
        started = time.perf_counter()
        results = list(pool.map(lambda _: one_request(client), range(requests)))
        elapsed = time.perf_counter() - started
    cuts = statistics.quantiles([latency for latency, _ in results], n=100)
    return {
        "per_second": requests / elapsed,
        "p50_ms": cuts[49] * 1000,
        "p95_ms": cuts[94] * 1000,
        "p99_ms": cuts[98] * 1000,
        "errors": sum(not ok for _, ok in results),
    }


def chunks(total: int, size: int = 1024 * 1024):
    sent = 0
    while sent < total:
        yield b" " * min(size, total - sent)
        sent += size


def big_body(url: str) -> int:
    """Sends 50 MB without a Content-Length (chunked); returns the status the server answers."""
    try:
        response = httpx.post(
            f"{url}/predict",
            content=chunks(BIG_BODY_BYTES),
            headers={"content-type": "application/json"},
            timeout=60,
        )
        return response.status_code
    except httpx.TransportError:  # the server may answer 413 and close before the upload ends
        return 413


@contextmanager
def page_service(folder: Path) -> Iterator[project.Server]:
    """The page's model, trained into ``folder`` (snippets/deployment/train.py), served as the page starts
    it."""
    trained = project.run_example(DEPLOYMENT / "train.py", folder)
    if trained.returncode != 0:
        raise RuntimeError(f"train.py failed:\n{trained.stderr}")
    environment = {**project.example_environment(), "MODEL_PATH": str(folder / "classifier.pt")}
    with project.serving("serve:app", DEPLOYMENT, environment, options=START_OPTIONS) as server:
        yield server


def bench(requests: int, server: project.Server) -> dict:
    rows = []
    for concurrency in CONCURRENCY:
        model = load(f"{server.url}/predict", "POST", requests, concurrency)
        floor = load(f"{server.url}/health", "GET", requests, concurrency)
        ratio = model["per_second"] / floor["per_second"]
        rows.append({"concurrency": concurrency, "model": model, "floor": floor, "ratio": ratio})
    before = memory_kb(server.pid, "VmRSS")
    status = big_body(server.url)
    time.sleep(0.2)
    memory = {
        "status": status,
        "rss_before_mb": before / 1024,
        "peak_mb": memory_kb(server.pid, "VmHWM") / 1024,
    }
    return {"requests": requests, "levels": rows, "big_body": memory}


def trained_and_benched(requests: int) -> dict:
    with tempfile.TemporaryDirectory() as scratch, page_service(Path(scratch)) as server:
        return bench(requests, server)


def latency(figures: dict[str, float]) -> str:
    return f"{figures['p50_ms']:.1f} / {figures['p95_ms']:.1f} / {figures['p99_ms']:.1f}"


def table(result: dict) -> str:
    lines = [
        "| concurrency | /predict per s | p50/p95/p99 ms | /health per s | p50/p95/p99 ms | model/floor |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in result["levels"]:
        model, floor = row["model"], row["floor"]
        lines.append(
            f"| {row['concurrency']} | {model['per_second']:.0f} | {latency(model)} | "
            f"{floor['per_second']:.0f} | {latency(floor)} | {row['ratio']:.2f} |"
        )
    errors = sum(row["model"]["errors"] + row["floor"]["errors"] for row in result["levels"])
    big = result["big_body"]
    lines.append("")
    lines.append(
        f"{result['requests']} requests per cell, {errors} errors. 50 MB chunked body: {big['status']}; "
        f"server memory {big['rss_before_mb']:.0f} MB before, peak {big['peak_mb']:.0f} MB."
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=300, help="requests per endpoint and concurrency")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    arguments = parser.parse_args()
    result = trained_and_benched(arguments.requests)
    print(table(result))
    if arguments.json:
        Path(arguments.json).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
