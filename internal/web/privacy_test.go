package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web"
	"benicommunity/internal/web/admin"
	. "benicommunity/internal/web/webtest"
)

// TestPrivacyNoticesNameTheDataController: both privacy notices (the
// site's, from the public room, and the registrations') name the data
// controller given to serve, or say plainly that it is not configured.
func TestPrivacyNoticesNameTheDataController(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		unset := NewFeedSite(t, d, nil)
		set := NewFeedSite(t, d, func(deps *web.Deps) {
			deps.DataController = web.DataController{Name: "Comune di Chieri", Contact: "privacy@comune.chieri.example.it"}
		})
		postal := NewFeedSite(t, d, func(deps *web.Deps) {
			deps.DataController = web.DataController{Name: "Comune di Chieri", Contact: "Via Palazzo di Città 10, Chieri"}
		})
		for _, path := range []string{"/privacy", "/iscrizioni/privacy"} {
			code, body := unset.Get(t, path)
			section := ParseDOM(t, body).Main().Labelled("privacy-controller")
			if code != 200 || !strings.Contains(section.Text(), "non ha ancora indicato chi è il titolare del trattamento") {
				t.Errorf("%s without a controller = %d: %q", path, code, section.Text())
			}
			_, body = set.Get(t, path)
			section = ParseDOM(t, body).Main().Labelled("privacy-controller")
			if !strings.Contains(section.Text(), "Il titolare del trattamento dei dati è Comune di Chieri.") ||
				!strings.Contains(body, `<a href="mailto:privacy@comune.chieri.example.it">privacy@comune.chieri.example.it</a>`) {
				t.Errorf("%s with a controller: %q", path, section.Text())
			}
			_, body = set.Get(t, path+"?lang=en")
			if section := ParseDOM(t, body).Main().Labelled("privacy-controller"); !strings.Contains(section.Text(), "The data controller is Comune di Chieri.") {
				t.Errorf("%s?lang=en with a controller: %q", path, section.Text())
			}
			_, body = postal.Get(t, path)
			section = ParseDOM(t, body).Main().Labelled("privacy-controller")
			if !strings.Contains(section.Text(), "Per contattarlo: Via Palazzo di Città 10, Chieri") || len(section.Tag("a")) != 0 {
				t.Errorf("%s with a postal contact: %q", path, section.Text())
			}
		}
	})
}

// TestPrivacyNoticeStatesTheSessionLifetime: the notice's lifetime of the
// session cookie comes from the constant the login uses, and registrations
// are described as available.
func TestPrivacyNoticeStatesTheSessionLifetime(t *testing.T) {
	s := NewSite(t, store.SQLite)
	days := int(admin.SessionLifetime / (24 * time.Hour))
	_, body := s.Get(t, "/privacy")
	text := ParseDOM(t, body).Main().Text()
	if !strings.Contains(text, fmt.Sprintf("scade dopo %d giorni o quando esci", days)) {
		t.Errorf("/privacy does not state the session lifetime of %d days: %q", days, Excerpt(text, "sessione"))
	}
	if strings.Contains(text, "chiusura") || strings.Contains(text, "quando saranno disponibili") {
		t.Errorf("/privacy keeps an outdated sentence: %q", text)
	}
	if !strings.Contains(text, "bc_lang") {
		t.Errorf("/privacy does not describe the language cookie")
	}
	_, body = s.Get(t, "/privacy?lang=en")
	if text := ParseDOM(t, body).Main().Text(); !strings.Contains(text, fmt.Sprintf("expires after %d days or when you log out", days)) || strings.Contains(text, "when available") {
		t.Errorf("English /privacy: %q", Excerpt(text, "session"))
	}
}
