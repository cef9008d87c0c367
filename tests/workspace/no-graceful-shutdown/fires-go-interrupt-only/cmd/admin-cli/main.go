package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
)

// A CLI client beside the server: Ctrl-C is all it needs to handle.
func main() {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	go func() { <-ch; cancel() }()
	<-ctx.Done()
	fmt.Println("bye")
}
