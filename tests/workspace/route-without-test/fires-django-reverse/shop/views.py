from django.http import JsonResponse


def cart(request):
    return JsonResponse({"items": []})


def cart_item(request, item_id):
    return JsonResponse({"id": item_id})


def checkout(request):
    return JsonResponse({"ok": True})
