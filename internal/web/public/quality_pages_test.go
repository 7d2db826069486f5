package public_test

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"benicommunity/internal/assets"
	"benicommunity/internal/i18n"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web"
	. "benicommunity/internal/web/webtest"
)

func TestAccessibilityStatementAndPrivacy(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		code, body := s.Get(t, "/accessibilita")
		if code != 200 {
			t.Fatalf("GET /accessibilita = %d", code)
		}
		// The sections of AgID's model, and the date of the last evaluation.
		for _, want := range []string{"Stato di conformità", "Contenuti non accessibili", "Redazione della dichiarazione",
			"Meccanismo di feedback", "Procedura di attuazione", "Difensore civico per il digitale", `<time datetime="2026-11-26">26 novembre 2026</time>`} {
			if !strings.Contains(body, want) {
				t.Errorf("/accessibilita lacks %q", want)
			}
		}
		// Without --contact-email the page says so instead of showing a dead address.
		if strings.Contains(body, "mailto:") || !strings.Contains(body, "non ha ancora indicato un recapito") {
			t.Errorf("/accessibilita without a contact address shows: %s", Excerpt(body, "Meccanismo"))
		}
		code, body = s.Get(t, "/privacy")
		if code != 200 || !strings.Contains(body, "non raccoglie dati personali dei visitatori") || !strings.Contains(body, "cookie di sessione") {
			t.Errorf("GET /privacy = %d, body lacks the visitors and cookie sections", code)
		}
		_, home := s.Get(t, "/?lang=en")
		if !strings.Contains(home, `<a href="/accessibilita">Accessibility statement</a>`) || !strings.Contains(home, `<a href="/privacy">Privacy notice</a>`) {
			t.Errorf("the footer does not link the statement and the privacy notice: %s", Excerpt(home, "footer"))
		}
	})
}

func TestAccessibilityStatementShowsContact(t *testing.T) {
	st := storetest.OpenDefault(t, store.SQLite)
	bundle, err := i18n.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	static, err := assets.New()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Deps{Store: st, Bundle: bundle, Assets: static, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		ContactEmail: "accessibilita@comune.example.it"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	s := &Site{Server: ts, Store: st}
	for _, path := range []string{"/accessibilita", "/privacy"} {
		_, body := s.Get(t, path)
		if !strings.Contains(body, `<a href="mailto:accessibilita@comune.example.it">accessibilita@comune.example.it</a>`) {
			t.Errorf("%s does not show the contact address", path)
		}
	}
}

// TestPrivacyFrontDoor: the notice says what join requests and news
// subscriptions keep and for how long, where the forms link to.
func TestPrivacyFrontDoor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		_, body := s.Get(t, "/privacy")
		main := ParseDOM(t, body).Main()
		join, news := main.Labelled("adesioni").Text(), main.Labelled("novita").Text()
		if !strings.Contains(join, "48 ore") || !strings.Contains(join, "SHA-256") {
			t.Errorf("join requests section: %q", join)
		}
		if !strings.Contains(news, "7 giorni") || !strings.Contains(news, "cancellati subito") {
			t.Errorf("news section: %q", news)
		}
	})
}
