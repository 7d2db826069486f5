package opendata_test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

type apiBodyRefT struct {
	Slug string `json:"slug"`
	Kind string `json:"kind"`
}

type apiActivityT struct {
	Slug           string `json:"slug"`
	StartsOn       string `json:"starts_on"`
	Format         string `json:"format"`
	IsStage        bool   `json:"is_stage"`
	StageNumber    *int   `json:"stage_number"`
	Type           struct{ Slug string }
	Community      *struct{ Slug string }
	DeclaredPeople *struct {
		Value       int  `json:"value"`
		Approximate bool `json:"approximate"`
	} `json:"declared_people"`
	DeclaredBodies *struct {
		Value       int  `json:"value"`
		Approximate bool `json:"approximate"`
	} `json:"declared_bodies"`
	Hosts          []apiBodyRefT `json:"hosts"`
	NamedBodies    int           `json:"named_bodies"`
	Themes         []struct{ Slug string }
	BreakoutTables []struct{ Title string } `json:"breakout_tables"`
	DeclaredRoles  []struct {
		Role   string `json:"role"`
		People *int   `json:"people"`
	} `json:"declared_roles"`
	Participations []struct {
		Body apiBodyRefT `json:"body"`
		Role string      `json:"role"`
	} `json:"participations"`
	NewBodies []apiBodyRefT `json:"new_bodies"`
}

func slugsOf(refs []apiBodyRefT) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.Slug
	}
	sort.Strings(out)
	return out
}

func TestAPIActivityDetail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		ds := DefaultDataset(t)
		joined := joinedAt(ds)
		parent := parentOf(ds)
		for _, want := range ds.Activities {
			var got apiActivityT
			s.APIJSON(t, "/api/v1/activities/"+want.Slug, &got)
			if got.Slug != want.Slug || got.StartsOn != want.Date || got.Format != want.Format || got.IsStage != want.Stage ||
				got.Type.Slug != want.Type || (got.Community == nil) != (want.Community == "") {
				t.Errorf("%s: %+v does not match the dataset", want.Slug, got)
			}
			if (got.DeclaredPeople == nil) != (want.Declared.People == nil) ||
				(got.DeclaredPeople != nil && (got.DeclaredPeople.Value != *want.Declared.People || got.DeclaredPeople.Approximate != want.Declared.PeopleApprox)) {
				t.Errorf("%s: declared_people %+v, dataset %v", want.Slug, got.DeclaredPeople, want.Declared)
			}
			if (got.DeclaredBodies == nil) != (want.Declared.Bodies == nil) ||
				(got.DeclaredBodies != nil && got.DeclaredBodies.Value != *want.Declared.Bodies) {
				t.Errorf("%s: declared_bodies %+v, dataset %v", want.Slug, got.DeclaredBodies, want.Declared)
			}
			var gotParts, wantParts, wantHosts, wantNew []string
			named := map[string]bool{}
			for _, p := range got.Participations {
				gotParts = append(gotParts, p.Body.Slug+"/"+p.Role)
			}
			for _, p := range want.Participations {
				wantParts = append(wantParts, p.Body+"/"+p.Role)
				named[p.Body] = true
				if p.Role == "host" {
					wantHosts = append(wantHosts, p.Body)
				}
				if joined[parent[p.Body]] == want.Slug && !slices.Contains(wantNew, parent[p.Body]) {
					wantNew = append(wantNew, parent[p.Body])
				}
			}
			sort.Strings(gotParts)
			sort.Strings(wantParts)
			sort.Strings(wantHosts)
			sort.Strings(wantNew)
			if !slices.Equal(gotParts, wantParts) {
				t.Errorf("%s: participations %v, want %v", want.Slug, gotParts, wantParts)
			}
			if !slices.Equal(slugsOf(got.Hosts), wantHosts) || got.NamedBodies != len(named) {
				t.Errorf("%s: hosts %v (named %d), want %v (named %d)", want.Slug, slugsOf(got.Hosts), got.NamedBodies, wantHosts, len(named))
			}
			if !slices.Equal(slugsOf(got.NewBodies), wantNew) {
				t.Errorf("%s: new_bodies %v, want %v", want.Slug, slugsOf(got.NewBodies), wantNew)
			}
			var gotThemes []string
			for _, th := range got.Themes {
				gotThemes = append(gotThemes, th.Slug)
			}
			if !slices.Equal(gotThemes, want.Themes) {
				t.Errorf("%s: themes %v, want %v", want.Slug, gotThemes, want.Themes)
			}
			if len(got.BreakoutTables) != len(want.Tables) || len(got.DeclaredRoles) != len(want.Roles) {
				t.Errorf("%s: %d tables and %d roles, want %d and %d", want.Slug, len(got.BreakoutTables), len(got.DeclaredRoles), len(want.Tables), len(want.Roles))
			}
			if want.Stage && got.StageNumber == nil {
				t.Errorf("%s: a stage without stage_number", want.Slug)
			}
		}
	})
}

