from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/dogs")
def dogs():
    return jsonify([{"name": "Rex"}])
