import time

import jwt
import pytest
from fastapi.testclient import TestClient

from bookings import main

SECRET = "x" * 32


class FakeRepo:
    def __init__(self):
        self.rows = {}

    async def ping(self):
        return None

    async def get(self, booking_id):
        return self.rows.get(booking_id)

    async def create(self, owner, room, price_cents):
        self.rows[len(self.rows) + 1] = {"owner": owner, "room": room, "price_cents": price_cents}
        return len(self.rows)

    async def cancel(self, booking_id, owner):
        return self.rows.pop(booking_id, None) is not None


@pytest.fixture()
def client(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://test")
    monkeypatch.setenv("JWT_SECRET", SECRET)
    monkeypatch.setenv("PRICING_URL", "http://pricing.test")
    async def connect(url):
        return FakeRepo()
    monkeypatch.setattr(main.BookingRepo, "connect", staticmethod(connect))
    with TestClient(main.app) as c:
        yield c


def auth():
    token = jwt.encode({"sub": "alice", "exp": int(time.time()) + 60}, SECRET, algorithm="HS256")
    return {"Authorization": f"Bearer {token}"}


def test_healthz_is_public(client):
    assert client.get("/healthz").status_code == 200


def test_readyz_pings_the_database(client):
    assert client.get("/readyz").status_code == 200


def test_bookings_need_a_token(client):
    assert client.get("/bookings/1").status_code == 401


def test_missing_booking_is_404(client):
    assert client.get("/bookings/1", headers=auth()).status_code == 404


def test_invalid_booking_is_422(client):
    assert client.post("/bookings", json={"room": "", "nights": 0}, headers=auth()).status_code == 422


def test_cancel_missing_booking_is_404(client):
    assert client.delete("/bookings/7", headers=auth()).status_code == 404
