package core

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"benicommunity/internal/i18n"
)

// LangCookie keeps the language a visitor chose with the switch in the
// header. It is a strictly necessary preference cookie (no identifier, set
// only when the visitor clicks the switch), so it needs no consent banner;
// the privacy notice and docs/quality.md describe it.
const LangCookie = "bc_lang"

// LangCookieMaxAge is how long the choice is kept: a year, in seconds.
const LangCookieMaxAge = 365 * 24 * 60 * 60

// Localizer picks the language of a page: a supported ?lang= value, then the
// visitor's choice kept in LangCookie, then Italian. Accept-Language is
// ignored on purpose: the content of the network exists only in Italian, and
// English menus around Italian text would be a worse page, so English is
// something the visitor asks for, not something the browser guesses.
func (s *Site) Localizer(r *http.Request) *i18n.Localizer {
	if l, ok := s.Bundle.Choose(r.URL.Query().Get("lang")); ok {
		return l
	}
	if c, err := r.Cookie(LangCookie); err == nil {
		if l, ok := s.Bundle.Choose(c.Value); ok {
			return l
		}
	}
	return s.Bundle.Localizer("it")
}

// NegotiatedLocalizer is the language of a machine-readable answer (API
// problem documents): there a client states its language with
// Accept-Language, as HTTP intends, and no person sees a menu.
func (s *Site) NegotiatedLocalizer(r *http.Request) *i18n.Localizer {
	return s.Bundle.Match(r.URL.Query().Get("lang"), r.Header.Get("Accept-Language"))
}

// SafeLocalPath returns target when it is a path on this site ("/tappe?x=1"),
// and fallback otherwise: an absolute URL, "//host" or "/\host" would turn a
// redirect into an open redirect.
func SafeLocalPath(target, fallback string) string {
	if target == "" || !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") || strings.HasPrefix(target, "/\\") {
		return fallback
	}
	if u, err := url.Parse(target); err != nil || u.Host != "" || u.Scheme != "" {
		return fallback
	}
	return target
}

// langFuncs are the template helpers for the language of data and for the
// data controller of the privacy notices.
func langFuncs() template.FuncMap {
	return template.FuncMap{
		"adminTabs": AdminTabs,
		// controllerView hands the "datacontroller" partial its localizer
		// and the controller to name.
		"controllerView": func(l *i18n.Localizer, c DataController) controllerView {
			return controllerView{L: l, C: c}
		},
		// dataLang marks text that comes from the data (names,
		// descriptions, outcome reports) as Italian on a page in another
		// language, so screen readers pronounce it right (WCAG 3.1.2):
		// <p{{dataLang $.L}}>{{.Description}}</p>.
		"dataLang": func(l *i18n.Localizer) template.HTMLAttr {
			if l == nil || l.Lang() == "it" {
				return ""
			}
			return ` lang="it"`
		},
	}
}

type controllerView struct {
	L *i18n.Localizer
	C DataController
}
