from app import app


def test_show_user():
    client = app.test_client()
    uid = 42
    response = client.get(f"/users/{uid}")
    assert response.status_code == 200
