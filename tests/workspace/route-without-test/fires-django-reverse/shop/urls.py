from django.urls import path

from shop import views

app_name = "shop"

urlpatterns = [
    path("cart/", views.cart, name="cart"),
    path("cart/items/<int:item_id>/", views.cart_item, name="cart-item"),
    path("checkout/", views.checkout, name="checkout"),
]
