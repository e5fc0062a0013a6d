"""Runs the site's examples on a GPU and reports what they print, for a bare CUDA machine.

    python scripts/gpu_check.py               # on the GPU; compares with NAME.cuda.out where recorded
    python scripts/gpu_check.py --record      # the same, then writes NAME.cuda.out for every example that ran
    python scripts/gpu_check.py --device cpu  # the same check on the CPU (tests/test_gpu_check.py runs it)

Needs only Python, torch and the standard library (no MkDocs, no browser, no network). Each example runs in
a fresh process in a scratch folder, as a reader would run it:

- examples marked ``# needs: cuda`` run as written; with ``--device cpu`` "cuda" becomes "cpu" in them;
- examples that pick their device themselves (``torch.accelerator``, ``"cuda"``) run as written, and so do
  those whose data stays on the CPU by design (NumPy arrays, a ``DataLoader``'s batches before ``.to()``,
  ``random_split`` and other users of a CPU ``torch.Generator``):
  ``torch.set_default_device("cuda")`` would break them where a reader's program works;
- the other examples of the device-agnostic pages (tensor, autograd, nn.Module, CPU and GPU, data, training,
  first project) run under ``torch.set_default_device(DEVICE)``, so the tensors they create live there.

An example passes when it exits cleanly and prints what its recording for that device says (NAME.cuda.out on
a GPU, NAME.out on the CPU), measured times masked as the CPU suite masks them; with no recording for the
device, running cleanly passes and the report says "not recorded". The report (gpu_report.json and .md)
names the device, the torch and CUDA versions, each example's result and time, and what the timing examples
printed. ``--record`` also writes snippets/gpu_recording.json (GPU, torch, CUDA, date), which labels the
recorded outputs on the pages. Exit status 0 when every example passed.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
import project  # noqa: E402  (the project's facts, and how an example runs)
from project import GPU_LABEL, SNIPPETS, directives_of, note_recording  # noqa: E402

DEVICE_AGNOSTIC_PAGES = ["tensor", "autograd", "module", "cpu_and_gpu", "data", "training", "first_project"]
PICKS_DEVICE = re.compile(r'torch\.accelerator|"cuda"')  # runs on the GPU when there is one
DATA_ON_CPU = re.compile(r"\.numpy\(\)|DataLoader\(|random_split\(|torch\.Generator\(")


def directives(path: Path) -> dict[str, str]:
    return directives_of(path.read_text(encoding="utf-8"))


def examples() -> list[Path]:
    """Every example that can run on a GPU: the CUDA-only ones, then the device-agnostic pages'."""
    chosen = []
    for path in sorted(SNIPPETS.rglob("*.py")):
        found = directives(path)
        if found.get("needs") == "cuda":
            chosen.append(path)
        elif path.parent.name in DEVICE_AGNOSTIC_PAGES and "needs" not in found:
            chosen.append(path)
    return chosen


def runs_as_written(path: Path) -> bool:
    """True for an example that picks its own device or keeps its data on the CPU by design."""
    text = path.read_text(encoding="utf-8")
    cuda_only = directives(path).get("needs") == "cuda"
    return cuda_only or bool(PICKS_DEVICE.search(text) or DATA_ON_CPU.search(text))


def recording(path: Path, device: str) -> Path:
    return path.with_suffix(".cuda.out") if device == "cuda" else path.with_suffix(".out")


def run_example(path: Path, device: str, scratch: Path) -> tuple[int, str, str, float]:
    """(exit status, stdout, stderr, seconds) of one example run in its own process, under the CPU suite's
    rules (its warnings are errors, no network: hooks/project.py's ``run_example``)."""
    found = directives(path)
    source = path
    default_device = device
    if runs_as_written(path) or found.get("run") == "subprocess":
        # a "# run: subprocess" example starts processes of its own: it runs exactly as a reader runs it
        default_device = "as-written"
        if device != "cuda" and found.get("needs") == "cuda":
            source = scratch / path.name
            swapped = path.read_text(encoding="utf-8").replace('"cuda"', f'"{device}"')
            source.write_text(swapped, encoding="utf-8")
    # The swapped copy imports the example's neighbours. Kernels as the machine picks them (not pinned as in
    # the CPU suite): the timing examples compare the GPU with the CPU as a reader's machine runs it.
    options = {"device": default_device, "pinned": False, "environment": {"PYTHONPATH": str(path.parent)}}
    if "setup" in found:  # the example the page runs first writes the files this one reads
        project.run_example(path.parent / found["setup"], scratch, **options, timeout=600)
    started = time.perf_counter()
    try:
        result = project.run_example(source, scratch, **options)
    except subprocess.TimeoutExpired:
        return 124, "", "timed out after 300 s", time.perf_counter() - started
    return result.returncode, result.stdout, result.stderr, time.perf_counter() - started


