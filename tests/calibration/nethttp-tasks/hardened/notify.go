package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// doneHook posts to the configured hook URL with a client timeout and a checked status.
func doneHook(url string, timeout time.Duration) func(ctx context.Context, id int64) error {
	client := &http.Client{Timeout: timeout}
	return func(ctx context.Context, id int64) error {
		body, err := json.Marshal(map[string]int64{"id": id})
		if err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode >= 300 {
			return fmt.Errorf("hook answered %d", resp.StatusCode)
		}
		return nil
	}
}
