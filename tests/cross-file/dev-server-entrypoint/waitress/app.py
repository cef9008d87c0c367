from flask import Flask
from waitress import serve

app = Flask(__name__)


@app.get("/")
def index():
    return "ok"


if __name__ == "__main__":
    serve(app, host="0.0.0.0", port=8080)
