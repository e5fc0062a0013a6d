import os
from pathlib import Path

from fastapi.testclient import TestClient
from train import train_classifier

train_classifier(Path("classifier.pt"))
os.environ["MODEL_PATH"] = "classifier.pt"
from serve import app  # noqa: E402  (imported once the model file exists)

with TestClient(app) as client:  # runs the start-up code, like a real server
    rows = [[3, 0, 0, 0], [1.2, 1.0, 0.5, 0]]
    good = client.post("/predict", json={"inputs": rows})
    print(good.status_code, good.json())

    for bad_body in [
        {"inputs": [[1, 2, 3]]},  # 3 features instead of 4
        {"inputs": [["a", 2, 3, 4]]},  # not a number
        {"inputs": []},  # empty batch
        {"rows": [[1, 2, 3, 4]]},  # wrong field name
    ]:
        response = client.post("/predict", json=bad_body)
        print(response.status_code, response.json()["detail"][0]["msg"])

    json_header = {"content-type": "application/json"}
    broken = client.post(
        "/predict", content=b'{"inputs": [[1, 2', headers=json_header
    )
    print(broken.status_code, broken.json()["detail"][0]["msg"])
