DEBUG = False
INSTALLED_APPS = ["django_extensions", "inventory"]
SHELL_PLUS_IMPORTS = [
    "from inventory.shell_utils import show_rows, show_counts as counts",
]
