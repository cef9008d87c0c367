import shutil


async def prune() -> None:
    shutil.rmtree("/tmp/cache", ignore_errors=True)
    print("cache pruned")
