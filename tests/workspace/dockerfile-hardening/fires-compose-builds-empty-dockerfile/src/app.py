from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/orders")
def list_orders():
    return jsonify([])
