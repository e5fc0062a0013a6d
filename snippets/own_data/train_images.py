# setup: write_images.py
# output: trained
from pathlib import Path

import torch
from folder_dataset import ImageFiles, list_images, to_tensor
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader

files, classes = list_images(Path("digit_images"))

# Split the files, not the tensors: a seeded shuffle, 80 % to train.
generator = torch.Generator().manual_seed(0)
order = torch.randperm(len(files), generator=generator).tolist()
cut = int(0.8 * len(files))
train_files = [files[i] for i in order[:cut]]
val_files = [files[i] for i in order[cut:]]
print(len(train_files), "training files,", len(val_files), "validation files")

# Normalisation statistics from the training files only.
train_images = ImageFiles(train_files, classes)
pixels = torch.stack([train_images[i][0] for i in range(len(train_images))])
mean, std = pixels.mean().item(), pixels.std().item()
print(f"training pixels: mean {mean:.3f}, std {std:.3f}")


def eval_transform(image: Image.Image) -> torch.Tensor:
    return (to_tensor(image) - mean) / std


def train_transform(image: Image.Image) -> torch.Tensor:
    # Augmentation, in training only: each time a scan is read, it is
    # turned by another random angle between -10 and 10 degrees.
    angle = torch.empty(1).uniform_(-10, 10).item()
    turned = image.rotate(angle, resample=Image.Resampling.BILINEAR)
    return eval_transform(turned)


torch.manual_seed(0)
train_loader = DataLoader(
    ImageFiles(train_files, classes, train_transform),
    batch_size=64,
    shuffle=True,
)
val_loader = DataLoader(
    ImageFiles(val_files, classes, eval_transform), batch_size=256
)

# The first project's small CNN, written as one nn.Sequential.
model = nn.Sequential(
    nn.Conv2d(1, 16, kernel_size=3, padding=1),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Conv2d(16, 32, kernel_size=3, padding=1),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(32 * 2 * 2, len(classes)),
)
optimizer = torch.optim.AdamW(model.parameters(), lr=0.003)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(1, 11):
    model.train()
    for images, labels in train_loader:
        loss = loss_fn(model(images), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.eval()
    correct = 0
    with torch.no_grad():
        for images, labels in val_loader:
            correct += (model(images).argmax(1) == labels).sum().item()
    if epoch % 5 == 0:
        accuracy = correct / len(val_files)
        print(f"epoch {epoch}: validation accuracy {accuracy:.3f}")
