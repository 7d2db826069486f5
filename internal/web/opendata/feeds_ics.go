package opendata

import (
	"errors"
	"net/http"
	"strings"

	"benicommunity/internal/calendar"
	"benicommunity/internal/domain"
	"benicommunity/internal/i18n"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

const icsContentType = "text/calendar; charset=utf-8"

// StagesICS serves every published stage as iCalendar (/tappe.ics), or the
// stages of one community (?comunita=slug).
func (s *Handler) StagesICS(w http.ResponseWriter, r *http.Request) {
	s.calendarFeed(w, r, store.FeedFilter{StagesOnly: true, WithCancelled: true, CommunitySlug: r.URL.Query().Get("comunita")})
}

// ActivitiesICS serves every published activity (/attivita.ics), optionally
// of one type (?tipo=slug) or community (?comunita=slug).
func (s *Handler) ActivitiesICS(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.calendarFeed(w, r, store.FeedFilter{WithCancelled: true, TypeSlug: q.Get("tipo"), CommunitySlug: q.Get("comunita")})
}

// CommunityICS serves the path of one community: /comunita/{slug}.ics.
func (s *Handler) CommunityICS(w http.ResponseWriter, r *http.Request) {
	slug, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok || slug == "" {
		s.NotFound(w, r)
		return
	}
	s.calendarFeed(w, r, store.FeedFilter{StagesOnly: true, WithCancelled: true, CommunitySlug: slug})
}

func (s *Handler) calendarFeed(w http.ResponseWriter, r *http.Request, f store.FeedFilter) {
	ctx := r.Context()
	l := s.Localizer(r)
	n, err := s.Store.Network(ctx)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	name := n.Name + " – " + l.T("feeds.ics.activities")
	if f.StagesOnly {
		name = n.Name + " – " + l.T("feeds.ics.stages")
	}
	if f.TypeSlug != "" {
		t, err := s.Store.ActivityType(ctx, f.TypeSlug)
		if errors.Is(err, store.ErrNotFound) {
			s.BadRequest(w, r, "error.bad_type")
			return
		} else if err != nil {
			s.ServerError(w, r, err)
			return
		}
		name += " – " + t.Name
	}
	if f.CommunitySlug != "" {
		c, err := s.Store.Community(ctx, f.CommunitySlug)
		if errors.Is(err, store.ErrNotFound) {
			if strings.HasPrefix(r.URL.Path, "/comunita/") {
				s.NotFound(w, r)
			} else {
				s.BadRequest(w, r, "feeds.error.bad_community")
			}
			return
		} else if err != nil {
			s.ServerError(w, r, err)
			return
		}
		name += " – " + c.Name
	}
	list, err := s.Store.FeedActivities(ctx, f)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	cal := s.newCalendar(r, name)
	for _, a := range list {
		cal.Add(s.icsEvent(r, l, a))
	}
	writeCalendar(w, r, cal, "")
}

// ActivityICS serves one activity as an iCalendar file; it is reached from
// /tappe/{slug}.ics and /attivita/{slug}.ics (see activityDetail).
func (s *Handler) ActivityICS(w http.ResponseWriter, r *http.Request, slug string, asStage bool) {
	a, err := s.Store.FeedActivity(r.Context(), slug)
	if errors.Is(err, store.ErrNotFound) || (err == nil && a.Status == domain.StatusDraft) {
		s.NotFound(w, r)
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if a.IsStage != asStage {
		http.Redirect(w, r, core.ActivityPath(a.Activity)+".ics", http.StatusMovedPermanently)
		return
	}
	l := s.Localizer(r)
	cal := s.newCalendar(r, a.Title)
	cal.Add(s.icsEvent(r, l, a))
	writeCalendar(w, r, cal, a.Slug+".ics")
}

func writeCalendar(w http.ResponseWriter, r *http.Request, cal *calendar.Calendar, filename string) {
	if filename != "" {
		w.Header().Set("Content-Disposition", `inline; filename="`+filename+`"`)
	}
	writeFeed(w, r, icsContentType, cal.Bytes())
}

func (s *Handler) newCalendar(r *http.Request, name string) *calendar.Calendar {
	return calendar.New(calendar.Header{
		ProductID: "-//benicommunity//benicommunity " + s.version + "//IT",
		Name:      name,
		URL:       s.Base(r) + "/",
	})
}

// activityUID is an event's identity across feeds and over time: the row id
// never changes, even when the title or slug is edited. Calendar programs key
// on it, so its form must not change.
func activityUID(base string, a domain.Activity) string {
	return calendar.UID("activity", a.ID, core.HostOf(base))
}

func (s *Handler) icsEvent(r *http.Request, l *i18n.Localizer, a store.ActivitySummary) calendar.Event {
	base := s.Base(r)
	page := base + core.ActivityPath(a.Activity)
	sp := core.ActivitySpan(a.Activity, s.Rome)
	e := calendar.Event{
		UID:         activityUID(base, a.Activity),
		Title:       a.Title,
		AllDay:      sp.AllDay,
		Start:       sp.Start,
		End:         sp.End,
		Location:    icsLocation(l, a.Activity),
		Description: icsDescription(l, a, page),
		URL:         page,
		Stamp:       a.UpdatedAt,
		Created:     a.CreatedAt,
		Modified:    a.UpdatedAt,
		Category:    a.Type.Name,
		Cancelled:   a.Status == domain.StatusCancelled,
		Confirmed:   a.Status != domain.StatusCancelled,
	}
	if sp.AllDay {
		e.Start = sp.Day
	}
	return e
}

// icsLocation is where to go: the venue, "Online", or both for hybrid activities.
func icsLocation(l *i18n.Localizer, a domain.Activity) string {
	switch {
	case a.Format == domain.FormatOnline || a.Venue == "" && a.Format != domain.FormatInPerson:
		return l.T("feeds.ics.online")
	case a.Format == domain.FormatHybrid:
		return l.T("feeds.ics.hybrid_location", "Venue", a.Venue)
	}
	return a.Venue
}

func icsDescription(l *i18n.Localizer, a store.ActivitySummary, page string) string {
	var parts []string
	if a.Status == domain.StatusCancelled {
		parts = append(parts, l.T("feeds.ics.cancelled"))
	}
	for _, p := range []string{a.Headline, a.Summary} {
		if p != "" && p != a.Title {
			parts = append(parts, p)
		}
	}
	if len(a.Hosts) > 0 {
		names := make([]string, len(a.Hosts))
		for i, h := range a.Hosts {
			names[i] = h.Name
		}
		parts = append(parts, l.T("feeds.ics.hosted_by", "Hosts", core.JoinList(l, names)))
	}
	if a.Format != domain.FormatInPerson {
		note := strings.TrimRight(a.OnlineNote, ". ")
		if note == "" {
			note = l.T("feeds.ics.online_default")
		}
		parts = append(parts, l.T("feeds.ics.online_note", "Note", note))
	}
	parts = append(parts, l.T("feeds.ics.more", "URL", page))
	return strings.Join(parts, "\n\n")
}
