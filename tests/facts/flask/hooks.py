# An app protected by a before_request hook with a public allowlist (inherited auth).
from flask import Flask, request, abort

app = Flask(__name__)
PUBLIC_PATHS = {"/login", "/health"}


@app.post("/orders")
def create_order():
    return {"id": 1}, 201


@app.before_request
def require_token():
    if request.path in PUBLIC_PATHS:
        return None
    if request.headers.get("Authorization") != "Bearer x":
        abort(401)


@app.get("/login")
def login():
    return {"ok": True}
