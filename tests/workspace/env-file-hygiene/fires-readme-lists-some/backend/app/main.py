import os

from fastapi import FastAPI

DB_HOST = os.environ["DB_HOST"]
DB_USER = os.environ["DB_USER"]
DB_NAME = os.getenv("DB_NAME")

app = FastAPI()


@app.get("/orders")
def orders():
    return {"orders": []}
