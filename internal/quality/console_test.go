package quality_test

import (
	"context"
	"fmt"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// consoleErrors collects the errors the browser logs: Content-Security-Policy
// violations, failed loads, uncaught exceptions and console.error calls.
type consoleErrors struct {
	mu  sync.Mutex
	got []string
}

// take returns the errors logged since the last call and forgets them.
func (c *consoleErrors) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.got
	c.got = nil
	return out
}

func (c *consoleErrors) add(s string) {
	c.mu.Lock()
	c.got = append(c.got, s)
	c.mu.Unlock()
}

// watchConsole starts collecting the tab's console errors.
func watchConsole(ctx context.Context) (*consoleErrors, error) {
	c := &consoleErrors{}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, cdplog.Enable, cdp.Empty{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, runtime.Enable, cdp.Empty{})
		return err
	}))
	if err != nil {
		return nil, fmt.Errorf("enable the console log: %w", err)
	}
	err = chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *cdplog.EventEntryAdded:
			if e.Entry != nil && e.Entry.Level == cdplog.EntryLevelError {
				c.add(fmt.Sprintf("[%s] %.300s", e.Entry.Source, e.Entry.Text))
			}
		case *runtime.EventExceptionThrown:
			if e.ExceptionDetails != nil {
				c.add(fmt.Sprintf("[exception] %.300s", e.ExceptionDetails.Text))
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				c.add("[console.error]")
			}
		}
	})
	return c, err
}
