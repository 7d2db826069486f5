package opendata_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

type activityPage struct {
	Data []struct {
		Slug     string `json:"slug"`
		StartsOn string `json:"starts_on"`
		ID       int64  `json:"id"`
	} `json:"data"`
	Total      int     `json:"total"`
	Limit      int     `json:"limit"`
	NextCursor *string `json:"next_cursor"`
	Links      struct {
		Self string  `json:"self"`
		Next *string `json:"next"`
	} `json:"links"`
}

// walkActivities follows links.next from path to the last page and returns
// every slug in order, failing on a repeated row.
func walkActivities(t *testing.T, s *Site, path string) ([]string, int) {
	t.Helper()
	var slugs []string
	total := -1
	for pages := 0; path != ""; pages++ {
		if pages > 200 {
			t.Fatalf("more than 200 pages: the cursor does not advance")
		}
		var p activityPage
		s.APIJSON(t, path, &p)
		if total >= 0 && p.Total != total {
			t.Errorf("total changed from %d to %d while walking", total, p.Total)
		}
		total = p.Total
		for _, a := range p.Data {
			if slices.Contains(slugs, a.Slug) {
				t.Fatalf("%s appears twice while walking the pages", a.Slug)
			}
			slugs = append(slugs, a.Slug)
		}
		if (p.NextCursor == nil) != (p.Links.Next == nil) {
			t.Fatalf("next_cursor and links.next disagree on %s", path)
		}
		path = ""
		if p.Links.Next != nil {
			if len(p.Data) != p.Limit {
				t.Errorf("a page with a next page holds %d rows, want the limit %d", len(p.Data), p.Limit)
			}
			path = *p.Links.Next
		}
	}
	return slugs, total
}

func TestAPIActivitiesCursorWalk(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		change := withExtraActivities(23)
		s := NewSiteChanged(t, d, change)
		ds := DefaultDataset(t)
		change(&ds)
		want := publishedInOrder(ds, nil)
		for _, limit := range []string{"1", "3", "7", "100"} {
			got, total := walkActivities(t, s, "/api/v1/activities?limit="+limit)
			if !slices.Equal(got, want) {
				t.Errorf("limit %s: walked\n%v\nwant\n%v", limit, got, want)
			}
			if total != len(want) {
				t.Errorf("limit %s: total %d, want %d", limit, total, len(want))
			}
		}
		// The page size may change between pages; the filters may not.
		var first activityPage
		s.APIJSON(t, "/api/v1/activities?type=co-progettazione&limit=2", &first)
		rest, _ := walkActivities(t, s, "/api/v1/activities?type=co-progettazione&limit=5&cursor="+url.QueryEscape(*first.NextCursor))
		got := []string{first.Data[0].Slug, first.Data[1].Slug}
		got = append(got, rest...)
		wantType := publishedInOrder(ds, func(a dataset.Activity) bool { return a.Type == "co-progettazione" })
		if !slices.Equal(got, wantType) {
			t.Errorf("type walk: %v, want %v", got, wantType)
		}
	})
}

func TestAPIActivityFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		change := withExtraActivities(12)
		s := NewSiteChanged(t, d, change)
		ds := DefaultDataset(t)
		change(&ds)
		cases := []struct {
			query string
			keep  func(a dataset.Activity) bool
		}{
			{"type=formazione", func(a dataset.Activity) bool { return a.Type == "formazione" }},
			{"type=networking", func(a dataset.Activity) bool { return a.Type == "networking" }},
			{"community=amministratori", func(a dataset.Activity) bool { return a.Community == "amministratori" }},
			{"format=in_presenza", func(a dataset.Activity) bool { return a.Format == "in_presenza" }},
			{"stage=true", func(a dataset.Activity) bool { return a.Stage }},
			{"stage=false", func(a dataset.Activity) bool { return !a.Stage }},
			{"from=2021-03-12&to=2021-12-15", func(a dataset.Activity) bool { return a.Date >= "2021-03-12" && a.Date <= "2021-12-15" }},
			{"from=2023-01-02", func(a dataset.Activity) bool { return a.Date >= "2023-01-02" }},
			{"body=comune-di-collegno", func(a dataset.Activity) bool { return tookPart(ds, a, "comune-di-collegno") }},
			{"body=comune-di-genova", func(a dataset.Activity) bool { return tookPart(ds, a, "comune-di-genova") }},
			{"body=anci-piemonte&format=ibrido", func(a dataset.Activity) bool { return tookPart(ds, a, "anci-piemonte") && a.Format == "ibrido" }},
		}
		for _, c := range cases {
			want := publishedInOrder(ds, c.keep)
			if len(want) == 0 {
				t.Fatalf("%s: the test data has no match; the case proves nothing", c.query)
			}
			got, total := walkActivities(t, s, "/api/v1/activities?limit=4&"+c.query)
			if !slices.Equal(got, want) || total != len(want) {
				t.Errorf("%s: got %v (total %d), want %v", c.query, got, total, want)
			}
		}
	})
}

