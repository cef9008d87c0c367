"""Sales reports service: the hardened twin of shop-prototype/reports.py."""
