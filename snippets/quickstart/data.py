import torch
from sklearn.datasets import load_digits
from torch.utils.data import DataLoader, TensorDataset, random_split


def load_splits() -> tuple[TensorDataset, TensorDataset]:
    """The 1,797 digit scans that ship with scikit-learn,
    split 80 / 20 into training and test sets."""
    digits = load_digits()
    # Pixels 0..16 scaled to 0..1; one channel of 8x8.
    images = torch.tensor(digits.images, dtype=torch.float32)
    images = (images / 16).unsqueeze(1)
    labels = torch.tensor(digits.target)
    dataset = TensorDataset(images, labels)
    # A seeded split: the same test set on every run.
    generator = torch.Generator().manual_seed(0)
    return random_split(dataset, [0.8, 0.2], generator=generator)


def make_loaders() -> tuple[DataLoader, DataLoader]:
    train_set, test_set = load_splits()
    shuffle = torch.Generator().manual_seed(0)
    train_loader = DataLoader(
        train_set, batch_size=64, shuffle=True, generator=shuffle
    )
    test_loader = DataLoader(test_set, batch_size=256)
    return train_loader, test_loader


if __name__ == "__main__":
    train_set, test_set = load_splits()
    print("training images:", len(train_set))
    print("test images:", len(test_set))
    image, label = train_set[0]
    print("one image:", image.shape, "label:", label.item())
