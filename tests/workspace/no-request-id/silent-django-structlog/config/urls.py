from django.http import JsonResponse
from django.urls import path


def orders(request):
    return JsonResponse({"orders": []})


urlpatterns = [path("orders/", orders)]
