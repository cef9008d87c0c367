package main

import (
	"context"
	"os"
	"os/signal"

	"example.com/shop/web"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	go func() { <-ch; cancel() }()

	srv := web.NewServer()
	if err := srv.Open(); err != nil {
		os.Exit(1)
	}
	<-ctx.Done()
	srv.Close()
}
