"""Order service tests: validation answers 4xx, upstream failures 502, auth on admin routes."""
import pytest

from orders.app import create_app
from orders.config import Config
from orders.errors import UpstreamError
from orders.migrate import migrate


class FakePayments:
    def __init__(self, fail: bool = False):
        self.fail = fail
        self.charged = []

    def charge(self, order_id, amount_cents):
        if self.fail:
            raise UpstreamError("payments service unavailable")
        self.charged.append((order_id, amount_cents))
        return {"ok": True}

    def refund(self, order_id):
        return {"ok": True}


@pytest.fixture
def make_client(tmp_path):
    def make(payments=None):
        db_path = str(tmp_path / "shop.db")
        migrate(db_path)
        config = Config(db_path, "http://payments.test", "test-key", "api-token", "admin-token", 1.0, "WARNING")
        app = create_app(config, payments or FakePayments())
        client = app.test_client()
        client.environ_base["HTTP_AUTHORIZATION"] = "Bearer api-token"
        return client

    return make


def test_create_and_get_order(make_client):
    client = make_client()
    resp = client.post("/orders", json={"item": "book", "qty": 2})
    assert resp.status_code == 201
    order_id = resp.get_json()["id"]
    assert client.get(f"/orders/{order_id}").get_json()["item"] == "book"
    assert resp.headers["X-Request-ID"]


@pytest.mark.parametrize("body", [None, [], {"item": "", "qty": 1}, {"item": "book", "qty": 0}])
def test_invalid_orders_are_400(make_client, body):
    assert make_client().post("/orders", json=body).status_code == 400


def test_missing_order_is_404(make_client):
    assert make_client().get("/orders/999").status_code == 404


def test_payments_down_is_502(make_client):
    resp = make_client(FakePayments(fail=True)).post("/orders", json={"item": "book", "qty": 1})
    assert resp.status_code == 502
    assert "Traceback" not in resp.get_data(as_text=True)


def test_refund_needs_admin_token(make_client):
    client = make_client()
    order_id = client.post("/orders", json={"item": "pen", "qty": 1}).get_json()["id"]
    assert client.post(f"/admin/orders/{order_id}/refund").status_code == 401
    assert client.get(f"/orders/{order_id}", headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok = client.post(f"/admin/orders/{order_id}/refund", headers={"Authorization": "Bearer admin-token"})
    assert ok.status_code == 200


def test_health_and_ready(make_client):
    client = make_client()
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
