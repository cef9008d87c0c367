import time
print("report")
