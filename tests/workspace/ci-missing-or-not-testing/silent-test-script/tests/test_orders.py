from app import app


def test_orders():
    response = app.test_client().get("/orders")
    assert response.status_code == 200
