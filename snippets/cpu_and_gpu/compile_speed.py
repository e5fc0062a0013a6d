# output: timings vary
import time

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(256, 512), nn.GELU(), nn.Linear(512, 10))
model.eval()
x = torch.randn(64, 256)


def milliseconds(function, runs: int = 50) -> float:
    """The median time of one call, after a warm-up call."""
    function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return sorted(times)[runs // 2] * 1000


compiled = torch.compile(model)
with torch.no_grad():
    start = time.perf_counter()
    # The first call compiles: it captures the graph and generates code.
    compiled_out = compiled(x)
    print(f"first call (compiles): {time.perf_counter() - start:.1f} s")
    same = torch.allclose(compiled_out, model(x), atol=1e-5)
    print("same outputs as eager (atol 1e-5):", same)
    print(f"eager:    {milliseconds(lambda: model(x)):.3f} ms per call")
    print(f"compiled: {milliseconds(lambda: compiled(x)):.3f} ms per call")
