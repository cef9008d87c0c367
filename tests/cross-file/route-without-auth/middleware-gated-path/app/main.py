from fastapi import FastAPI

from app.payments import payment_gate
from app.routes import router

app = FastAPI()
app.middleware("http")(payment_gate)
app.include_router(router, prefix="/api/access")
