# setup: write_images.py
from pathlib import Path

from folder_dataset import ImageFiles, list_images
from PIL import Image

files, classes = list_images(Path("digit_images"))
folder = Path("digit_images/7")

# Three files as they turn up in real folders:
# a copy that stopped half way,
good = files[0].read_bytes()
(folder / "cut_off.png").write_bytes(good[: len(good) // 2])
# a colour image among grey ones,
Image.new("RGB", (32, 32)).save(folder / "colour.png")
# and a thumbnail.
Image.new("L", (4, 4)).save(folder / "thumbnail.png")

files, classes = list_images(Path("digit_images"))
dataset = ImageFiles(files, classes)
for index in range(len(dataset)):
    try:
        dataset[index]
    except ValueError as error:
        print(error)
