package opendata_test

import (
	"fmt"
	"slices"
	"sort"

	"benicommunity/internal/dataset"
	"benicommunity/internal/domain"
)

// Expectations computed straight from a dataset, independently of the store,
// so the API is checked against the facts it was loaded with.

// withExtraActivities adds n activities to a dataset: three per day (so the
// keyset tie-break on id matters), every fifth one a draft, types and
// formats in turn, one title full of CSV metacharacters.
func withExtraActivities(n int) func(ds *dataset.Dataset) {
	return func(ds *dataset.Dataset) {
		formats := []string{"online", "in_presenza", "ibrido"}
		for i := range n {
			a := dataset.Activity{
				Slug:    fmt.Sprintf("extra-%02d", i),
				Title:   fmt.Sprintf("Attività aggiuntiva %d", i),
				Type:    ds.ActivityTypes[i%len(ds.ActivityTypes)].Slug,
				Status:  "published",
				Date:    fmt.Sprintf("2023-01-%02d", 1+i/3),
				Format:  formats[i%len(formats)],
				Summary: "Attività di prova.",
			}
			if i%5 == 4 {
				a.Status = "draft"
			}
			if i%2 == 0 {
				a.Participations = []dataset.Participation{{Body: "comune-di-asti", Role: "attendee"}}
			} else {
				a.Participations = []dataset.Participation{{Body: "anci-piemonte", Role: "partner"},
					{Body: "scuola-di-amministrazione-del-comune-di-genova", Role: "co_organizer"}}
			}
			if i == 1 {
				a.Title = `Tavolo "beni comuni", spazi; verde` + "\ne nuove regole"
			}
			ds.Activities = append(ds.Activities, a)
		}
	}
}

// publishedInOrder returns the published activities in the API's order:
// by date, then by id (the order they were loaded in).
func publishedInOrder(ds dataset.Dataset, keep func(dataset.Activity) bool) []string {
	type row struct {
		date  string
		index int
		slug  string
	}
	var rows []row
	for i, a := range ds.Activities {
		if a.Status == "published" && (keep == nil || keep(a)) {
			rows = append(rows, row{a.Date, i, a.Slug})
		}
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].date != rows[j].date {
			return rows[i].date < rows[j].date
		}
		return rows[i].index < rows[j].index
	})
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.slug
	}
	return out
}

// parentOf maps each body slug to the body it counts for (itself, or its parent).
func parentOf(ds dataset.Dataset) map[string]string {
	out := map[string]string{}
	for _, b := range ds.Bodies {
		out[b.Slug] = b.Slug
		if b.Parent != "" {
			out[b.Slug] = b.Parent
		}
	}
	return out
}

// tookPart reports whether a body or one of its offices took part in a.
func tookPart(ds dataset.Dataset, a dataset.Activity, body string) bool {
	parent := parentOf(ds)
	for _, p := range a.Participations {
		if p.Body == body || parent[p.Body] == body {
			return true
		}
	}
	return false
}

// joinedAt returns, for every member body, the slug of the published
// activity at which it joined: its first one in a member role. An office is
// in the network with its parent body, so it shares the parent's date.
func joinedAt(ds dataset.Dataset) map[string]string {
	parent := parentOf(ds)
	out := map[string]string{}
	for _, slug := range publishedInOrder(ds, nil) {
		i := slices.IndexFunc(ds.Activities, func(a dataset.Activity) bool { return a.Slug == slug })
		for _, p := range ds.Activities[i].Participations {
			if !domain.ParticipationRole(p.Role).IsMembership() {
				continue
			}
			if _, ok := out[parent[p.Body]]; !ok {
				out[parent[p.Body]] = slug
			}
		}
	}
	for office, owner := range parent {
		if office != owner {
			if slug, ok := out[owner]; ok {
				out[office] = slug
			}
		}
	}
	return out
}

// memberCount is how many bodies are members in their own right: offices
// share their parent's membership and are not counted again.
func memberCount(ds dataset.Dataset) int {
	parent := parentOf(ds)
	n := 0
	for slug := range joinedAt(ds) {
		if parent[slug] == slug {
			n++
		}
	}
	return n
}

func findActivity(ds dataset.Dataset, slug string) dataset.Activity {
	for _, a := range ds.Activities {
		if a.Slug == slug {
			return a
		}
	}
	return dataset.Activity{}
}
