# setup: train.py
"""A prediction service. Start it with:

uvicorn serve:app --host 127.0.0.1 --port 8000 --limit-concurrency 100
"""

import asyncio
import os
from typing import Annotated

import torch
from classifier import FEATURES, Classifier
from fastapi import FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError

MAX_BATCH = 64
# a full batch of 64 rows is about 7 KB of JSON
MAX_BODY_BYTES = 64 * 1024
# Seconds a client may take to send its body (the tests shorten it).
BODY_SECONDS = float(os.environ.get("BODY_SECONDS", "10"))
# features lie in [-LIMIT, LIMIT]
LIMIT = 1e6

# Strict numbers only: no "1" strings, no true/false, no NaN or Infinity, and
# nothing so large that it would overflow float32 in the model.
Feature = Annotated[
    float, Field(strict=True, allow_inf_nan=False, ge=-LIMIT, le=LIMIT)
]
Row = Annotated[list[Feature], Field(min_length=FEATURES, max_length=FEATURES)]


class PredictRequest(BaseModel):
    inputs: Annotated[list[Row], Field(min_length=1, max_length=MAX_BATCH)]


class PredictResponse(BaseModel):
    classes: list[int]
    probabilities: list[list[float]]


def load_model(path: str) -> Classifier:
    """The classifier saved at path; SystemExit with one line if unusable."""
    if not os.path.isfile(path):
        raise SystemExit(f"cannot start: no model file at {path}")
    try:
        # weights_only=True: tensors only, never code from the file.
        state = torch.load(path, weights_only=True)
        model = Classifier()
        model.load_state_dict(state)
    except Exception as error:
        reason = type(error).__name__
        raise SystemExit(
            f"cannot start: {path} is not a Classifier checkpoint ({reason})"
        ) from None
    if not all(p.isfinite().all() for p in model.parameters()):
        raise SystemExit(f"cannot start: {path} holds NaN or infinite weights")
    return model.eval()


# Loaded on import, before the server accepts a connection: a service that
# runs at all has a usable model.
model = load_model(os.environ.get("MODEL_PATH", "classifier.pt"))

# No /docs pages (their scripts come from a CDN), no schema, and no redirects
# built from the client's Host header: /predict/ is simply not found.
app = FastAPI(
    docs_url=None, redoc_url=None, openapi_url=None, redirect_slashes=False
)


@app.exception_handler(RequestValidationError)
async def explain(
    request: Request, error: RequestValidationError
) -> JSONResponse:
    # The default answer echoes the rejected input, and JSON can't carry NaN or
    # Infinity: rendering it would fail with a 500. Say what is wrong instead.
    details = [
        {k: e[k] for k in ("loc", "msg", "type")} for e in error.errors()
    ]
    return JSONResponse(status_code=422, content={"detail": details})


@app.api_route("/health", methods=["GET", "HEAD"])
def health() -> dict[str, str]:
    # the process is alive
    return {"status": "ok"}


@app.api_route("/ready", methods=["GET", "HEAD"])
def ready() -> dict[str, bool]:
    # a real prediction must come out finite
    with torch.inference_mode():
        scores = model(torch.zeros(1, FEATURES))
    return {"ready": bool(scores.isfinite().all())}


async def read_body(request: Request) -> bytes:
    """The body, refused with 413 past MAX_BODY_BYTES (before parsing it) and
    with 408 if it trickles in for longer than BODY_SECONDS."""
    declared = request.headers.get("content-length", "0")
    if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
        raise HTTPException(413, f"body over {MAX_BODY_BYTES} bytes")
    body = bytearray()
    try:
        async with asyncio.timeout(BODY_SECONDS):
            # chunked bodies too
            async for chunk in request.stream():
                body += chunk
                if len(body) > MAX_BODY_BYTES:
                    raise HTTPException(
                        413, f"body over {MAX_BODY_BYTES} bytes"
                    )
    except TimeoutError:
        # A 408 means the server stopped waiting: close the connection too.
        raise HTTPException(
            408,
            "body not received in time",
            headers={"Connection": "close"},
        ) from None
    return bytes(body)


def classify(inputs: list[list[float]]) -> PredictResponse:
    with torch.inference_mode():
        probabilities = torch.softmax(model(torch.tensor(inputs)), dim=1)
    # never answer with null
    if not probabilities.isfinite().all():
        raise HTTPException(503, "the model produced a non-finite output")
    return PredictResponse(
        classes=probabilities.argmax(dim=1).tolist(),
        probabilities=[
            [round(p, 4) for p in row] for row in probabilities.tolist()
        ],
    )


@app.post("/predict")
async def predict(request: Request) -> PredictResponse:
    body = await read_body(request)
    try:
        parsed = PredictRequest.model_validate_json(body)
    except ValidationError as error:
        raise RequestValidationError(error.errors()) from None
    # The model runs in a worker thread: the server keeps answering meanwhile.
    return await run_in_threadpool(classify, parsed.inputs)
