package opendata_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// readCSV fetches a CSV file and parses it back with encoding/csv, which
// enforces RFC 4180 quoting; it returns the rows keyed by header name.
func readCSV(t *testing.T, s *Site, path string, comma rune) ([]string, []map[string]string) {
	t.Helper()
	res := s.APIGet(t, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d: %s", path, res.StatusCode, res.Body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") || !strings.Contains(ct, "utf-8") {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; filename=") || !strings.Contains(cd, ".csv") {
		t.Errorf("GET %s: Content-Disposition %q", path, cd)
	}
	if res.Header.Get("Access-Control-Allow-Origin") != "*" || res.Header.Get("ETag") == "" || res.Header.Get("Cache-Control") == "" {
		t.Errorf("GET %s: headers %v", path, res.Header)
	}
	body := res.Body
	bom := []byte("\uFEFF")
	if comma == ';' {
		if !bytes.HasPrefix(body, bom) {
			t.Errorf("GET %s: the Italian variant starts without a byte order mark", path)
		}
		body = bytes.TrimPrefix(body, bom)
	} else if bytes.HasPrefix(body, bom) {
		t.Errorf("GET %s: the standard variant starts with a byte order mark", path)
	}
	if !bytes.Contains(body, []byte("\r\n")) {
		t.Errorf("GET %s: RFC 4180 lines end with CRLF", path)
	}
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = comma
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("GET %s: not valid CSV: %v", path, err)
	}
	if len(records) == 0 {
		t.Fatalf("GET %s: no header row", path)
	}
	header := records[0]
	var rows []map[string]string
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, h := range header {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return header, rows
}

func TestCSVActivities(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		change := withExtraActivities(8)
		s := NewSiteChanged(t, d, change)
		ds := DefaultDataset(t)
		change(&ds)
		want := publishedInOrder(ds, nil)
		for _, v := range []struct {
			query string
			comma rune
		}{{"", ','}, {"?sep=,", ','}, {"?sep=;", ';'}, {"?sep=%3B", ';'}} {
			header, rows := readCSV(t, s, "/dati/attivita.csv"+v.query, v.comma)
			if header[0] != "id" || !strings.Contains(strings.Join(header, ","), "starts_on") {
				t.Errorf("%s: header %v", v.query, header)
			}
			if len(rows) != len(want) {
				t.Fatalf("%s: %d rows, want %d published activities", v.query, len(rows), len(want))
			}
			for i, row := range rows {
				a := findActivity(ds, want[i])
				if row["slug"] != a.Slug || row["title"] != a.Title || row["starts_on"] != a.Date || row["type"] != a.Type ||
					row["format"] != a.Format || row["is_stage"] != strconv.FormatBool(a.Stage) {
					t.Errorf("%s row %d: %v, want %s", v.query, i, row, a.Slug)
				}
				if a.Declared.People != nil && row["declared_people"] != strconv.Itoa(*a.Declared.People) {
					t.Errorf("%s: declared_people %q, want %d", a.Slug, row["declared_people"], *a.Declared.People)
				}
			}
		}
	})
}

func TestCSVBodiesAndParticipations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		ds := DefaultDataset(t)
		joined := joinedAt(ds)
		_, plain := readCSV(t, s, "/dati/enti.csv", ',')
		_, italian := readCSV(t, s, "/dati/enti.csv?sep=;", ';')
		if len(plain) != len(ds.Bodies) || len(italian) != len(ds.Bodies) {
			t.Fatalf("%d and %d rows, want %d bodies", len(plain), len(italian), len(ds.Bodies))
		}
		withCoordinates := 0
		for i, row := range plain {
			it := italian[i]
			var api struct {
				Latitude, Longitude *float64
				Member              bool
			}
			s.APIJSON(t, "/api/v1/bodies/"+row["slug"], &api)
			if row["member"] != strconv.FormatBool(api.Member) || api.Member != (joined[row["slug"]] != "") || row["joined_activity"] != joined[row["slug"]] {
				t.Errorf("%s: member %q joined %q, want %q", row["slug"], row["member"], row["joined_activity"], joined[row["slug"]])
			}
			if api.Latitude == nil {
				if row["latitude"] != "" || it["latitude"] != "" {
					t.Errorf("%s: coordinates %q/%q for a body without them", row["slug"], row["latitude"], it["latitude"])
				}
				continue
			}
			withCoordinates++
			lat, err := strconv.ParseFloat(row["latitude"], 64)
			if err != nil || lat != *api.Latitude {
				t.Errorf("%s: latitude %q, API %v", row["slug"], row["latitude"], *api.Latitude)
			}
			if strings.Contains(it["latitude"], ".") || !strings.Contains(it["longitude"], ",") {
				t.Errorf("%s: the Italian variant should use decimal commas: %q %q", row["slug"], it["latitude"], it["longitude"])
			}
			itLat, err := strconv.ParseFloat(strings.Replace(it["latitude"], ",", ".", 1), 64)
			if err != nil || itLat != *api.Latitude {
				t.Errorf("%s: Italian latitude %q, API %v", row["slug"], it["latitude"], *api.Latitude)
			}
		}
		if withCoordinates == 0 {
			t.Fatal("no body has coordinates: the decimal comma is untested")
		}
		header, parts := readCSV(t, s, "/dati/partecipazioni.csv", ',')
		want := 0
		for _, a := range ds.Activities {
			if a.Status == "published" {
				want += len(a.Participations)
			}
		}
		if len(parts) != want {
			t.Errorf("%d participation rows, want %d", len(parts), want)
		}
		for _, h := range header {
			if strings.Contains(h, "email") || strings.Contains(h, "person") {
				t.Errorf("participations carry a personal column %q", h)
			}
		}
		for _, row := range parts {
			a := findActivity(ds, row["activity_slug"])
			found := false
			for _, p := range a.Participations {
				found = found || (p.Body == row["body_slug"] && p.Role == row["role"])
			}
			if !found {
				t.Errorf("row %v is not a participation of the dataset", row)
			}
		}
	})
}

func TestCSVBadParameters(t *testing.T) {
	s := NewSite(t, store.SQLite)
	for _, path := range []string{"/dati/attivita.csv?sep=|", "/dati/enti.csv?sep=tab", "/dati/partecipazioni.csv?limit=5",
		"/dati/enti.csv?sep=;&sep=,"} {
		res := s.APIGet(t, path)
		p := requireProblem(t, path, res, http.StatusBadRequest, "")
		if len(p.InvalidParams) == 0 {
			t.Errorf("%s: no invalid_params", path)
		}
	}
	var doc map[string]any
	if res := s.APIGet(t, "/dati/enti.csv?sep=|"); json.Unmarshal(res.Body, &doc) != nil {
		t.Error("a CSV error is not a JSON problem document")
	}
}
