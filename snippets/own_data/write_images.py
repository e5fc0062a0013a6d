from pathlib import Path

import numpy as np
from PIL import Image
from sklearn.datasets import load_digits

ROOT = Path("digit_images")

# The 1,797 scans scikit-learn ships, saved the way photos sit on a
# disk: one folder per class, one PNG file per image, sizes that vary.
digits = load_digits()
for number, pixels in enumerate(digits.images):
    label = digits.target[number]
    # 0..16 -> 0..255, white strokes on black
    image = Image.fromarray((pixels * 255 / 16).astype(np.uint8))
    size = (24, 32, 40)[number % 3]
    image = image.resize((size, size), Image.Resampling.BICUBIC)
    folder = ROOT / str(label)
    folder.mkdir(parents=True, exist_ok=True)
    image.save(folder / f"scan_{number:04d}.png")

for folder in sorted(ROOT.iterdir()):
    files = sorted(folder.glob("*.png"))
    print(folder, len(files), "files, e.g.", files[0].name)
megabytes = sum(f.stat().st_size for f in ROOT.rglob("*.png")) / 1e6
print(f"{megabytes:.1f} MB on disk")
