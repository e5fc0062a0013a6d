"""A prediction service. Start it with:

uvicorn serve:app --host 127.0.0.1 --port 8000
"""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import torch
from classifier import FEATURES, Classifier
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

MAX_BATCH = 64
# Finite numbers only: NaN, Infinity and overflows like 1e400 get a 422.
Feature = Annotated[float, Field(allow_inf_nan=False)]
Row = Annotated[list[Feature], Field(min_length=FEATURES, max_length=FEATURES)]


class PredictRequest(BaseModel):
    inputs: Annotated[list[Row], Field(min_length=1, max_length=MAX_BATCH)]


class PredictResponse(BaseModel):
    classes: list[int]
    probabilities: list[list[float]]


model = Classifier()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # Load once at start-up; weights_only=True never runs code from the file.
    path = os.environ.get("MODEL_PATH", "classifier.pt")
    model.load_state_dict(torch.load(path, weights_only=True))
    model.eval()
    yield


app = FastAPI(title="Classifier", lifespan=lifespan)


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


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@app.post("/predict")
def predict(request: PredictRequest) -> PredictResponse:
    with torch.inference_mode():
        scores = model(torch.tensor(request.inputs))
        probabilities = torch.softmax(scores, dim=1)
    return PredictResponse(
        classes=probabilities.argmax(dim=1).tolist(),
        probabilities=[
            [round(p, 4) for p in row] for row in probabilities.tolist()
        ],
    )
