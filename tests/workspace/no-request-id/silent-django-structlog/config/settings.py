INSTALLED_APPS = ["django_structlog", "orders"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_structlog.middlewares.RequestMiddleware",
]
ROOT_URLCONF = "config.urls"
