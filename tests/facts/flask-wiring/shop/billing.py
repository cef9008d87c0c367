from flask import Blueprint

billing_bp = Blueprint("billing", __name__)


@billing_bp.route("/cards", methods=["POST"])
def add_card():
    return {"ok": True}, 201


@billing_bp.route("/cards/<int:card_id>", methods=["DELETE"])
def remove_card(card_id):
    return "", 204
