# setup: train.py
import asyncio
import io
import os

import numpy as np
import torch
from fastapi import FastAPI, HTTPException, Request
from PIL import Image, UnidentifiedImageError
from train import trained_cnn

MAX_BYTES = 1_000_000
# Plenty for a photo of a digit; a 1 MB file can claim far more.
MAX_PIXELS = 4096 * 4096
# Seconds a client may take to send the body (the tests shorten it).
BODY_SECONDS = float(os.environ.get("BODY_SECONDS", "10"))

# Loaded once, as the server starts; not once per request.
model = trained_cnn()
app = FastAPI()


async def read_body(request: Request) -> bytes:
    """The body as it arrives: 413 once it passes MAX_BYTES (before the
    rest is read), 408 if it takes longer than BODY_SECONDS."""
    declared = request.headers.get("content-length", "0")
    if not declared.isdigit() or int(declared) > MAX_BYTES:
        raise HTTPException(413, "the image is larger than 1 MB")
    body = bytearray()
    try:
        async with asyncio.timeout(BODY_SECONDS):
            # Chunked bodies have no length: count what arrives.
            async for chunk in request.stream():
                body += chunk
                if len(body) > MAX_BYTES:
                    raise HTTPException(413, "the image is larger than 1 MB")
    except TimeoutError:
        # A 408 means the server stopped waiting: close the connection too.
        raise HTTPException(
            408,
            "the image did not arrive in time",
            headers={"Connection": "close"},
        ) from None
    return bytes(body)


def open_image(body: bytes) -> Image.Image:
    """The image in grey; 422 if the body isn't one, 413 if it has more
    than MAX_PIXELS pixels (known from its header, before decoding)."""
    try:
        image = Image.open(io.BytesIO(body))
        if image.width * image.height > MAX_PIXELS:
            raise HTTPException(413, "the image has too many pixels")
        return image.convert("L")
    except Image.DecompressionBombError:
        raise HTTPException(413, "the image has too many pixels") from None
    except (UnidentifiedImageError, OSError):
        raise HTTPException(422, "the body is not a readable image") from None


@app.post("/predict")
async def predict(request: Request) -> dict:
    # The body is the image file itself: PNG, JPEG, ...
    image = open_image(await read_body(request))
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
