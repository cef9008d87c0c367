import os

import redis
from fastapi import APIRouter

router = APIRouter()


@router.get("/carts/{cart_id}")
def get_cart(cart_id: int):
    client = redis.Redis.from_url(os.getenv("REDIS_URL"))
    return {"items": client.lrange(f"cart:{cart_id}", 0, -1)}


@router.get("/carts/{cart_id}/audit")
def audit_cart(cart_id: int):
    client = redis.Redis.from_url(os.getenv("AUDIT_REDIS_URL"))
    return {"events": client.lrange(f"audit:{cart_id}", 0, -1)}
