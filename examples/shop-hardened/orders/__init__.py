"""Order service: the hardened twin of shop-prototype/app.py."""
