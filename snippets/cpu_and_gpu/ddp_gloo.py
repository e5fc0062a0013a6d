# run: subprocess
import gc
import os
import socket

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch import nn
from torch.nn.parallel import DistributedDataParallel

WORLD_SIZE = 2


def train(rank: int, port: int) -> None:
    os.environ["MASTER_ADDR"] = "127.0.0.1"
    os.environ["MASTER_PORT"] = str(port)
    # gloo runs on CPUs; on GPUs use backend="nccl" and one GPU per process.
    dist.init_process_group("gloo", rank=rank, world_size=WORLD_SIZE)

    # same initial weights in every process
    torch.manual_seed(0)
    model = DistributedDataParallel(nn.Linear(4, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

    # each rank: its own data
    generator = torch.Generator().manual_seed(rank)
    x = torch.randn(32, 4, generator=generator)
    y = x.sum(dim=1, keepdim=True)
    for _ in range(20):
        optimizer.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        # DDP averages the gradients of all ranks here
        loss.backward()
        optimizer.step()

    # Gather every rank's parameters to check they stayed identical.
    flat = torch.cat([p.detach().flatten() for p in model.parameters()])
    gathered = [torch.empty_like(flat) for _ in range(WORLD_SIZE)]
    dist.all_gather(gathered, flat)
    if rank == 0:
        print("ranks:", WORLD_SIZE, "| backend:", dist.get_backend())
        print("identical parameters:", torch.equal(gathered[0], gathered[1]))
    # DDP keeps itself alive in a reference cycle. Free it now, while the
    # process group is up, rather than during interpreter shutdown.
    del model
    gc.collect()
    # Wait until every rank is done communicating, so that none shuts down
    # while another still talks to it (PyTorch's own tests end this way).
    dist.barrier()
    dist.destroy_process_group()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    mp.spawn(train, args=(free_port(),), nprocs=WORLD_SIZE)
