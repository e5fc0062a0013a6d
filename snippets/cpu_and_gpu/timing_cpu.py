# output: timings vary
import time

import torch

device = torch.device("cpu")
a = torch.randn(1024, 1024, device=device)
b = torch.randn(1024, 1024, device=device)

for run in range(4):
    start = time.perf_counter()
    c = a @ b
    elapsed = time.perf_counter() - start
    print(f"run {run}: {elapsed * 1000:.2f} ms")
