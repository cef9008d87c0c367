import os


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY") or "shop-dev-key"
    API_TOKEN_TTL = int(os.environ.get("API_TOKEN_TTL", "3600"))