func TestAPIBodies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		ds := DefaultDataset(t)
		joined := joinedAt(ds)
		// Walk every page: each body once, the right membership.
		seen := map[string]bool{}
		path := "/api/v1/bodies?limit=4"
		for path != "" {
			var page struct {
				Data []struct {
					Slug     string                 `json:"slug"`
					Name     string                 `json:"name"`
					Member   bool                   `json:"member"`
					Latitude *float64               `json:"latitude"`
					JoinedAt *struct{ Slug string } `json:"joined_at"`
				}
				Total int
				Links struct{ Next *string }
			}
			s.APIJSON(t, path, &page)
			if page.Total != len(ds.Bodies) {
				t.Errorf("total %d, want %d", page.Total, len(ds.Bodies))
			}
			for _, b := range page.Data {
				if seen[b.Slug] {
					t.Fatalf("%s listed twice", b.Slug)
				}
				seen[b.Slug] = true
				want, member := joined[b.Slug]
				if b.Member != member || (b.JoinedAt == nil) != !member || (member && b.JoinedAt.Slug != want) {
					t.Errorf("%s: member %v joined %+v, want member %v at %q", b.Slug, b.Member, b.JoinedAt, member, want)
				}
			}
			path = ""
			if page.Links.Next != nil {
				path = *page.Links.Next
			}
		}
		if len(seen) != len(ds.Bodies) {
			t.Errorf("walked %d bodies, want %d", len(seen), len(ds.Bodies))
		}
		// Filters agree with the dataset.
		for _, c := range []struct {
			query string
			keep  func(b dataset.Body) bool
		}{
			{"kind=comune", func(b dataset.Body) bool { return b.Kind == "comune" }},
			{"province=GE", func(b dataset.Body) bool { return b.ProvinceCode == "GE" }},
			{"region=Liguria&kind=ufficio", func(b dataset.Body) bool { return b.Region == "Liguria" && b.Kind == "ufficio" }},
		} {
			var want []string
			for _, b := range ds.Bodies {
				if c.keep(b) {
					want = append(want, b.Slug)
				}
			}
			var page struct {
				Data  []apiBodyRefT
				Total int
			}
			s.APIJSON(t, "/api/v1/bodies?limit=100&"+c.query, &page)
			sort.Strings(want)
			if got := slugsOf(page.Data); !slices.Equal(got, want) || page.Total != len(want) {
				t.Errorf("%s: %v (total %d), want %v", c.query, got, page.Total, want)
			}
		}
		// One body: offices, and participations through them.
		var genova struct {
			Slug           string
			Member         bool
			Offices        []apiBodyRefT
			Participations []struct {
				Activity struct{ Slug string }
				Role     string
				Via      *apiBodyRefT
			}
		}
		s.APIJSON(t, "/api/v1/bodies/comune-di-genova", &genova)
		var wantOffices, wantParts, gotParts []string
		for _, b := range ds.Bodies {
			if b.Parent == "comune-di-genova" {
				wantOffices = append(wantOffices, b.Slug)
			}
		}
		for _, a := range ds.Activities {
			for _, p := range a.Participations {
				if p.Body == "comune-di-genova" || slices.Contains(wantOffices, p.Body) {
					wantParts = append(wantParts, fmt.Sprintf("%s/%s/%s", a.Slug, p.Role, p.Body))
				}
			}
		}
		for _, p := range genova.Participations {
			via := "comune-di-genova"
			if p.Via != nil {
				via = p.Via.Slug
			}
			gotParts = append(gotParts, fmt.Sprintf("%s/%s/%s", p.Activity.Slug, p.Role, via))
		}
		sort.Strings(wantOffices)
		sort.Strings(wantParts)
		sort.Strings(gotParts)
		if len(wantOffices) == 0 || !slices.Equal(slugsOf(genova.Offices), wantOffices) {
			t.Errorf("offices %v, want %v", slugsOf(genova.Offices), wantOffices)
		}
		if !slices.Equal(gotParts, wantParts) {
			t.Errorf("participations %v, want %v", gotParts, wantParts)
		}
	})
}

