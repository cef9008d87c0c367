import pytest
from fastapi.testclient import TestClient

from app.main import app

client = TestClient(app)


def test_create():
    response = client.post(app.url_path_for("items:create"), params={"name": "pen"})
    assert response.status_code == 200


@pytest.mark.parametrize("route_name", ["items:read", "item_history"])
def test_reads(route_name):
    response = client.get(app.url_path_for(route_name, item_id=1))
    assert response.status_code == 200
