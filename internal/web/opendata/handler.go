// Package opendata serves everything the public sees as data, for software
// and reusers: the JSON API under /api (with its OpenAPI description and its
// guide), CSV files under /dati, iCalendar feeds, Atom feeds, the sitemap and
// Robots.txt, and the DCAT-AP_IT catalogue (/opendata).
//
// It only reads, and never personal data: registrations appear as counted
// figures only. It has no session and no mail sender; every answer is the
// same for every visitor, so it is CORS-open and cacheable.
package opendata

import (
	"embed"

	"benicommunity/internal/web/core"
)

//go:embed templates
var templateFiles embed.FS

// Deps are what the open-data room needs besides the shared core.
type Deps struct {
	Version  string   // of the software, named in iCalendar files and the API index
	OpenData OpenData // publisher and licence of the open-data catalogue
	// SitemapLimit is how many addresses one sitemap file lists before
	// /sitemap.xml becomes an index (0: SitemapLimit).
	SitemapLimit int
	// ContactEmail is the site's contact (--contact-email): the catalogue's
	// contact point when no OpenData.ContactEmail (--data-contact-email) is set.
	ContactEmail string
}

// Handler answers the API, the feeds and the catalogue.
type Handler struct {
	*core.Site
	version  string
	openData OpenData
	// cursorKeys holds the key that signs API cursors (api_cursor.go).
	cursorKeys   cursorKeys
	sitemapLimit int
}

// New parses the templates of the API guide and the catalogue page.
func New(shared core.Deps, d Deps) (*Handler, error) {
	site, err := core.NewSite(shared, core.Templates(templateFiles), nil)
	if err != nil {
		return nil, err
	}
	od := d.OpenData.withDefaults()
	od.ContactEmail = core.FirstNonEmpty(od.ContactEmail, d.ContactEmail)
	h := &Handler{Site: site, version: d.Version, openData: od, sitemapLimit: d.SitemapLimit}
	if h.sitemapLimit <= 0 {
		h.sitemapLimit = SitemapLimit
	}
	return h, nil
}
