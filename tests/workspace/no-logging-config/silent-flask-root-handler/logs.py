import json
import logging
import sys


class JsonLines(logging.Formatter):
    def format(self, record):
        return json.dumps({"level": record.levelname, "msg": record.getMessage()})


def setup(level):
    out = logging.StreamHandler(sys.stdout)
    out.setFormatter(JsonLines())
    root = logging.getLogger()
    root.handlers[:] = [out]
    root.setLevel(level)
