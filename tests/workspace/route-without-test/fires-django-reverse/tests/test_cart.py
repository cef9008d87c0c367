from django.urls import reverse


def test_cart(client):
    response = client.get(reverse("shop:cart"))
    assert response.status_code == 200


def test_cart_item(client):
    response = client.get(reverse("shop:cart-item", args=[3]))
    assert response.status_code == 200
