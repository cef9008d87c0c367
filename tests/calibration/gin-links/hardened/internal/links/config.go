package links

import (
	"fmt"
	"os"
	"time"
)

// Config comes from the environment; Load fails when a required setting is missing.
type Config struct {
	Addr            string
	DatabaseURL     string
	APIToken        string
	ShutdownTimeout time.Duration
}

func required(name string) (string, error) {
	v := os.Getenv(name)
	if v == "" {
		return "", fmt.Errorf("%s is required", name)
	}
	return v, nil
}

func Load() (Config, error) {
	db, err := required("DATABASE_URL")
	if err != nil {
		return Config{}, err
	}
	token, err := required("LINKS_API_TOKEN")
	if err != nil {
		return Config{}, err
	}
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = ":" + os.Getenv("PORT")
	}
	return Config{Addr: addr, DatabaseURL: db, APIToken: token, ShutdownTimeout: 20 * time.Second}, nil
}
