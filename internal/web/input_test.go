package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// fingerprint is a cheap summary of everything stored: the rows of every
// table (sessions and the login throttle's counters excepted: logging in,
// or failing to, adds to them by design) and, on SQLite, the data version.
// PostgreSQL's statement-level triggers bump the version for an UPDATE or
// DELETE that matches no row, so there the row counts are the summary.
func fingerprint(t *testing.T, st *store.Store) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	counts, err := st.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	delete(counts, "sessions")
	delete(counts, "login_failures")
	if st.Dialect() == store.SQLite {
		v, err := st.InsightDataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		counts["data version"] = v
	}
	return counts
}

func sameFingerprint(t *testing.T, what string, before, after map[string]int64) {
	t.Helper()
	if !maps.Equal(before, after) {
		for k, v := range after {
			if before[k] != v {
				t.Errorf("%s changed the data: %s %d → %d", what, k, before[k], v)
			}
		}
	}
}

// rawGet sends a request whose target is written as it is, so that bytes
// a client library would escape reach the server.
func rawGet(t *testing.T, base, target string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+"/", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.URL.Opaque = target
	req.Header.Set("Accept-Language", "it")
	res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(res.Body)
	return res, b.String()
}

func TestHostileInputIsRefusedAtTheBoundary(t *testing.T) {
	pages := []struct{ target, name string }{
		{"/enti/a%00b", ""},
		{"/attivita/%FF", ""},
		{"/enti/a%0Ab", ""},
		{"/tappe/%C0%AF", ""},
		{"/tappe.ics?comunita=%FF", "comunita"},
		{"/attivita.ics?tipo=%00", "tipo"},
		{"/cerca?q=%00", "q"},
		{"/cerca?q=a%1Bb", "q"},
		{"/enti?regione=%FF", "regione"},
		{"/rete?comunita=x&%FF=1", "\uFFFD"},
		{"/accedi?next=%7F", "next"},
		{"/iscrizioni/gestisci/%00", ""},
	}
	problems := []struct{ target, name string }{
		{"/api/v1/activities?type=%FF", "type"},
		{"/api/v1/activities?cursor=%00", "cursor"},
		{"/api/v1/bodies/%FF", "path"},
		{"/api/v1/bodies?region=Liguria%00", "region"},
		{"/dati/enti.csv?x%00=1", "x\uFFFD"},
	}
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		RegActivity(t, s.Store, "patti-2030", "formazione", 10, nil)
		before := fingerprint(t, s.Store)

		for _, p := range pages {
			res, body := rawGet(t, s.URL, p.target)
			if res.StatusCode != http.StatusBadRequest {
				t.Errorf("GET %s = %d, want 400", p.target, res.StatusCode)
				continue
			}
			dom := ParseDOM(t, body)
			if h := dom.First("h1").Text(); !strings.Contains(h, "Richiesta non valida") {
				t.Errorf("GET %s: heading %q", p.target, h)
			}
			if text := dom.Main().Text(); !strings.Contains(text, "caratteri non ammessi") || (p.name != "" && !strings.Contains(text, "«"+p.name+"»")) {
				t.Errorf("GET %s: the page does not say what is wrong (%q): %s", p.target, p.name, text)
			}
		}
		for _, p := range problems {
			res, body := rawGet(t, s.URL, p.target)
			var doc struct {
				Type          string
				Status        int
				InvalidParams []struct{ Name, Reason string } `json:"invalid_params"`
			}
			if res.StatusCode != http.StatusBadRequest || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/problem+json") {
				t.Errorf("GET %s = %d %s, want a 400 problem", p.target, res.StatusCode, res.Header.Get("Content-Type"))
				continue
			}
			if err := json.Unmarshal([]byte(body), &doc); err != nil || doc.Status != 400 || len(doc.InvalidParams) != 1 || doc.InvalidParams[0].Name != p.name {
				t.Errorf("GET %s: problem %s (%v)", p.target, body, err)
			}
			if res.Header.Get("Access-Control-Allow-Origin") != "*" {
				t.Errorf("GET %s: the problem is not readable from other origins", p.target)
			}
		}

		// The registration form: one-line and multi-line fields.
		c := s.NewClient(t)
		for field, value := range map[string]string{"name": "Anna\x00Bianchi", "accessibility": "rampa \xff", "email": "anna\x00@example.it", "role": "a\x1fb"} {
			form := RegForm("anna@example.it")
			form.Set(field, value)
			res := c.Post(t, "/iscrizioni/attivita/patti-2030", form)
			if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "«"+field+"»") {
				t.Errorf("registration with a bad %s = %d: %s", field, res.Status, Excerpt(res.Body, "caratteri"))
			}
		}
		if res := c.Post(t, "/accedi", url.Values{"email": {"coord@example.it\x00"}, "password": {TestPassword}}); res.Status != http.StatusBadRequest {
			t.Errorf("login with NUL = %d", res.Status)
		}
		sameFingerprint(t, "refused requests", before, fingerprint(t, s.Store))

		// Tabs and line breaks are text in a multi-line field.
		form := RegForm("bruno@example.it")
		form.Set("accessibility", "Rampa\r\nsedia a rotelle\tgrazie")
		if res := c.Post(t, "/iscrizioni/attivita/patti-2030", form); res.Status != http.StatusSeeOther {
			t.Errorf("registration with line breaks = %d, want 303: %s", res.Status, Excerpt(res.Body, "alert"))
		}

		// The backoffice: the audit log's search, and a multipart form whose
		// file holds any bytes while its fields are checked.
		coord := s.LoginAs(t, "coord@example.it")
		if res := coord.Get(t, "/admin/registro?q=%00"); res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "«q»") {
			t.Errorf("audit search with NUL = %d", res.Status)
		}
		act, err := s.Store.Activity(context.Background(), "genova-2021")
		if err != nil {
			t.Fatal(err)
		}
		path := "/admin/attivita/" + Itoa(act.ID) + "/allegati"
		pdf := append([]byte("%PDF-1.4\n\x00\xff\x01"), bytes.Repeat([]byte{0}, 100)...)
		if res := multipartPost(t, coord, path, "verbale.pdf", pdf, "activity\x00"); res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "«section»") {
			t.Errorf("multipart with a NUL field = %d", res.Status)
		}
		if res := multipartPost(t, coord, path, "verb\x00ale.pdf", pdf, "activity"); res.Status != http.StatusBadRequest {
			t.Errorf("multipart with a NUL file name = %d", res.Status)
		}
		mid := fingerprint(t, s.Store)
		if res := multipartPost(t, coord, path, "verbale.pdf", pdf, "activity"); res.Status != http.StatusSeeOther {
			t.Errorf("a PDF with control bytes in its contents = %d, want 303", res.Status)
		}
		if after := fingerprint(t, s.Store); after["attachments"] != mid["attachments"]+1 {
			t.Errorf("the PDF was not stored: %v", after)
		}
	})
}

func multipartPost(t *testing.T, c *Client, path, filename string, data []byte, section string) Response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.WriteField("section", section)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.Base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.Do(t, req)
}
