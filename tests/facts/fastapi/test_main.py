from fastapi.testclient import TestClient

from .main import app

client = TestClient(app)


def test_health():
    assert client.get("/healthz").status_code == 200


def test_create():
    r = client.post("/orders", json={"item": "a", "qty": 1})
    assert r.status_code == 201
