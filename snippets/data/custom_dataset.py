import torch
from torch.utils.data import Dataset


class SquaresDataset(Dataset):
    """Sample i is (i, i squared): computed when asked for, never stored."""

    def __init__(self, size: int) -> None:
        self.size = size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        if not 0 <= index < self.size:
            # also tells a for loop where to stop
            raise IndexError(index)
        x = torch.tensor([float(index)])
        return x, x**2


dataset = SquaresDataset(5)
print(len(dataset))
print(dataset[3])
print([target.item() for _, target in dataset])
