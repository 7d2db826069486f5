// Command benicommunity runs the web platform of a network of public
// administrations practising shared administration of the commons.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"benicommunity/internal/cli"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Version: version})
	stop()
	os.Exit(code)
}
