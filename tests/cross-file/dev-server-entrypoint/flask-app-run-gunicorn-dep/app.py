from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/api/pets")
def pets():
    return jsonify([])


if __name__ == "__main__":
    app.run(port=5100)
