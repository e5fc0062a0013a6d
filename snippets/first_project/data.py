import torch
from sklearn.datasets import load_digits
from torch.utils.data import DataLoader, TensorDataset, random_split


def load_splits() -> tuple[TensorDataset, TensorDataset, TensorDataset]:
    """1,797 scanned digits, 8x8 pixels each, split 70 / 15 / 15 into training,
    validation and test sets, the same way on every run."""
    # shipped inside scikit-learn: nothing to download
    digits = load_digits()
    # 0..1
    images = torch.tensor(digits.images, dtype=torch.float32) / 16
    # (1797, 1, 8, 8): one channel
    images = images.unsqueeze(1)
    labels = torch.tensor(digits.target)
    dataset = TensorDataset(images, labels)
    generator = torch.Generator().manual_seed(0)
    train, val, test = random_split(
        dataset, [0.7, 0.15, 0.15], generator=generator
    )
    return train, val, test


def make_loaders(
    batch_size: int = 64,
) -> tuple[DataLoader, DataLoader, DataLoader]:
    train, val, test = load_splits()
    shuffle_generator = torch.Generator().manual_seed(0)
    return (
        DataLoader(
            train, batch_size, shuffle=True, generator=shuffle_generator
        ),
        DataLoader(val, batch_size=256),
        DataLoader(test, batch_size=256),
    )


if __name__ == "__main__":
    train, val, test = load_splits()
    print(len(train), len(val), len(test))
    image, label = train[0]
    print(image.shape, image.dtype, label)
    print(torch.bincount(torch.stack([label for _, label in test])))
