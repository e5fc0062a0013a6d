import torch
from torch.utils.data import DataLoader, Dataset


def scale(image: torch.Tensor) -> torch.Tensor:
    """Pixel values 0..255 become 0..1."""
    return image / 255


def add_channel(image: torch.Tensor) -> torch.Tensor:
    """(height, width) becomes (1, height, width): one channel."""
    return image.unsqueeze(0)


class ImageDataset(Dataset):
    def __init__(self, images, labels, transforms=()) -> None:
        self.images, self.labels, self.transforms = images, labels, transforms

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        image = self.images[index]
        # applied to one sample at a time
        for transform in self.transforms:
            image = transform(image)
        return image, self.labels[index]


images = torch.randint(
    0, 256, (6, 8, 8), generator=torch.Generator().manual_seed(0)
)
dataset = ImageDataset(images, torch.arange(6), transforms=[scale, add_channel])
image, label = dataset[0]
print(image.shape, image.dtype, round(image.max().item(), 3))

batch, labels = next(iter(DataLoader(dataset, batch_size=4)))
print(batch.shape, labels.shape)
