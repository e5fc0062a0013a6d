"""The FastAPI service of the deployment page, tested in-process (TestClient) and as a real uvicorn server."""

from __future__ import annotations

import importlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from fences import SNIPPETS
from snippet_runner import script_folder_on_path

DEPLOYMENT = SNIPPETS / "deployment"
LOAD_REQUESTS, LOAD_CONCURRENCY, LOAD_SECONDS = 500, 16, 30


@pytest.fixture(scope="module")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("model") / "classifier.pt"
    with script_folder_on_path(DEPLOYMENT):
        importlib.import_module("train").train_classifier(path)
    return path


@pytest.fixture(scope="module")
def client(model_file: Path) -> Iterator[TestClient]:
    os.environ["MODEL_PATH"] = str(model_file)
    try:
        with script_folder_on_path(DEPLOYMENT):
            serve = importlib.import_module("serve")
            with TestClient(serve.app) as test_client:
                yield test_client
    finally:
        del os.environ["MODEL_PATH"]


def test_predicts_a_batch(client: TestClient) -> None:
    response = client.post("/predict", json={"inputs": [[3, 0, 0, 0], [0, 3, 0, 0], [0, 0, 3, 0]]})
    assert response.status_code == 200
    body = response.json()
    assert body["classes"] == [0, 1, 2]  # the three cluster centres
    assert all(abs(sum(row) - 1) < 1e-3 for row in body["probabilities"])


ROW = "[1, 2, 3, 4]"
BAD_REQUESTS = {
    "malformed JSON": '{"inputs": [[1, 2',
    "not JSON at all": "hello",
    "empty body": "",
    "missing field": '{"rows": [[1, 2, 3, 4]]}',
    "too few features": '{"inputs": [[1, 2, 3]]}',
    "too many features": '{"inputs": [[1, 2, 3, 4, 5]]}',
    "flat list": '{"inputs": [1, 2, 3, 4]}',
    "string feature": '{"inputs": [["a", 2, 3, 4]]}',
    "null feature": '{"inputs": [[null, 2, 3, 4]]}',
    "NaN": '{"inputs": [[NaN, 2, 3, 4]]}',
    "Infinity": '{"inputs": [[Infinity, 2, 3, 4]]}',
    "overflow to inf": '{"inputs": [[1e400, 2, 3, 4]]}',
    "empty batch": '{"inputs": []}',
    "oversized batch": '{"inputs": [' + ", ".join([ROW] * 65) + "]}",
    "inputs not a list": '{"inputs": "1, 2, 3, 4"}',
}


@pytest.mark.parametrize("body", BAD_REQUESTS.values(), ids=BAD_REQUESTS.keys())
def test_bad_input_gets_a_clear_422(client: TestClient, body: str) -> None:
    response = client.post("/predict", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert detail and all(error["msg"] for error in detail), "the client must be told what is wrong"


def test_largest_allowed_batch_is_accepted(client: TestClient) -> None:
    response = client.post("/predict", json={"inputs": [[1, 2, 3, 4]] * 64})
    assert response.status_code == 200
    assert len(response.json()["classes"]) == 64


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(model_file: Path) -> Iterator[str]:
    """The service under a real uvicorn process on 127.0.0.1, as a reader would start it."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "serve:app", "--host", "127.0.0.1", "--port", str(port)],
        cwd=DEPLOYMENT,
        env={**os.environ, "MODEL_PATH": str(model_file)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.poll() is None, process.stderr.read()
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("uvicorn did not start within 60 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_real_server_answers_and_rejects(server: str) -> None:
    good = httpx.post(f"{server}/predict", json={"inputs": [[3, 0, 0, 0]]}, timeout=10)
    assert good.status_code == 200 and good.json()["classes"] == [0]
    bad = httpx.post(f"{server}/predict", content='{"inputs": [[NaN, 1, 2, 3]]}', timeout=10)
    assert bad.status_code == 422


def test_load(server: str, record_property) -> None:
    """500 requests, 16 at a time, bounded to 30 s: no errors allowed."""
    body = json.dumps({"inputs": [[1.0, 0.5, 0.2, 0.1]] * 8})
    headers = {"content-type": "application/json"}

    def one_request(client: httpx.Client) -> tuple[int, float]:
        start = time.perf_counter()
        status = client.post(f"{server}/predict", content=body, headers=headers).status_code
        return status, time.perf_counter() - start

    limits = httpx.Limits(max_connections=LOAD_CONCURRENCY)
    with (
        httpx.Client(timeout=LOAD_SECONDS, limits=limits) as client,
        ThreadPoolExecutor(LOAD_CONCURRENCY) as pool,
    ):
        start = time.perf_counter()
        results = list(pool.map(lambda _: one_request(client), range(LOAD_REQUESTS)))
        elapsed = time.perf_counter() - start

    errors = [status for status, _ in results if status != 200]
    latencies = sorted(latency for _, latency in results)
    p95 = latencies[int(0.95 * len(latencies)) - 1]
    # Shown in the terminal summary by conftest.py (also under pytest-xdist, where this runs in a worker).
    record_property(
        "load test",
        f"{LOAD_REQUESTS} requests, concurrency {LOAD_CONCURRENCY}: "
        f"{LOAD_REQUESTS / elapsed:.0f} requests/s, "
        f"p95 latency {p95 * 1000:.1f} ms, {len(errors)} errors, {elapsed:.1f} s",
    )
    assert not errors, f"{len(errors)} failed requests: {sorted(set(errors))}"
    assert elapsed < LOAD_SECONDS