def picks_gpu(path: Path) -> bool:
    """True for an example that runs on the GPU when there is one, as a reader runs it."""
    return bool(PICKS_DEVICE.search(path.read_text(encoding="utf-8")))


def check(device: str, record: bool, only: list[str] | None = None, jobs: int = 1) -> dict:
    import torch

    report = {
        "device": torch.cuda.get_device_name(0) if device == "cuda" else platform.processor() or "CPU",
        "device_kind": device,
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "python": platform.python_version(),
        "examples": [],
    }
    chosen = [p for p in examples() if not only or p.relative_to(SNIPPETS).as_posix() in only]
    timed = [p for p in chosen if directives(p).get("output") == "timings vary"]
    untimed = [p for p in chosen if p not in timed]

    def run_in_scratch(path: Path) -> tuple[int, str, str, float]:
        with tempfile.TemporaryDirectory() as scratch:
            return run_example(path, device, Path(scratch))

    # Examples run side by side; the timing examples afterwards, one at a time, on an idle machine.
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        runs = dict(zip(untimed, pool.map(run_in_scratch, untimed), strict=True))
    runs.update({path: run_in_scratch(path) for path in timed})
    for path in chosen:
        name = path.relative_to(SNIPPETS).as_posix()
        status, printed, errors, seconds = runs[path]
        expected_file = recording(path, device)
        found = directives(path)
        varies = found.get("output") == "varies by machine" and device != "cuda"
        on_the_cpu = device == "cuda" and runs_as_written(path) and not picks_gpu(path)
        if status != 0:
            result = "failed: " + (errors.strip().splitlines() or [f"exit status {status}"])[-1]
        elif on_the_cpu:
            result = "passed (its data stays on the CPU)"
        elif expected_file.exists() and not varies:
            recorded = expected_file.read_text(encoding="utf-8")
            same = project.comparable(found, printed) == project.comparable(found, recorded)
            result = "passed" if same else f"failed: prints something else than {expected_file.name}"
        else:
            result = "passed (not recorded)"
        if record and device == "cuda" and status == 0 and not on_the_cpu:
            expected_file.write_text(printed, encoding="utf-8")
            note_recording(expected_file)  # which code wrote it: the CPU suite checks it still holds
        entry = {
            "example": name,
            "result": result,
            "seconds": round(seconds, 2),
            "default_device": "as written" if runs_as_written(path) else device,
        }
        if status != 0:
            entry["stderr"] = errors.strip().splitlines()[-25:]
        if found.get("output") == "timings vary":
            entry["printed"] = printed.strip().splitlines()
        report["examples"].append(entry)
        print(f"{result:<40.40} {seconds:6.1f} s  {name}", flush=True)
    report["passed"] = all(entry["result"].startswith("passed") for entry in report["examples"])
    if record and device == "cuda" and not only:
        info = {key: report[key] for key in ("device", "torch", "cuda", "python")}
        info["date"] = date.today().isoformat()
        GPU_LABEL.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        note_recording(GPU_LABEL)
    return report


def markdown(report: dict) -> str:
    lines = [
        f"GPU check on {report['device']} ({report['device_kind']}): torch {report['torch']}, "
        f"CUDA {report['cuda']}, Python {report['python']}",
        "",
        "| example | result | seconds |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {e['example']} | {e['result']} | {e['seconds']} |" for e in report["examples"]]
    for entry in report["examples"]:
        if "printed" in entry:
            lines += ["", f"{entry['example']} printed:", *[f"    {line}" for line in entry["printed"]]]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--device", default="cuda", choices=["cuda", "cpu"])
    parser.add_argument("--record", action="store_true", help="write NAME.cuda.out for each example that ran")
    parser.add_argument("--report", default="gpu_report", help="report file name, without extension")
    parser.add_argument("--jobs", type=int, default=1, help="examples run side by side (timings alone)")
    parser.add_argument("--only", nargs="*", help="check only these examples (PAGE/NAME.py)")
    arguments = parser.parse_args()

    import torch

    if arguments.device == "cuda" and not torch.cuda.is_available():
        print("no CUDA device: run on a GPU machine, or pass --device cpu", file=sys.stderr)
        return 2
    report = check(arguments.device, arguments.record, arguments.only, arguments.jobs)
    Path(f"{arguments.report}.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    Path(f"{arguments.report}.md").write_text(markdown(report), encoding="utf-8")
    failed = [e["example"] for e in report["examples"] if not e["result"].startswith("passed")]
    total = len(report["examples"])
    print(f"{total - len(failed)}/{total} passed; report in {arguments.report}.md")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
