import shutil
from pathlib import Path


def _copy_all(src: Path, dst: Path) -> int:
    # The nearest trap: a helper the command calls is not the command itself.
    print("copying", src)
    shutil.copytree(src, dst, dirs_exist_ok=True)
    return 1


def sync_assets() -> None:
    copied = _copy_all(Path("static"), Path("/srv/static"))
    # The console script's own output: silent.
    print(f"synced {copied} folder(s)")
