"""Runs ``python SCRIPT`` for scripts/gpu_check.py: ``python run_on_device.py DEVICE SCRIPT``.

With a DEVICE (hooks/project.py's ``run_example(device=...)``), torch's default device is set first, so the
tensors a device-agnostic example creates live there; ``as-written`` leaves the example's own choice. The
script runs as ``__main__`` with its own folder first on sys.path, as ``python SCRIPT`` would run it; on a
GPU the queued work is waited for before the process ends. On a machine without CUDA,
``torch.cuda.synchronize()`` does nothing instead of failing: a CUDA-only example that waits for its GPU
runs there with its device swapped to the CPU.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import torch


def main(device: str, script: str) -> None:
    if device != "as-written":
        torch.set_default_device(device)
    if not torch.cuda.is_available():
        torch.cuda.synchronize = lambda *args, **kwargs: None
    sys.path[0] = str(Path(script).resolve().parent)
    sys.argv = [script]
    runpy.run_path(script, run_name="__main__")
    if torch.cuda.is_available():
        torch.cuda.synchronize()


if __name__ == "__main__":
    main(*sys.argv[1:])
