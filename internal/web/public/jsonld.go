package public

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"

	"benicommunity/internal/domain"
	"benicommunity/internal/web/core"
)

// feedFuncs are the template helpers of the linked-data and sharing metadata.
func (s *Handler) jsonLDFuncs() template.FuncMap {
	return template.FuncMap{
		"activityJSONLD": s.activityJSONLD,
		"bodyJSONLD":     s.bodyJSONLD,
		"ogLocale":       core.OGLocale,
	}
}

type ldObject = map[string]any

// activityJSONLD describes an activity page as a schema.org Event.
func (s *Handler) activityJSONLD(p core.Page) (template.JS, error) {
	d, ok := p.Data.(activityData)
	if !ok {
		return "", fmt.Errorf("activityJSONLD: page data is %T", p.Data)
	}
	a := d.Activity
	pageURL := p.Base + core.ActivityPath(a)
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
	if desc := core.FirstNonEmpty(a.Summary, a.Headline); desc != "" {
		ev["description"] = desc
	}
	eventDates(ev, core.ActivitySpan(a, s.Rome))
	switch places := eventPlaces(a, pageURL); len(places) {
	case 1:
		ev["location"] = places[0]
	case 2:
		ev["location"] = places
	}
	ev["organizer"] = eventOrganizers(p, d)
	if len(d.Themes) > 0 {
		names := make([]string, len(d.Themes))
		for i, t := range d.Themes {
			names[i] = t.Name
		}
		ev["keywords"] = strings.Join(names, ", ")
	}
	return core.JSONLD(ev)
}

// eventDates sets the start and end of the event: days for an all-day
// activity, times with their offset otherwise.
func eventDates(ev ldObject, sp core.Span) {
	if sp.AllDay {
		ev["startDate"] = sp.Day.Format("2006-01-02")
		ev["endDate"] = sp.Day.Format("2006-01-02")
		return
	}
	ev["startDate"] = sp.Start.Format("2006-01-02T15:04:05-07:00")
	if !sp.End.IsZero() {
		ev["endDate"] = sp.End.Format("2006-01-02T15:04:05-07:00")
	}
}

// eventPlaces are where the event happens: the venue, the page of the
// activity as the virtual location, or both.
func eventPlaces(a domain.Activity, pageURL string) []ldObject {
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
	return places
}

// eventOrganizers are the hosts and co-organisers of the activity, or the
// network when it names none.
func eventOrganizers(p core.Page, d activityData) []ldObject {
	var organizers []ldObject
	for _, role := range []domain.ParticipationRole{domain.RoleHost, domain.RoleCoOrganizer} {
		for _, b := range core.ByRole(d.Participations, role) {
			organizers = append(organizers, ldObject{"@type": orgType(b.Kind), "name": b.Name, "url": p.Base + "/enti/" + b.Slug})
		}
	}
	if len(organizers) == 0 {
		organizers = append(organizers, ldObject{"@type": "Organization", "name": p.Network.Name, "url": p.Base + "/"})
	}
	return organizers
}

// bodyJSONLD describes a body page as a schema.org GovernmentOrganization
// (public bodies and their offices) or Organization (associations, others).
func (s *Handler) bodyJSONLD(p core.Page) (template.JS, error) {
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
	return core.JSONLD(org)
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
