import subprocess
from pathlib import Path


def latest_backup() -> Path:
    return sorted(Path("backups").glob("*.sql.gz"))[-1]


def main() -> None:
    # An operator's tool: the command is made of the tool's own values.
    backup = latest_backup()
    subprocess.call(f"gunzip -c {backup} | psql shop", shell=True)
