package main

import (
	"fmt"
	"os"
	"time"
)

// config comes from the environment; loadConfig fails when a required setting is missing.
type config struct {
	addr           string
	databaseURL    string
	apiToken       string
	hookURL        string
	hookTimeout    time.Duration
	shutdownPeriod time.Duration
}

func loadConfig() (config, error) {
	c := config{addr: ":" + os.Getenv("PORT"), hookTimeout: 5 * time.Second, shutdownPeriod: 20 * time.Second}
	for name, dst := range map[string]*string{"DATABASE_URL": &c.databaseURL, "TASKS_API_TOKEN": &c.apiToken, "DONE_HOOK_URL": &c.hookURL} {
		if *dst = os.Getenv(name); *dst == "" {
			return config{}, fmt.Errorf("%s is required", name)
		}
	}
	return c, nil
}
