from flask import Flask, jsonify, request

app = Flask(__name__)


@app.get("/orders")
def list_orders():
    return jsonify([])


@app.get("/healthz")
def healthz():
    return {"status": "ok"}
