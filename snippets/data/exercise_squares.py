import torch
from torch.utils.data import DataLoader, Dataset


class Squares(Dataset):
    """Sample i is (i, i * i), for i = 0 ... 9."""

    def __len__(self) -> int:
        return 10

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        return torch.tensor(index), torch.tensor(index * index)


loader = DataLoader(Squares(), batch_size=4)
for numbers, squares in loader:
    print(numbers.tolist(), squares.tolist())
print("batches:", len(loader))
