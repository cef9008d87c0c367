from flask import Flask, abort, request, session

from shop.billing import billing_bp

app = Flask(__name__)

PUBLIC_PATHS = {"/login", "/pricing"}


@app.before_request
def require_login():
    if request.path in PUBLIC_PATHS:
        return None
    if "user_id" not in session:
        abort(401)


app.register_blueprint(billing_bp, url_prefix="/billing")


@app.route("/login", methods=["POST"])
def login():
    return {"ok": True}


@app.route("/pricing")
def pricing():
    return {"plans": []}


@app.route("/orders", methods=["POST"])
def create_order():
    return {"id": 1}, 201
