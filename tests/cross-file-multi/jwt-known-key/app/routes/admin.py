import jwt
from flask import current_app, request


def admin_user():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    # verified with a key that falls back to a value in the repository: reported
    data = jwt.decode(token, current_app.config["SECRET_KEY"], algorithms=["HS256"])
    return data["sub"]


def partner_user():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    # trap: a key without a fallback
    data = jwt.decode(token, current_app.config["PARTNER_JWT_KEY"], algorithms=["HS256"])
    return data["sub"]
