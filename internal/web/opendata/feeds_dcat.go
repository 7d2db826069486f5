package opendata

import (
	"net/http"
	"strings"
	"time"

	"benicommunity/internal/i18n"
	"benicommunity/internal/web/core"
)

// Controlled vocabularies of the EU Publications Office that DCAT-AP_IT requires.
const (
	euThemeGOVE     = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
	euThemeTaxonomy = "http://publications.europa.eu/resource/authority/data-theme"
	euFileType      = "http://publications.europa.eu/resource/authority/file-type/"
	euFrequencyIrr  = "http://publications.europa.eu/resource/authority/frequency/IRREG"
	euLanguageITA   = "http://publications.europa.eu/resource/authority/language/ITA"
	admsAttribution = "http://purl.org/adms/licencetype/Attribution"
)

// catalogue is the open-data catalogue: what /opendata shows and what
// /opendata/catalogo.jsonld and .ttl describe, built once per request from the
// same values so the page and the RDF never disagree.
type catalogue struct {
	URI         string // the catalogue's IRI, also its human page
	Title       string
	Description string
	Homepage    string
	Issued      time.Time
	Modified    time.Time
	Publisher   agent
	Contact     contact
	License     license
	Datasets    []dataset
}

type agent struct {
	URI, Name, ID string
}

type contact struct {
	URI, Name, Email, URL string
}

type license struct {
	URI, Name   string
	Attribution bool // the licence is CC BY: its ADMS type is Attribution
}

type dataset struct {
	Slug          string // fragment of its IRI and of its section on /opendata
	URI           string
	Identifier    string
	Title         string
	Description   string
	Modified      time.Time
	Distributions []distribution
}

type distribution struct {
	URI    string
	Title  string
	Format string // EU file type code: CSV, JSON
	URL    string
}

// dcatFeed is a feed listed on /opendata beside the datasets (no dataset of its own).
type dcatFeed struct {
	TitleID, URL, Format string
}

// catalogue collects the datasets the network publishes. Their distributions
// are the CSV files and the JSON API: see docs/open-data.md.
func (s *Handler) catalogue(r *http.Request, l *i18n.Localizer) (catalogue, error) {
	ctx := r.Context()
	n, err := s.Store.Network(ctx)
	if err != nil {
		return catalogue{}, err
	}
	dates, err := s.Store.OpenDataDates(ctx)
	if err != nil {
		return catalogue{}, err
	}
	base := s.Base(r)
	uri := base + "/opendata"
	od := s.openData
	pub := agent{URI: uri + "#titolare", Name: core.FirstNonEmpty(od.PublisherName, n.Name), ID: core.FirstNonEmpty(od.PublisherID, n.Name)}
	activitiesMod := orNow(dates.ActivitiesModified)
	bodiesMod := orNow(dates.BodiesModified)
	c := catalogue{
		URI:         uri,
		Title:       l.T("feeds.dcat.catalogue_title", "Network", n.Name),
		Description: l.T("feeds.dcat.catalogue_description", "Network", n.Name),
		Homepage:    base + "/",
		Issued:      orNow(dates.Issued),
		Modified:    later(activitiesMod, bodiesMod),
		Publisher:   pub,
		Contact:     contact{URI: uri + "#contatti", Name: pub.Name, Email: od.ContactEmail, URL: uri},
		License:     license{URI: od.LicenseURL, Name: od.LicenseName, Attribution: od.LicenseURL == DefaultLicenseURL},
	}
	ds := func(slug string, mod time.Time, dists ...distribution) dataset {
		d := dataset{
			Slug: slug, URI: uri + "#" + slug, Identifier: pub.ID + ":" + slug,
			Title: l.T("feeds.dcat.dataset." + slug + ".title"), Description: l.T("feeds.dcat.dataset." + slug + ".description"),
			Modified: mod,
		}
		for _, dist := range dists {
			dist.URI = uri + "#" + slug + "-" + strings.ToLower(dist.Format)
			dist.Title = l.T("feeds.dcat.distribution", "Dataset", d.Title, "Format", dist.Format)
			dist.URL = base + dist.URL
			d.Distributions = append(d.Distributions, dist)
		}
		return d
	}
	c.Datasets = []dataset{
		ds("attivita", activitiesMod, distribution{Format: "CSV", URL: "/dati/attivita.csv"}, distribution{Format: "JSON", URL: "/api/v1/activities"}),
		ds("enti", bodiesMod, distribution{Format: "CSV", URL: "/dati/enti.csv"}, distribution{Format: "JSON", URL: "/api/v1/bodies"}),
		ds("partecipazioni", activitiesMod, distribution{Format: "CSV", URL: "/dati/partecipazioni.csv"}),
		ds("contatori", activitiesMod, distribution{Format: "JSON", URL: "/api/v1/activity-types"}),
		ds("patti", c.Modified, distribution{Format: "CSV", URL: "/dati/patti.csv"}, distribution{Format: "JSON", URL: "/api/v1/pacts"}),
	}
	return c, nil
}

func orNow(t time.Time) time.Time {
	if t.IsZero() {
		return time.Now().UTC()
	}
	return t
}

type openDataPage struct {
	Catalogue catalogue
	Feeds     []dcatFeed
}

// OpenDataPage is the human page of the catalogue: /opendata.
func (s *Handler) OpenDataPage(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	c, err := s.catalogue(r, l)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	data := openDataPage{Catalogue: c, Feeds: []dcatFeed{
		{TitleID: "feeds.opendata.feed_stages_ics", URL: "/tappe.ics", Format: "iCalendar"},
		{TitleID: "feeds.opendata.feed_activities_ics", URL: "/attivita.ics", Format: "iCalendar"},
		{TitleID: "feeds.opendata.feed_atom", URL: "/feed.atom", Format: "Atom"},
		{TitleID: "feeds.opendata.feed_outcomes_atom", URL: "/restituzioni.atom", Format: "Atom"},
		{TitleID: "feeds.opendata.feed_catalogue_jsonld", URL: "/opendata/catalogo.jsonld", Format: "JSON-LD"},
		{TitleID: "feeds.opendata.feed_catalogue_ttl", URL: "/opendata/catalogo.ttl", Format: "Turtle"},
		{TitleID: "feeds.opendata.feed_sitemap", URL: "/sitemap.xml", Format: "XML"},
	}}
	s.Render(w, r, http.StatusOK, "feeds_opendata", core.Page{L: l, Title: l.T("feeds.opendata.title"), Description: l.T("feeds.opendata.description"), Data: data})
}