type problemDoc struct {
	Type          string `json:"type"`
	Title         string `json:"title"`
	Status        int    `json:"status"`
	Detail        string `json:"detail"`
	InvalidParams []struct {
		Name   string `json:"name"`
		Reason string `json:"reason"`
	} `json:"invalid_params"`
}

// requireProblem checks res is a problem document of the given status and,
// for 400, that it names the parameter.
func requireProblem(t *testing.T, path string, res APIResponse, status int, param string) problemDoc {
	t.Helper()
	var p problemDoc
	if res.StatusCode != status {
		t.Fatalf("GET %s: %d, want %d: %s", path, res.StatusCode, status, res.Body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Errorf("GET %s: Content-Type %q, want application/problem+json", path, ct)
	}
	if err := json.Unmarshal(res.Body, &p); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	if p.Status != status || p.Type == "" || p.Title == "" || p.Detail == "" {
		t.Errorf("GET %s: incomplete problem document %+v", path, p)
	}
	if res.Header.Get("Access-Control-Allow-Origin") != "*" || res.Header.Get("Cache-Control") == "" || res.Header.Get("ETag") == "" {
		t.Errorf("GET %s: a problem answer lacks CORS, Cache-Control or ETag: %v", path, res.Header)
	}
	if param != "" && !slices.ContainsFunc(p.InvalidParams, func(ip struct {
		Name   string `json:"name"`
		Reason string `json:"reason"`
	}) bool {
		return ip.Name == param && ip.Reason != ""
	}) {
		t.Errorf("GET %s: invalid_params %+v does not name %q", path, p.InvalidParams, param)
	}
	return p
}

// tamper changes the position a cursor points to and keeps its signature.
func tamper(t *testing.T, cursor string) string {
	t.Helper()
	payload, mac, _ := strings.Cut(cursor, ".")
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		t.Fatalf("the cursor is not base64url: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("the cursor payload is not JSON: %v", err)
	}
	m["i"] = m["i"].(float64) + 1
	edited, _ := json.Marshal(m)
	return base64.RawURLEncoding.EncodeToString(edited) + "." + mac
}

func TestAPIBadParameters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		var acts, typed, bodies struct {
			NextCursor *string `json:"next_cursor"`
		}
		s.APIJSON(t, "/api/v1/activities?limit=1", &acts)
		s.APIJSON(t, "/api/v1/activities?limit=1&type=co-progettazione", &typed)
		s.APIJSON(t, "/api/v1/bodies?limit=1", &bodies)
		if acts.NextCursor == nil || typed.NextCursor == nil || bodies.NextCursor == nil {
			t.Fatal("the lists should have a next page at limit=1")
		}
		q := url.QueryEscape
		cases := []struct{ path, param string }{
			{"/api/v1/activities?tipo=formazione", "tipo"},
			{"/api/v1/activities?from=2021-13-01", "from"},
			{"/api/v1/activities?from=12/03/2021", "from"},
			{"/api/v1/activities?from=2022-01-01&to=2021-01-01", "to"},
			{"/api/v1/activities?limit=101", "limit"},
			{"/api/v1/activities?limit=0", "limit"},
			{"/api/v1/activities?limit=dieci", "limit"},
			{"/api/v1/activities?type=concerti", "type"},
			{"/api/v1/activities?type=formazione&type=networking", "type"},
			{"/api/v1/activities?community=sconosciuta", "community"},
			{"/api/v1/activities?body=comune-di-atlantide", "body"},
			{"/api/v1/activities?format=radio", "format"},
			{"/api/v1/activities?stage=forse", "stage"},
			{"/api/v1/activities?cursor=abc", "cursor"},
			{"/api/v1/activities?cursor=" + q(tamper(t, *acts.NextCursor)), "cursor"},
			{"/api/v1/activities?cursor=" + q(*bodies.NextCursor), "cursor"},
			{"/api/v1/activities?cursor=" + q(*typed.NextCursor), "cursor"},
			{"/api/v1/activities?type=formazione&cursor=" + q(*acts.NextCursor), "cursor"},
			{"/api/v1/bodies?cursor=" + q(tamper(t, *bodies.NextCursor)), "cursor"},
			{"/api/v1/bodies?cursor=" + q(*acts.NextCursor), "cursor"},
			{"/api/v1/bodies?kind=castello", "kind"},
			{"/api/v1/bodies?province=to", "province"},
			{"/api/v1/bodies?region=Atlantide", "region"},
			{"/api/v1/bodies?limit=500", "limit"},
			{"/api/v1/bodies?nome=Chieri", "nome"},
			{"/api/v1/activities/chieri-2020?full=1", "full"},
			{"/api/v1/bodies/comune-di-chieri?x=1", "x"},
			{"/api/v1/communities?limit=5", "limit"},
			{"/api/v1/activity-types?lang=en", "lang"},
			{"/api/v1/network?x=", "x"},
			{"/api/openapi.json?v=2", "v"},
		}
		for _, c := range cases {
			requireProblem(t, c.path, s.APIGet(t, c.path), http.StatusBadRequest, c.param)
		}
		// Every mistake is listed, not only the first.
		p := requireProblem(t, "several", s.APIGet(t, "/api/v1/activities?from=ieri&limit=1000&colour=red"), http.StatusBadRequest, "from")
		if len(p.InvalidParams) != 3 {
			t.Errorf("three wrong parameters, invalid_params lists %d: %+v", len(p.InvalidParams), p.InvalidParams)
		}
		// The untampered cursor still works.
		if res := s.APIGet(t, "/api/v1/activities?cursor="+q(*acts.NextCursor)); res.StatusCode != http.StatusOK {
			t.Errorf("a genuine cursor: %d: %s", res.StatusCode, res.Body)
		}
	})
}

