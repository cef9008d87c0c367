from flask import Flask

app = Flask(__name__)


@app.get("/healthz")
def health():
    return {"status": "ok"}


@app.post("/login")
def login():
    return {"token": "..."}
