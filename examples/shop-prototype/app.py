# A small order service, written the way a prototype gets written in an afternoon.
import sqlite3
import requests
from flask import Flask, request, jsonify

app = Flask(__name__)
app.config["SECRET_KEY"] = "flask-dev-secret-8f3k2j"

STRIPE_API_KEY = "sk_live_51Hx9aQ2eZvKYlo2C8Nv3mR7tYpQ"
PAYMENTS_URL = "http://localhost:9000/charge"


def get_db():
    return sqlite3.connect("shop.db")


@app.route("/orders", methods=["POST"])
def create_order():
    data = request.get_json()
    print("new order", data)
    try:
        db = get_db()
        db.execute(f"INSERT INTO orders (item, qty) VALUES ('{data['item']}', {data['qty']})")
        db.commit()
        resp = requests.post(PAYMENTS_URL, json={"amount": data["qty"] * 10, "key": STRIPE_API_KEY})
        return jsonify(resp.json())
    except Exception as e:
        return jsonify({"error": str(e)}), 500


@app.route("/orders/<order_id>")
def get_order(order_id):
    db = get_db()
    row = db.execute(f"SELECT * FROM orders WHERE id = {order_id}").fetchone()
    return jsonify(row)


@app.route("/admin/refund", methods=["POST"])
def refund():
    try:
        requests.post(PAYMENTS_URL + "/refund", json=request.get_json())
    except:
        pass
    return jsonify({"ok": True})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=True)
