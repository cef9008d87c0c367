from flask import Flask, jsonify, request

app = Flask(__name__)


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/users/<int:user_id>")
def show_user(user_id):
    return jsonify(id=user_id)


@app.post("/orders")
def create_order():
    return jsonify(request.get_json()), 201


@app.get("/metrics")
def metrics():
    return ""
