DEBUG = False
SECRET_KEY = "q8#v2LmX!p9Rz4@tK7wNb3Yc"
