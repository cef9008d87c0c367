# Shared defaults; production.py overrides what must differ.
SECRET_KEY_ENV = "DJANGO_SECRET_KEY"
DEBUG = True
ALLOWED_HOSTS = ["localhost"]
