# setup: write_images.py
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch
from PIL import Image, UnidentifiedImageError
from torch.utils.data import Dataset

# The model reads 8x8 grey images, as in the first project.
SIZE = 8


def list_images(root: Path) -> tuple[list[Path], list[str]]:
    """Every PNG under root/CLASS/, in a fixed order, and the class names
    (the folder names, sorted)."""
    classes = sorted(d.name for d in root.iterdir() if d.is_dir())
    files = sorted(root.glob("*/*.png"))
    return files, classes


def read_image(path: Path) -> Image.Image:
    """Opens one image file, or says which file is wrong and why."""
    try:
        image = Image.open(path)
        # open() reads only the header; load() decodes the pixels
        image.load()
    except (UnidentifiedImageError, OSError) as error:
        raise ValueError(f"{path}: not a readable image ({error})") from error
    if image.mode != "L":
        raise ValueError(
            f"{path}: mode {image.mode}, expected L (one grey channel)"
        )
    if min(image.size) < SIZE:
        raise ValueError(
            f"{path}: {image.width}x{image.height} pixels, "
            f"smaller than the {SIZE}x{SIZE} the model reads"
        )
    return image


def to_tensor(image: Image.Image) -> torch.Tensor:
    """Resizes to SIZE x SIZE; pixels 0..255 become a (1, SIZE, SIZE)
    tensor of floats in 0..1."""
    small = image.resize((SIZE, SIZE), Image.Resampling.BILINEAR)
    pixels = torch.tensor(np.asarray(small), dtype=torch.float32)
    return (pixels / 255).unsqueeze(0)


class ImageFiles(Dataset):
    """Images listed by file; each item is read from disk when asked for."""

    def __init__(
        self,
        files: list[Path],
        classes: list[str],
        transform: Callable[[Image.Image], torch.Tensor] = to_tensor,
    ) -> None:
        self.files = files
        self.class_index = {name: i for i, name in enumerate(classes)}
        self.transform = transform

    def __len__(self) -> int:
        return len(self.files)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        path = self.files[index]
        image = read_image(path)
        # the folder's name is the label
        return self.transform(image), self.class_index[path.parent.name]


if __name__ == "__main__":
    files, classes = list_images(Path("digit_images"))
    dataset = ImageFiles(files, classes)
    print(len(dataset), "images,", len(classes), "classes:", classes)
    image, label = dataset[0]
    print(files[0], "->", image.shape, image.dtype, "label", label)
