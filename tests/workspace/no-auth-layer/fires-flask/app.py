from flask import Flask, jsonify, request

app = Flask(__name__)


@app.delete("/orders/<order_id>")
def delete_order(order_id):
    return jsonify([])
