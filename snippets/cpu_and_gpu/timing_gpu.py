# needs: cuda
# output: timings vary
import time

import torch

device = torch.device("cuda")
a = torch.randn(1024, 1024, device=device)
b = torch.randn(1024, 1024, device=device)

for run in range(4):
    torch.cuda.synchronize()  # start the clock with the GPU idle
    start = time.perf_counter()
    c = a @ b  # only queues the work on the GPU
    torch.cuda.synchronize()  # wait until it is really done
    elapsed = time.perf_counter() - start
    print(f"run {run}: {elapsed * 1000:.2f} ms")
