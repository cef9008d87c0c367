import os
import logging
import signal

import psycopg2
from flask import Flask, Blueprint, jsonify, request, abort
from flask_login import login_required

from .auth import admin_required

logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
DATABASE_URL = os.getenv("DATABASE_URL", "postgres://localhost/dev")
conn = psycopg2.connect(DATABASE_URL)

admin = Blueprint("admin", __name__, url_prefix="/admin")


@app.get("/health")
def health():
    return {"status": "ok"}


@app.route("/users", methods=["GET", "POST"])
def users():
    if request.method == "POST":
        data = request.get_json()
        if not data:
            return jsonify(error="invalid"), 400
        with conn.cursor() as cur:
            cur.execute("INSERT INTO users (name) VALUES (%s)", (data["name"],))
        return jsonify(ok=True), 201
    return jsonify([])


@app.delete("/users/<int:user_id>")
@login_required
def delete_user(user_id):
    abort(404)


@admin.route("/stats")
@admin_required
def stats():
    return {"users": 1}


@admin.post("/reset")
def reset():
    return "", 204


def export_csv():
    return "a,b"


app.add_url_rule("/export", view_func=export_csv, methods=["POST"])
app.register_blueprint(admin)


@app.errorhandler(500)
def server_error(e):
    return {"error": "internal"}, 500


def on_term(signum, frame):
    pass


signal.signal(signal.SIGTERM, on_term)

if __name__ == "__main__":
    app.run()
