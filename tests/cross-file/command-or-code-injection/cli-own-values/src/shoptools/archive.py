import subprocess
import sys


def main() -> None:
    # The nearest trap: the command is built from the tool's arguments.
    target = sys.argv[1]
    subprocess.call(f"tar czf {target}.tgz logs/", shell=True)
