from flask import Flask, jsonify, request

app = Flask(__name__)


@app.get("/orders")
def list_orders():
    return jsonify([])


@app.errorhandler(Exception)
def on_error(err):
    app.logger.exception("unhandled")
    return jsonify(error="internal"), 500
