import time


def run():
    while True:
        time.sleep(60)


if __name__ == "__main__":
    run()
