import os
from pathlib import Path

from fastapi.testclient import TestClient
from train import train_classifier

train_classifier(Path("classifier.pt"))
os.environ["MODEL_PATH"] = "classifier.pt"
from serve import app  # noqa: E402  (imported once the model file exists)

# Calls the app in this process, through the same HTTP machinery as a server.
with TestClient(app) as client:
    rows = [[3, 0, 0, 0], [1.2, 1.0, 0.5, 0]]
    good = client.post("/predict", json={"inputs": rows})
    print(good.status_code, good.json())

    for bad_body in [
        # 3 features instead of 4
        {"inputs": [[1, 2, 3]]},
        # a string, even a numeric one
        {"inputs": [["1", 2, 3, 4]]},
        # a boolean
        {"inputs": [[True, 2, 3, 4]]},
        # outside the documented range
        {"inputs": [[1e39, 2, 3, 4]]},
        # empty batch
        {"inputs": []},
        # wrong field name
        {"rows": [[1, 2, 3, 4]]},
    ]:
        response = client.post("/predict", json=bad_body)
        print(response.status_code, response.json()["detail"][0]["msg"])

    json_header = {"content-type": "application/json"}
    broken = client.post(
        "/predict", content=b'{"inputs": [[1, 2', headers=json_header
    )
    print(broken.status_code, broken.json()["detail"][0]["msg"])
    huge = client.post("/predict", content=b" " * 100_000, headers=json_header)
    print(huge.status_code, huge.json()["detail"])
    print(client.head("/health").status_code, client.get("/ready").json())
