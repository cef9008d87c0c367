# Shared defaults, but production keeps DEBUG on: still reported.
DEBUG = True
ALLOWED_HOSTS = ["localhost"]
