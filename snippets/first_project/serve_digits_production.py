# setup: share_digits.py
"""The digits service, ready to run for others. Start it with:

uvicorn serve_digits_production:app --limit-concurrency 100
"""

import asyncio
import io
import os

import numpy as np
import torch
from fastapi import FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from models import SmallCNN
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 1_000_000
# Plenty for a photo of a digit; a 1 MB file can claim far more.
MAX_PIXELS = 4096 * 4096
# Seconds a client may take to send the body (the tests shorten it).
BODY_SECONDS = float(os.environ.get("BODY_SECONDS", "10"))


FORMAT = 1
KEYS = {"format", "arguments", "class_names", "normalisation", "state_dict"}


def load_model(path: str) -> tuple[SmallCNN, list[str], dict[str, float]]:
    """The CNN saved at path for others (the fine-tuning page's layout),
    its class names and normalisation; SystemExit with one line if the
    file is unusable."""
    if not os.path.isfile(path):
        raise SystemExit(f"cannot start: no model file at {path}")
    try:
        # weights_only=True: tensors and plain data, never code.
        saved = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:
        reason = type(error).__name__
        raise SystemExit(
            f"cannot start: {path} is not a checkpoint ({reason})"
        ) from None
    if not isinstance(saved, dict) or not KEYS <= saved.keys():
        raise SystemExit(
            f"cannot start: {path} is not saved for others"
            f" (needs {sorted(KEYS)})"
        )
    if saved["format"] != FORMAT:
        raise SystemExit(
            f"cannot start: {path} has format {saved['format']},"
            f" expected {FORMAT}"
        )
    try:
        model = SmallCNN(**saved["arguments"])
        model.load_state_dict(saved["state_dict"])
    except (TypeError, RuntimeError) as error:
        reason = type(error).__name__
        raise SystemExit(
            f"cannot start: {path} does not fit SmallCNN ({reason})"
        ) from None
    names = saved["class_names"]
    with torch.no_grad():
        outputs = model(torch.zeros(1, 1, 8, 8)).shape[1]
    if len(names) != outputs:
        raise SystemExit(
            f"cannot start: {path} names {len(names)} classes"
            f" for {outputs} outputs"
        )
    if not all(p.isfinite().all() for p in model.parameters()):
        raise SystemExit(f"cannot start: {path} holds NaN or infinite weights")
    return model.eval(), names, saved["normalisation"]


# Loaded before the server accepts a connection, and never trained here:
# a service that runs at all has a usable model.
model, names, scaling = load_model(
    os.environ.get("MODEL_PATH", "digits_shared.pt")
)
# No /docs pages (their scripts come from a CDN), no schema, and no
# redirects built from the client's Host header.
app = FastAPI(
    docs_url=None, redoc_url=None, openapi_url=None, redirect_slashes=False
)


@app.api_route("/health", methods=["GET", "HEAD"])
def health() -> dict[str, str]:
    # the process is alive (load balancers ask with GET or HEAD)
    return {"status": "ok"}


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


def classify(body: bytes) -> dict:
    image = open_image(body)
    # As in training: 8x8 grey, light ink
    # on dark, the scans' scale 0..16,
    # then scaled as the checkpoint says.
    scan = np.asarray(image.resize((8, 8)), dtype=np.float32) * 16 / 255
    pixels = (scan - scaling["mean"]) / scaling["std"]
    with torch.inference_mode():
        logits = model(torch.from_numpy(pixels).reshape(1, 1, 8, 8))
    probabilities = logits.softmax(dim=1)[0]
    best = int(probabilities.argmax())
    return {
        "label": names[best],
        "probability": round(float(probabilities[best]), 3),
    }


@app.post("/predict")
async def predict(request: Request) -> dict:
    # The body is the image file itself: PNG, JPEG, ...
    body = await read_body(request)
    # Decoding and the model run in a worker thread: /health and other
    # requests are answered meanwhile.
    return await run_in_threadpool(classify, body)
