package auth

func VerifyOTP(store Store, userID, otp string) bool {
	stored, err := store.Get("otp:" + userID)
	if err != nil {
		return false
	}
	return stored == otp
}
