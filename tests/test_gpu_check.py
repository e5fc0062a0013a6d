"""scripts/gpu_check.py, the GPU recording tool, exercised on the CPU, where it must run too."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import gpu_check
from fences import ROOT, SNIPPETS

SAMPLE = ["tensor/create.py", "cpu_and_gpu/timing_gpu.py", "cpu_and_gpu/timing_cpu.py"]


def test_every_gpu_example_is_in_the_check() -> None:
    names = {path.relative_to(SNIPPETS).as_posix() for path in gpu_check.examples()}
    cuda_only = {"cpu_and_gpu/mixed_devices_cuda.py", "cpu_and_gpu/timing_gpu.py", "tensor/device_gpu.py"}
    assert cuda_only <= names
    agnostic = {"tensor/create.py", "autograd/first_gradient.py", "module/fit_with_nn.py", "training/loop.py"}
    assert agnostic <= names
    assert not any(name.startswith("pytorch_vs_tensorflow/") for name in names), "no GPU check for TensorFlow"


def test_the_check_runs_with_the_device_swapped_to_cpu(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, ROOT / "scripts" / "gpu_check.py", "--device", "cpu", "--only", *SAMPLE],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "gpu_report.json").read_text(encoding="utf-8"))
    assert [entry["example"] for entry in report["examples"]] == sorted(SAMPLE)
    assert report["torch"] and report["device_kind"] == "cpu"
    timing = next(entry for entry in report["examples"] if entry["example"] == "cpu_and_gpu/timing_gpu.py")
    assert len(timing["printed"]) == 4 and timing["printed"][0].startswith("run 0: ")
    assert "| tensor/create.py | passed |" in (tmp_path / "gpu_report.md").read_text(encoding="utf-8")


def test_a_wrong_output_fails_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = tmp_path / "wrong.out"
    wrong.write_text("not what it prints\n", encoding="utf-8")
    monkeypatch.setattr(gpu_check, "recording", lambda path, device: wrong)
    report = gpu_check.check("cpu", record=False, only=["tensor/create.py"])
    assert not report["passed"]
    assert report["examples"][0]["result"].startswith("failed: prints something else")


def test_examples_keep_their_own_device_choice() -> None:
    """set_default_device("cuda") would break code that picks its device, or keeps its data on the CPU by
    design (DataLoader shuffling, random_split, NumPy): they run as written, the rest on the GPU."""
    as_written = {
        path.relative_to(SNIPPETS).as_posix()
        for path in gpu_check.examples()
        if gpu_check.runs_as_written(path)
    }
    assert {
        "cpu_and_gpu/pick_device.py",
        "tensor/device_gpu.py",
        "data/dataloader.py",
        "data/tensor_dataset.py",
        "tensor/numpy_bridge.py",
        "training/loop.py",
    } <= as_written
    assert not {"tensor/create.py", "autograd/first_gradient.py", "module/fit_with_nn.py"} & as_written
    assert gpu_check.picks_gpu(SNIPPETS / "training" / "loop.py")
    assert not gpu_check.picks_gpu(SNIPPETS / "data" / "dataloader.py")


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (
            'import warnings\nwarnings.warn("an old API", DeprecationWarning)\n',
            "DeprecationWarning: an old API",
        ),
        (
            'import socket\nsocket.create_connection(("192.0.2.1", 80), timeout=1)\n',
            "must not use the network",
        ),
    ],
    ids=["a warning", "the network"],
)
def test_the_check_runs_examples_under_the_suites_rules(code: str, says: str, tmp_path: Path) -> None:
    """An example that warns, or reaches the network, fails on the GPU as it fails in the CPU suite."""
    example = tmp_path / "example.py"
    example.write_text(code, encoding="utf-8")
    status, _, errors, _ = gpu_check.run_example(example, "cpu", tmp_path)
    assert status != 0, f"the check let an example through that the CPU suite fails ({says})"
    assert says in errors
