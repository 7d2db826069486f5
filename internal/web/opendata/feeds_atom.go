package opendata

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"benicommunity/internal/i18n"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// atomLimit is how many entries one page of a feed carries, the most
// recently changed first; older entries are on the pages that rel="next"
// links to (RFC 5005, paged feeds), so nothing is ever cut off.
const atomLimit = 50

// pageLinks are the paging links of one page of a feed: "first" on every
// page after the first, "next" (older entries) when the page is full.
func pageLinks(feed string, paged bool, list []store.ActivitySummary) []atomLink {
	var links []atomLink
	if paged {
		links = append(links, atomLink{Href: feed, Rel: "first", Type: "application/atom+xml"})
	}
	if len(list) == atomLimit {
		last := list[len(list)-1]
		pos := last.UpdatedAt.UTC().Format(time.RFC3339Nano) + "_" + strconv.FormatInt(last.ID, 10)
		links = append(links, atomLink{Href: feed + "?prima=" + url.QueryEscape(pos), Rel: "next", Type: "application/atom+xml"})
	}
	return links
}

// readFeedPosition reads ?prima=TIME_ID; empty is the first page.
func readFeedPosition(raw string) (*store.FeedPosition, bool) {
	if raw == "" {
		return nil, true
	}
	at, id, ok := strings.Cut(raw, "_")
	if !ok {
		return nil, false
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	n, err2 := strconv.ParseInt(id, 10, 64)
	if err != nil || err2 != nil || n < 1 {
		return nil, false
	}
	return &store.FeedPosition{UpdatedAt: t, ID: n}, true
}

// tagDate is the date part of every tag: URI of the site (RFC 4151). It must
// never change, or every reader would see every entry as new.
const tagDate = "2020"

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Rights   string      `xml:"rights,omitempty"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Links      []atomLink     `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    *atomText      `xml:"content,omitempty"`
}

// ActivitiesAtom is the news feed of published activities: /feed.atom.
func (s *Handler) ActivitiesAtom(w http.ResponseWriter, r *http.Request) {
	s.atom(w, r, false)
}

// OutcomesAtom is the feed of outcome reports: /restituzioni.atom.
func (s *Handler) OutcomesAtom(w http.ResponseWriter, r *http.Request) {
	s.atom(w, r, true)
}

func (s *Handler) atom(w http.ResponseWriter, r *http.Request, outcomes bool) {
	ctx := r.Context()
	l := s.Localizer(r)
	n, err := s.Store.Network(ctx)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	before, ok := readFeedPosition(r.URL.Query().Get("prima"))
	if !ok {
		s.BadRequest(w, r, "feeds.error.page")
		return
	}
	list, err := s.Store.FeedActivities(ctx, store.FeedFilter{OutcomesOnly: outcomes, ByUpdate: true, Limit: atomLimit, Before: before})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if before != nil && len(list) == 0 {
		s.NotFound(w, r)
		return
	}
	base := s.Base(r)
	tag := "tag:" + core.HostOf(base) + "," + tagDate + ":"
	f := atomFeed{
		Lang:     l.Lang(),
		ID:       tag + "attivita",
		Title:    n.Name + " – " + l.T("feeds.atom.activities"),
		Subtitle: l.T("feeds.atom.activities_subtitle"),
		Links: []atomLink{
			{Href: base + "/feed.atom", Rel: "self", Type: "application/atom+xml"},
			{Href: base + "/attivita", Rel: "alternate", Type: "text/html"},
		},
		Author: atomPerson{Name: n.Name, URI: base + "/"},
		Rights: s.openData.LicenseName,
	}
	if outcomes {
		f.ID = tag + "restituzioni"
		f.Title = n.Name + " – " + l.T("feeds.atom.outcomes")
		f.Subtitle = l.T("feeds.atom.outcomes_subtitle")
		f.Links[0].Href = base + "/restituzioni.atom"
	}
	f.Links = append(f.Links, pageLinks(f.Links[0].Href, before != nil, list)...)
	if before != nil {
		f.Links[0].Href += "?prima=" + url.QueryEscape(r.URL.Query().Get("prima"))
	}
	var updated time.Time
	for _, a := range list {
		e, err := s.atomEntry(l, base, tag, a, outcomes)
		if err != nil {
			s.ServerError(w, r, err)
			return
		}
		if a.UpdatedAt.After(updated) {
			updated = a.UpdatedAt
		}
		f.Entries = append(f.Entries, e)
	}
	if updated.IsZero() {
		updated = time.Now()
	}
	f.Updated = atomTime(updated)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(f); err != nil {
		s.ServerError(w, r, err)
		return
	}
	writeFeed(w, r, "application/atom+xml; charset=utf-8", buf.Bytes())
}

func (s *Handler) atomEntry(l *i18n.Localizer, base, tag string, a store.ActivitySummary, outcome bool) (atomEntry, error) {
	page := base + core.ActivityPath(a.Activity)
	e := atomEntry{
		ID:         tag + "activity-" + strconv.FormatInt(a.ID, 10),
		Title:      a.Title,
		Updated:    atomTime(a.UpdatedAt),
		Links:      []atomLink{{Href: page, Rel: "alternate", Type: "text/html"}},
		Categories: []atomCategory{{Term: a.Type.Slug, Label: a.Type.Name}},
	}
	if a.PublishedAt != nil {
		e.Published = atomTime(*a.PublishedAt)
	}
	summary := a.Summary
	if summary == "" {
		summary = a.Headline
	}
	if summary != "" {
		e.Summary = &atomText{Type: "text", Body: l.Date(a.StartsOn) + " – " + summary}
	}
	src := a.Description
	if outcome {
		e.ID = tag + "outcome-" + strconv.FormatInt(a.ID, 10)
		e.Title = l.T("feeds.atom.outcome_title", "Title", a.Title)
		e.Links[0].Href = page + "#outcome-title"
		src = a.OutcomeReport
		if src == "" {
			src = l.T("activity.outcome_shared")
		}
	}
	if src != "" {
		html, err := s.Markdown.Render(src)
		if err != nil {
			return e, err
		}
		e.Content = &atomText{Type: "html", Body: string(html)}
	}
	return e, nil
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }
