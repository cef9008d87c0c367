import os

import httpx
from fastapi import APIRouter, Depends, FastAPI, HTTPException, status
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel
from sqlalchemy import create_engine

from .routers import items

engine = create_engine(os.environ["DATABASE_URL"])
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
app = FastAPI()


class Order(BaseModel):
    item: str
    qty: int


def get_current_user(token: str = Depends(oauth2_scheme)):
    return {"sub": token}


@app.get("/healthz")
async def healthz():
    return {"status": "ok"}


@app.post("/orders", status_code=201)
def create_order(order: Order, user=Depends(get_current_user)):
    return order


@app.get("/orders/{order_id}")
def get_order(order_id: int):
    if order_id < 0:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="not found")
    with engine.connect() as conn:
        conn.execute("SELECT 1")
    return {"id": order_id}


@app.put("/orders/{order_id}")
async def update_order(order_id: int, order: Order):
    async with httpx.AsyncClient() as client:
        await client.get("https://example.com")
    r = httpx.get("https://example.com/x")
    return r.json()


admin = APIRouter(prefix="/admin", dependencies=[Depends(get_current_user)])


@admin.delete("/cache")
def clear_cache():
    return None


app.include_router(admin)
app.include_router(items.router, prefix="/items")


@app.exception_handler(ValueError)
async def value_error_handler(request, exc):
    return JSONResponse(status_code=400, content={"error": str(exc)})
