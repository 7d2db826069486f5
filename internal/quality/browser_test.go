package quality_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"benicommunity/internal/browsertest"
)

// viewport is a screen the browser gates check every page on.
type viewport struct {
	Name          string
	Width, Height int64
	Mobile        bool
}

var viewports = []viewport{
	{Name: "desktop 1280px", Width: 1280, Height: 900},
	{Name: "mobile 360px", Width: 360, Height: 740, Mobile: true},
}

// newBrowser starts headless Chromium for one test.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	return browsertest.New(t)
}

// setViewport sizes the page like the given screen.
func setViewport(ctx context.Context, v viewport) error {
	opts := []chromedp.EmulateViewportOption{}
	if v.Mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
	}
	return chromedp.Do(ctx, chromedp.EmulateViewport(v.Width, v.Height, opts...))
}

// emulateMedia sets the CSS media type ("print", or "" for the screen) and
// media features such as prefers-reduced-motion.
func emulateMedia(ctx context.Context, media string, features ...*emulation.MediaFeature) error {
	return chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media, Features: features})
		return err
	}))
}

// addScriptToEveryPage makes the browser run src in every page it loads from
// now on, before the page's own scripts.
func addScriptToEveryPage(ctx context.Context, src string) error {
	return chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	}))
}

// setBrowserCookie gives the browser a cookie for the site, such as the
// session cookie of a logged-in user.
func setBrowserCookie(ctx context.Context, siteURL string, c *http.Cookie) error {
	return chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.SetCookie, network.SetCookieParams{Name: c.Name, Value: c.Value, URL: siteURL + "/"})
		return err
	}))
}

// step bounds one group of browser actions in time.
func step(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	return browsertest.Timeout(t, ctx, 60*time.Second)
}
