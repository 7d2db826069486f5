package opendata_test

import (
	"encoding/xml"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// Atom documents as a reader sees them (RFC 4287), decoded with encoding/xml.
type testAtomFeed struct {
	XMLName xml.Name       `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string         `xml:"http://www.w3.org/2005/Atom id"`
	Title   string         `xml:"http://www.w3.org/2005/Atom title"`
	Updated string         `xml:"http://www.w3.org/2005/Atom updated"`
	Links   []testAtomLink `xml:"http://www.w3.org/2005/Atom link"`
	Author  struct {
		Name string `xml:"http://www.w3.org/2005/Atom name"`
	} `xml:"http://www.w3.org/2005/Atom author"`
	Entries []testAtomEntry `xml:"http://www.w3.org/2005/Atom entry"`
}

type testAtomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
}

type testAtomEntry struct {
	ID        string         `xml:"http://www.w3.org/2005/Atom id"`
	Title     string         `xml:"http://www.w3.org/2005/Atom title"`
	Updated   string         `xml:"http://www.w3.org/2005/Atom updated"`
	Published string         `xml:"http://www.w3.org/2005/Atom published"`
	Links     []testAtomLink `xml:"http://www.w3.org/2005/Atom link"`
	Category  []struct {
		Term  string `xml:"term,attr"`
		Label string `xml:"label,attr"`
	} `xml:"http://www.w3.org/2005/Atom category"`
	Summary string `xml:"http://www.w3.org/2005/Atom summary"`
	Content struct {
		Type string `xml:"type,attr"`
		Body string `xml:",chardata"`
	} `xml:"http://www.w3.org/2005/Atom content"`
}

func getAtom(t *testing.T, s *Site, path string) testAtomFeed {
	t.Helper()
	code, ctype, body := s.Fetch(t, path)
	if code != http.StatusOK || ctype != "application/atom+xml; charset=utf-8" {
		t.Fatalf("GET %s = %d %q", path, code, ctype)
	}
	var f testAtomFeed
	if err := xml.Unmarshal([]byte(body), &f); err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return f
}

func link(links []testAtomLink, rel string) string {
	for _, l := range links {
		if l.Rel == rel {
			return l.Href
		}
	}
	return ""
}

var tagURI = regexp.MustCompile(`^tag:127\.0\.0\.1,2020:[a-z0-9-]+$`)

func TestAtomFeedOfActivities(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewFeedSite(t, d, nil)
		f := getAtom(t, s, "/feed.atom")
		if !tagURI.MatchString(f.ID) || f.Title == "" || f.Author.Name != "benicommunity" {
			t.Errorf("feed id %q, title %q, author %q", f.ID, f.Title, f.Author.Name)
		}
		if link(f.Links, "self") != s.URL+"/feed.atom" || link(f.Links, "alternate") != s.URL+"/attivita" {
			t.Errorf("feed links = %+v", f.Links)
		}
		if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
			t.Errorf("feed updated: %v", err)
		}
		var pages []string
		ids := map[string]bool{}
		for _, e := range f.Entries {
			pages = append(pages, strings.TrimPrefix(link(e.Links, "alternate"), s.URL))
			if !tagURI.MatchString(e.ID) || ids[e.ID] {
				t.Errorf("entry id %q is not a unique tag URI", e.ID)
			}
			ids[e.ID] = true
			for _, ts := range []string{e.Updated, e.Published} {
				if _, err := time.Parse(time.RFC3339, ts); err != nil {
					t.Errorf("entry %s time %q: %v", e.Title, ts, err)
				}
			}
		}
		slices.Sort(pages)
		want := []string{"/attivita/incontro-torino-2023", "/attivita/serata-ibrida-2023", "/tappe/barge-2022", "/tappe/chieri-2020",
			"/tappe/collegno-2021", "/tappe/genova-2021", "/tappe/giovani-2023", "/tappe/sant-antonino-di-susa-2021"}
		if !slices.Equal(pages, want) {
			t.Errorf("entries link to %v\nwant the published activities %v", pages, want)
		}
		for _, e := range f.Entries {
			switch link(e.Links, "alternate") {
			case s.URL + "/attivita/serata-ibrida-2023":
				if e.Title != NastyTitle {
					t.Errorf("title = %q, want it unchanged", e.Title)
				}
				if len(e.Category) != 1 || e.Category[0].Term != "formazione" || e.Category[0].Label != "Formazione" {
					t.Errorf("category = %+v", e.Category)
				}
			case s.URL + "/attivita/incontro-torino-2023":
				if e.Content.Type != "html" || !strings.Contains(e.Content.Body, "<strong>pubblico</strong>") {
					t.Errorf("content = %+v, want the rendered description", e.Content)
				}
				if !strings.HasPrefix(e.Summary, "26 marzo 2023 – Una descrizione lunga") {
					t.Errorf("summary = %q", e.Summary)
				}
			}
		}
		// The same activity keeps its id across requests.
		again := getAtom(t, s, "/feed.atom")
		for i := range f.Entries {
			if again.Entries[i].ID != f.Entries[i].ID {
				t.Errorf("entry id changed: %s → %s", f.Entries[i].ID, again.Entries[i].ID)
			}
		}
	})
}

func TestAtomFeedOfOutcomes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewFeedSite(t, d, nil)
		f := getAtom(t, s, "/restituzioni.atom")
		acts := getAtom(t, s, "/feed.atom")
		if link(f.Links, "self") != s.URL+"/restituzioni.atom" || f.ID == acts.ID {
			t.Errorf("outcome feed self %q, id %q (activities %q)", link(f.Links, "self"), f.ID, acts.ID)
		}
		byPage := map[string]testAtomEntry{}
		for _, e := range f.Entries {
			byPage[strings.TrimPrefix(link(e.Links, "alternate"), s.URL)] = e
		}
		// The default stages shared an outcome report; the fixture's hybrid evening wrote one.
		for _, p := range []string{"/tappe/chieri-2020#outcome-title", "/attivita/serata-ibrida-2023#outcome-title"} {
			if _, ok := byPage[p]; !ok {
				t.Errorf("no outcome entry for %s (have %v)", p, SortedKeys(byPage))
			}
		}
		if _, ok := byPage["/attivita/incontro-torino-2023#outcome-title"]; ok {
			t.Error("an activity without an outcome is in the outcome feed")
		}
		e := byPage["/attivita/serata-ibrida-2023#outcome-title"]
		if !strings.Contains(e.Content.Body, "<strong>tre</strong>") || !strings.HasPrefix(e.Title, "Restituzione: ") {
			t.Errorf("outcome entry = %q / %q", e.Title, e.Content.Body)
		}
		for _, a := range acts.Entries {
			if a.ID == e.ID {
				t.Error("an outcome entry shares its id with the activity entry")
			}
		}
	})
}
