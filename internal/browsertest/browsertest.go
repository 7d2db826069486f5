// Package browsertest drives Debian's headless Chromium from Go tests, through
// chromedp, so tests check what a person sees and clicks.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ExecPath is the browser the tests drive: BENICOMMUNITY_CHROMIUM or Debian's chromium.
func ExecPath() string {
	if p := os.Getenv("BENICOMMUNITY_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// Options are the flags Chromium needs here: headless, no sandbox (tests run
// as root), and no background traffic to any other host.
func Options() []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(ExecPath()),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("lang", "it-IT"),
		chromedp.Flag("accept-lang", "it-IT,it"),
		chromedp.WindowSize(1280, 900),
	)
}

// New starts a browser for one test and returns a tab context that closes
// with the test. A missing browser fails the test: browser tests never skip.
func New(t testing.TB) context.Context {
	t.Helper()
	if _, err := exec.LookPath(ExecPath()); err != nil {
		t.Fatalf("headless Chromium is required at %s (install Debian's chromium package or set BENICOMMUNITY_CHROMIUM): %v", ExecPath(), err)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), Options()...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
	})
	// The first call starts the browser; it must not carry a timeout, or the
	// timeout would stop the whole browser. Later steps use Timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// Timeout derives a context for a group of steps, so a page that never
// shows what a test waits for fails the test instead of hanging it.
func Timeout(t testing.TB, ctx context.Context, d time.Duration) context.Context {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, d)
	t.Cleanup(cancel)
	return c
}
