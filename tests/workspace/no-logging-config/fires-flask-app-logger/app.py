from flask import Flask, jsonify

app = Flask(__name__)


@app.post("/payments")
def pay():
    app.logger.info("payment accepted")
    return jsonify({"ok": True})
