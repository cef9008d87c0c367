from flask import url_for

from shop.app import app


def test_add_card():
    client = app.test_client()
    with app.test_request_context():
        path = url_for("billing.add_card")
    response = client.post(path)
    assert response.status_code in (201, 401)
