package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"benicommunity/internal/domain"
	"benicommunity/internal/i18n"
)

// feedFuncs are the template helpers of the linked-data and sharing metadata.
func (s *Server) feedFuncs() template.FuncMap {
	return template.FuncMap{
		"activityJSONLD": s.activityJSONLD,
		"bodyJSONLD":     s.bodyJSONLD,
		"ogLocale":       ogLocale,
	}
}

// canonicalPath is the request path with the query parameters that choose
// content (page, filters), without the language switch.
func canonicalPath(r *http.Request) string {
	q := r.URL.Query()
	q.Del("lang")
	if enc := q.Encode(); enc != "" {
		return r.URL.Path + "?" + enc
	}
	return r.URL.Path
}

// ogLocale is the OpenGraph locale of a language.
func ogLocale(l *i18n.Localizer) string {
	if l.Lang() == "en" {
		return "en_GB"
	}
	return "it_IT"
}

// jsonLD encodes linked data for a <script type="application/ld+json">
// block. json.Marshal escapes <, > and & as \u003c, \u003e and \u0026, so no
// text from the data can close the script element; the result is marked as
// JS so html/template inserts it as it is.
func jsonLD(v any) (template.JS, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode JSON-LD: %w", err)
	}
	return template.JS(b), nil
}

type ldObject = map[string]any

// activityJSONLD describes an activity page as a schema.org Event.
func (s *Server) activityJSONLD(p page) (template.JS, error) {
	d, ok := p.Data.(activityData)
	if !ok {
		return "", fmt.Errorf("activityJSONLD: page data is %T", p.Data)
	}
	a := d.Activity
	pageURL := p.Base + activityPath(a)
	ev := ldObject{
		"@context":            "https://schema.org",
		"@type":               "Event",
		"@id":                 pageURL + "#evento",
		"name":                a.Title,
		"url":                 pageURL,
		"inLanguage":          "it",
		"eventAttendanceMode": attendanceMode(a.Format),
		"eventStatus":         "https://schema.org/EventScheduled",
	}
	if a.Status == domain.StatusCancelled {
		ev["eventStatus"] = "https://schema.org/EventCancelled"
	}
	if desc := firstNonEmpty(a.Summary, a.Headline); desc != "" {
		ev["description"] = desc
	}
	sp := activitySpan(a, s.rome)
	if sp.AllDay {
		ev["startDate"] = sp.Day.Format("2006-01-02")
		ev["endDate"] = sp.Day.Format("2006-01-02")
	} else {
		ev["startDate"] = sp.Start.Format("2006-01-02T15:04:05-07:00")
		if !sp.End.IsZero() {
			ev["endDate"] = sp.End.Format("2006-01-02T15:04:05-07:00")
		}
	}
	var places []ldObject
	if a.Format != domain.FormatOnline && a.Venue != "" {
		places = append(places, ldObject{
			"@type": "Place",
			"name":  a.Venue,
			"address": ldObject{
				"@type":          "PostalAddress",
				"streetAddress":  a.Venue,
				"addressCountry": "IT",
			},
		})
	}
	if a.Format != domain.FormatInPerson {
		// The meeting link goes to registered participants only; the public
		// page of the activity is the virtual location anyone can reach.
		virtual := ldObject{"@type": "VirtualLocation", "url": pageURL}
		if a.OnlineNote != "" {
			virtual["name"] = a.OnlineNote
		}
		places = append(places, virtual)
	}
	switch len(places) {
	case 1:
		ev["location"] = places[0]
	case 2:
		ev["location"] = places
	}
	var organizers []ldObject
	for _, role := range []domain.ParticipationRole{domain.RoleHost, domain.RoleCoOrganizer} {
		for _, b := range byRole(d.Participations, role) {
			organizers = append(organizers, ldObject{"@type": orgType(b.Kind), "name": b.Name, "url": p.Base + "/enti/" + b.Slug})
		}
	}
	if len(organizers) == 0 {
		organizers = append(organizers, ldObject{"@type": "Organization", "name": p.Network.Name, "url": p.Base + "/"})
	}
	ev["organizer"] = organizers
	if len(d.Themes) > 0 {
		names := make([]string, len(d.Themes))
		for i, t := range d.Themes {
			names[i] = t.Name
		}
		ev["keywords"] = strings.Join(names, ", ")
	}
	return jsonLD(ev)
}

// bodyJSONLD describes a body page as a schema.org GovernmentOrganization
// (public bodies and their offices) or Organization (associations, others).
func (s *Server) bodyJSONLD(p page) (template.JS, error) {
	d, ok := p.Data.(bodyData)
	if !ok {
		return "", fmt.Errorf("bodyJSONLD: page data is %T", p.Data)
	}
	b := d.Body
	pageURL := p.Base + "/enti/" + b.Slug
	org := ldObject{
		"@context": "https://schema.org",
		"@type":    orgType(b.Kind),
		"@id":      pageURL + "#ente",
		"name":     b.Name,
		"url":      pageURL,
	}
	if b.Description != "" {
		org["description"] = b.Description
	}
	if b.Website != "" {
		if u, err := url.Parse(b.Website); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			org["sameAs"] = b.Website
		}
	}
	if b.ISTATCode != "" {
		org["identifier"] = ldObject{"@type": "PropertyValue", "propertyID": "ISTAT", "value": b.ISTATCode}
	}
	addr := ldObject{"@type": "PostalAddress", "addressCountry": "IT"}
	if b.Region != "" {
		addr["addressRegion"] = b.Region
	}
	if loc := locality(b); loc != "" {
		addr["addressLocality"] = loc
	}
	org["address"] = addr
	if b.Latitude != nil && b.Longitude != nil {
		org["geo"] = ldObject{"@type": "GeoCoordinates", "latitude": *b.Latitude, "longitude": *b.Longitude}
	}
	if b.Parent != nil {
		org["parentOrganization"] = ldObject{"@type": orgType(b.Parent.Kind), "name": b.Parent.Name, "url": p.Base + "/enti/" + b.Parent.Slug}
	}
	return jsonLD(org)
}

// locality is the town of a body: a Comune's own name, else its province.
func locality(b domain.Body) string {
	if b.Kind == domain.KindComune {
		if name, ok := strings.CutPrefix(b.Name, "Comune di "); ok {
			return name
		}
	}
	return b.Province
}

func orgType(k domain.BodyKind) string {
	switch k {
	case domain.KindAssociazione, domain.KindAltro:
		return "Organization"
	}
	return "GovernmentOrganization"
}

func attendanceMode(f domain.Format) string {
	switch f {
	case domain.FormatOnline:
		return "https://schema.org/OnlineEventAttendanceMode"
	case domain.FormatHybrid:
		return "https://schema.org/MixedEventAttendanceMode"
	}
	return "https://schema.org/OfflineEventAttendanceMode"
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
