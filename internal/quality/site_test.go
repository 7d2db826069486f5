package quality_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"benicommunity/internal/assets"
	"benicommunity/internal/dataset"
	"benicommunity/internal/i18n"
	"benicommunity/internal/mail"
	"benicommunity/internal/mail/mailtest"
	"benicommunity/internal/markdown"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web"
)

// upcomingSlug is the activity of the test site that takes registrations:
// it is published, three weeks ahead, with registrations open, so the
// public crawl reaches the registration form and its privacy notice, and
// the back office has registrations to show.
const upcomingSlug = "patti-in-pratica"

// qualitySite is the running site with its store and the SMTP server that
// receives its mail (confirmation and personal links).
type qualitySite struct {
	*httptest.Server
	Store *store.Store
	SMTP  *mailtest.Server
}

// newSite starts the real site (web.New with every embedded asset and the
// whole catalogue) on a fresh SQLite file holding the default network and
// an upcoming activity open for registration. SQLite is enough here: these
// gates judge the HTML, and the data-layer tests already cover both
// databases.
func newSite(t *testing.T) *httptest.Server {
	t.Helper()
	return newQualitySite(t, web.MapTiles{}).Server
}

// newSiteWithTiles is newSite with the optional tile server of /rete.
func newSiteWithTiles(t *testing.T, tiles web.MapTiles) *httptest.Server {
	t.Helper()
	return newQualitySite(t, tiles).Server
}

func newQualitySite(t *testing.T, tiles web.MapTiles) *qualitySite {
	t.Helper()
	st := storetest.OpenDefault(t, store.SQLite)
	addUpcomingActivity(t, st)
	smtp := mailtest.Start(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sender, err := mail.New(mail.Config{SMTPURL: smtp.URL(), From: "Rete <noreply@example.it>"}, log)
	if err != nil {
		t.Fatal(err)
	}
	bundle, err := i18n.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	static, err := assets.New()
	if err != nil {
		t.Fatal(err)
	}
	// InsecureCookies: the test server speaks plain http, and the browser
	// must send the session cookie back to it.
	srv, err := web.New(web.Deps{Store: st, Bundle: bundle, Assets: static, Markdown: markdown.New(),
		Log: log, Version: "test", Mail: sender, InsecureCookies: true, MapTiles: tiles})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &qualitySite{Server: ts, Store: st, SMTP: smtp}
}

// addUpcomingActivity publishes upcomingSlug with registrations open.
func addUpcomingActivity(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	id, err := st.LoadActivity(ctx, dataset.Activity{Slug: upcomingSlug, Title: "Patti di collaborazione in pratica",
		Type: "formazione", Status: "published", Date: time.Now().AddDate(0, 0, 21).Format(time.DateOnly),
		StartTime: "09:30", EndTime: "13:00", Format: "ibrido", Venue: "Sala consiliare di Chieri",
		Summary: "Una mattina di formazione sui patti di collaborazione", Description: "Programma della mattina",
		Tables: []dataset.BreakoutTable{{Title: "Tavolo sui patti"}, {Title: "Tavolo sulla comunicazione"}}})
	if err != nil {
		t.Fatal(err)
	}
	capacity := 40
	if _, err := st.SetRegistrationSettings(ctx, store.Actor{}, id, store.RegistrationSettings{Enabled: true, Capacity: &capacity,
		OnlineLink: "https://meet.example.it/patti"}); err != nil {
		t.Fatal(err)
	}
}
