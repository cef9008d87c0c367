from rest_framework.response import Response
from rest_framework.views import APIView

from shop.orders.services import order_cancel, order_get


class OrderCancelApi(APIView):
    def post(self, request, order_id):
        order_cancel(order_get(order_id))
        return Response()
