# setup: train.py
from pathlib import Path

import numpy as np
from fastapi.testclient import TestClient
from PIL import Image
from serve_digits import app

from data import load_splits

# A real image file: the first test digit, saved as an 8x8 grey PNG.
_, _, test_set = load_splits()
image, label = test_set[0]
pixels = (image[0].numpy() * 255).round().astype(np.uint8)
Image.fromarray(pixels).save("digit.png")
print("true digit:", label.item())

# The HTTP calls a client makes to the running server, made in this process.
png = {"content-type": "image/png"}
with TestClient(app) as client:
    answer = client.post(
        "/predict", content=Path("digit.png").read_bytes(), headers=png
    )
    print(answer.status_code, answer.json())
    not_an_image = client.post("/predict", content=b"hello", headers=png)
    print(not_an_image.status_code, not_an_image.json())