func TestAPINetworkAndCounters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		change := withExtraActivities(10)
		s := NewSiteChanged(t, d, change)
		ds := DefaultDataset(t)
		change(&ds)
		published := map[string]int{}
		var stages, people, publishedAll, participations, baseline int
		for _, a := range ds.Activities {
			if a.Status != "published" {
				continue
			}
			publishedAll++
			published[a.Type]++
			participations += len(a.Participations)
			if a.Stage {
				stages++
			}
			if a.Declared.People != nil {
				people += *a.Declared.People
			}
		}
		var types struct {
			Data []struct {
				Slug                       string
				Baseline, Published, Total int
			}
		}
		s.APIJSON(t, "/api/v1/activity-types", &types)
		if len(types.Data) != len(ds.ActivityTypes) {
			t.Fatalf("%d types, want %d", len(types.Data), len(ds.ActivityTypes))
		}
		for i, want := range ds.ActivityTypes {
			got := types.Data[i]
			baseline += want.Baseline
			if got.Slug != want.Slug || got.Baseline != want.Baseline || got.Published != published[want.Slug] || got.Total != want.Baseline+published[want.Slug] {
				t.Errorf("type %s: %+v, want baseline %d published %d", want.Slug, got, want.Baseline, published[want.Slug])
			}
		}
		var network struct {
			Name     string
			Area     string
			Figures  map[string]int
			Counters []struct{ Slug string }
		}
		s.APIJSON(t, "/api/v1/network", &network)
		want := map[string]int{
			"members": memberCount(ds), "bodies": len(ds.Bodies), "communities": len(ds.Communities),
			"activities_published": publishedAll, "activities_counted": publishedAll + baseline, "stages": stages,
			"participations": participations, "people_declared": people,
		}
		for k, v := range want {
			if network.Figures[k] != v {
				t.Errorf("figures.%s = %d, want %d", k, network.Figures[k], v)
			}
		}
		// The default data types no area: the regions of the member bodies stand in.
		if ds.Network.Area == "" && (!strings.Contains(network.Area, "Piemonte") || !strings.Contains(network.Area, "Liguria")) {
			t.Errorf("area = %q, want the regions of the member bodies", network.Area)
		}
		if network.Name != ds.Network.Name || len(network.Counters) != len(ds.ActivityTypes) {
			t.Errorf("network %q with %d counters", network.Name, len(network.Counters))
		}
		var communities struct {
			Data []struct {
				Slug   string
				Stages int
			}
		}
		s.APIJSON(t, "/api/v1/communities", &communities)
		for i, c := range ds.Communities {
			n := 0
			for _, a := range ds.Activities {
				if a.Community == c.Slug && a.Stage && a.Status == "published" {
					n++
				}
			}
			if communities.Data[i].Slug != c.Slug || communities.Data[i].Stages != n {
				t.Errorf("community %+v, want %s with %d stages", communities.Data[i], c.Slug, n)
			}
		}
	})
}
