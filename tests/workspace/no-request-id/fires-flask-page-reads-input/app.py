# Trap: the page handles a form post and stores it.
from flask import Flask, render_template, request

app = Flask(__name__)


@app.route("/", methods=["GET", "POST"])
def index():
    if request.method == "POST":
        store.save(request.form["choice"])
    return render_template("index.html")
