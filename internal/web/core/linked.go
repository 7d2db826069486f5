package core

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"

	"benicommunity/internal/domain"
	"benicommunity/internal/i18n"
)

// canonicalPath is the request path with the query parameters that choose
// content (page, filters), without the language switch.
func CanonicalPath(r *http.Request) string {
	q := r.URL.Query()
	q.Del("lang")
	if enc := q.Encode(); enc != "" {
		return r.URL.Path + "?" + enc
	}
	return r.URL.Path
}

// ogLocale is the OpenGraph locale of a language.
func OGLocale(l *i18n.Localizer) string {
	if l.Lang() == "en" {
		return "en_GB"
	}
	return "it_IT"
}

// jsonLD encodes linked data for a <script type="application/ld+json">
// block. json.Marshal escapes <, > and & as \u003c, \u003e and \u0026, so no
// text from the data can close the script element; the result is marked as
// JS so html/template inserts it as it is.
func JSONLD(v any) (template.JS, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode JSON-LD: %w", err)
	}
	return template.JS(b), nil
}

func FirstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// ActivityPath is the public page of an activity: stages live under /tappe.
func ActivityPath(a domain.Activity) string {
	if a.IsStage {
		return "/tappe/" + a.Slug
	}
	return "/attivita/" + a.Slug
}
