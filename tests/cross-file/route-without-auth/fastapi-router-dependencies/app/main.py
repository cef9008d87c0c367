from fastapi import Depends, FastAPI

from app.auth import get_current_user
from app.routers import admin, items

app = FastAPI()
app.include_router(items.router, prefix="/items", dependencies=[Depends(get_current_user)])
app.include_router(admin.router, prefix="/admin")
