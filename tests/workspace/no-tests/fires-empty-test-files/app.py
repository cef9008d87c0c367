from flask import Flask, jsonify

app = Flask(__name__)


@app.post("/polls")
def create_poll():
    return jsonify(id=1), 201
