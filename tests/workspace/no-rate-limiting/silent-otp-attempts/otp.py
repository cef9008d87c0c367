MAX_ATTEMPTS = 5


def check_otp(store, user_id: str, otp: str) -> bool:
    attempts = store.incr(f"otp-attempts:{user_id}")
    if attempts > MAX_ATTEMPTS:
        return False
    return store.get(f"otp:{user_id}") == otp
