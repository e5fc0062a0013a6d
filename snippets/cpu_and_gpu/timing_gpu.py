# needs: cuda
# output: timings vary
import time

import torch

device = torch.device("cuda")
a = torch.randn(1024, 1024, device=device)
b = torch.randn(1024, 1024, device=device)

for run in range(4):
    # start the clock with the GPU idle
    torch.cuda.synchronize()
    start = time.perf_counter()
    # only queues the work on the GPU
    c = a @ b
    # wait until it is really done
    torch.cuda.synchronize()
    elapsed = time.perf_counter() - start
    print(f"run {run}: {elapsed * 1000:.2f} ms")
