# setup: train.py
import io

import numpy as np
import torch
from fastapi import FastAPI, HTTPException, Request
from PIL import Image, UnidentifiedImageError
from train import trained_cnn

# Loaded once, as the server starts; not once per request.
model = trained_cnn()
app = FastAPI()


@app.post("/predict")
async def predict(request: Request) -> dict:
    # The body is the image file itself: PNG, JPEG, ...
    body = await request.body()
    if len(body) > 1_000_000:
        raise HTTPException(413, "the image is larger than 1 MB")
    try:
        image = Image.open(io.BytesIO(body)).convert("L")
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError):
        raise HTTPException(422, "the body is not a readable image") from None
    # As in training: 8x8 grey, light ink on dark, values 0..1.
    pixels = np.asarray(image.resize((8, 8)), dtype=np.float32) / 255
    with torch.inference_mode():
        logits = model(torch.from_numpy(pixels).reshape(1, 1, 8, 8))
    probabilities = logits.softmax(dim=1)[0]
    digit = int(probabilities.argmax())
    return {
        "digit": digit,
        "probability": round(float(probabilities[digit]), 3),
    }
