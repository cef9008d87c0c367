from app import app


def test_orders():
    assert app.test_client().get("/orders").status_code == 200
