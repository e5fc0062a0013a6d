import torch
from torch.utils.data import DataLoader, Dataset


class Squares(Dataset):
    """Sample i is (i, i * i), for i = 0 ... 9."""

    def __len__(self) -> int:
        return 10

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        return torch.tensor(index), torch.tensor(index * index)


dataset = Squares()
loader = DataLoader(dataset, batch_size=4)
for numbers, squares in loader:
    print(numbers.tolist(), squares.tolist())
    assert torch.equal(squares, numbers * numbers)
print("batches:", len(loader))
# 4 + 4 + 2: the last batch holds what is left
assert [len(numbers) for numbers, _ in loader] == [4, 4, 2]
