import time


def collect_forever(queue) -> None:
    # Not a declared command: a loop of the worker, still reported.
    while True:
        print("due items", queue.pending())
        time.sleep(5)


def prune() -> None:
    # Same name as a command, but in another module: still reported.
    print("pruning")