func TestAPINotFoundAndMethods(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSiteChanged(t, d, withExtraActivities(5))
		for _, path := range []string{"/api/v1/activities/non-esiste", "/api/v1/bodies/non-esiste", "/api/v1/nulla", "/api/v2/activities",
			"/api/v1/activities/extra-04" /* a draft */} {
			requireProblem(t, path, s.APIGet(t, path), http.StatusNotFound, "")
		}
		if res := s.APIGet(t, "/api/v1"); res.StatusCode/100 != 3 || res.Header.Get("Location") != "/api/v1/" {
			t.Errorf("GET /api/v1: %d to %q, want a redirect to /api/v1/", res.StatusCode, res.Header.Get("Location"))
		}
		res := s.APIDo(t, http.MethodPost, "/api/v1/activities")
		requireProblem(t, "POST /api/v1/activities", res, http.StatusMethodNotAllowed, "")
		if !strings.Contains(res.Header.Get("Allow"), "GET") {
			t.Errorf("405 without Allow: %v", res.Header)
		}
		pre := s.APIDo(t, http.MethodOptions, "/api/v1/activities", "Origin", "https://example.org", "Access-Control-Request-Method", "GET")
		if pre.StatusCode != http.StatusNoContent || pre.Header.Get("Access-Control-Allow-Origin") != "*" ||
			!strings.Contains(pre.Header.Get("Access-Control-Allow-Methods"), "GET") {
			t.Errorf("preflight: %d %v", pre.StatusCode, pre.Header)
		}
		pre = s.APIDo(t, http.MethodOptions, "/dati/enti.csv", "Origin", "https://example.org", "Access-Control-Request-Method", "GET")
		if pre.StatusCode != http.StatusNoContent || pre.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("CSV preflight: %d %v", pre.StatusCode, pre.Header)
		}
		it := requireProblem(t, "it", s.APIGet(t, "/api/v1/activities?x=1", "Accept-Language", "it"), http.StatusBadRequest, "x")
		en := requireProblem(t, "en", s.APIGet(t, "/api/v1/activities?x=1", "Accept-Language", "en"), http.StatusBadRequest, "x")
		if it.Title == en.Title || it.InvalidParams[0].Reason == en.InvalidParams[0].Reason {
			t.Errorf("problem documents are not translated: %q / %q", it.Title, en.Title)
		}
	})
}

func TestAPICachingHeaders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		a := s.APIGet(t, "/api/v1/activities")
		b := s.APIGet(t, "/api/v1/activities")
		c := s.APIGet(t, "/api/v1/activities?type=formazione")
		etag := a.Header.Get("ETag")
		if !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) || len(etag) < 10 {
			t.Fatalf("ETag %q is not a strong validator", etag)
		}
		if b.Header.Get("ETag") != etag {
			t.Errorf("the same answer got two ETags: %s and %s", etag, b.Header.Get("ETag"))
		}
		if c.Header.Get("ETag") == etag {
			t.Errorf("different answers share the ETag %s", etag)
		}
		if a.Header.Get("Cache-Control") != "public, max-age=60" || a.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("headers: %v", a.Header)
		}
		for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
			res := s.APIGet(t, "/api/v1/activities", "If-None-Match", inm)
			if res.StatusCode != http.StatusNotModified || len(res.Body) != 0 {
				t.Errorf("If-None-Match %s: %d with %d bytes, want 304 without a body", inm, res.StatusCode, len(res.Body))
			}
			if res.Header.Get("ETag") != etag || res.Header.Get("Cache-Control") == "" {
				t.Errorf("304 without ETag or Cache-Control: %v", res.Header)
			}
		}
		if res := s.APIGet(t, "/api/v1/activities", "If-None-Match", `"something-else"`); res.StatusCode != http.StatusOK {
			t.Errorf("a stale ETag: %d, want 200", res.StatusCode)
		}
		// The gzip variant is a different representation with its own tag.
		gz := s.APIGet(t, "/api/v1/activities", "Accept-Encoding", "gzip")
		if gz.Header.Get("Content-Encoding") != "gzip" || gz.Header.Get("ETag") == etag {
			t.Errorf("gzip answer: encoding %q, ETag %q (identity %q)", gz.Header.Get("Content-Encoding"), gz.Header.Get("ETag"), etag)
		}
		if res := s.APIGet(t, "/api/v1/activities", "Accept-Encoding", "gzip", "If-None-Match", gz.Header.Get("ETag")); res.StatusCode != http.StatusNotModified {
			t.Errorf("If-None-Match with the gzip ETag: %d, want 304", res.StatusCode)
		}
	})
}
