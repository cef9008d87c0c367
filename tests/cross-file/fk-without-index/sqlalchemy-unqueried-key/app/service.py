from app.models import Order, Review


def orders_of(session, customer):
    return session.query(Order).filter_by(customer_id=customer).all()


def review(session, review_id):
    # Reviews are read by their own id; nothing lists them by product.
    return session.get(Review, review_id).to_dict()
