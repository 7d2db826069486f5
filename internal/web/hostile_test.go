package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// hostileValues are typed where a slug, an id, a token or a search goes.
var hostileValues = []string{
	"'; DROP TABLE activities; --",
	"<script>alert(1)</script>",
	"{{.}}",
	"../../etc/passwd",
	"-1",
	"99999999999999999999999",
	"0",
	"1 OR 1=1",
	"\"><svg onload=alert(1)>",
	"%s%n%x",
	"\xff\xfe",
	"a\x00b",
}

// hostileQueries are query strings with huge, negative and injected values
// for the parameters the site reads.
var hostileQueries = []string{
	"pagina=-1&page=-1&per_page=-5&limit=-1",
	"pagina=99999999999999999999&page=1e9&per_page=99999999&limit=18446744073709551616",
	"q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&tipo=%7B%7B.%7D%7D&regione=..%2F..%2Fetc%2Fpasswd",
	"cursor=AAAA&cursor=..%2F..&sort=%27%3B+DROP+TABLE+bodies%3B+--&order=desc%22",
	"comunita=%27+OR+%271%27%3D%271&type=%3Cscript%3E&from=2024-13-45&to=-1&anno=99999999999",
	"lang=%3Cscript%3Ealert(1)%3C%2Fscript%3E&dopo=https%3A%2F%2Fevil.example%2F",
	"q=%FF%FE&tipo=a%00b&%C0%AF=1",
}

// routeTemplates reads every pattern of routes.go, as TestEveryRouteIsChecked does.
func routeTemplates(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range routePattern.FindAllStringSubmatch(string(src), -1) {
		out = append(out, m[1])
	}
	if len(out) < 100 {
		t.Fatalf("found only %d routes in routes.go", len(out))
	}
	return out
}

var wildcard = regexp.MustCompile(`\{[a-z]+\}`)

// fillRoute makes a path of a pattern: each wildcard gets value (escaped),
// or a plausible one when value is empty.
func fillRoute(pattern, value string) (method, path string) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		method, path = "", pattern
	}
	path = strings.ReplaceAll(path, "{$}", "")
	path = wildcard.ReplaceAllStringFunc(path, func(w string) string {
		if value != "" {
			return url.PathEscape(value)
		}
		switch w {
		case "{id}":
			return "1"
		case "{file}":
			return "amministratori.ics"
		case "{name}":
			return "x.pdf"
		default:
			return "genova-2021"
		}
	})
	if strings.HasSuffix(path, "/") && path != "/" && !strings.HasSuffix(pattern, "{$}") {
		path += "qualcosa"
	}
	return method, path
}

type hostileClient struct {
	*http.Client
	base string
	sent int
}

func newHostileClient(base string) *hostileClient {
	jar, _ := cookiejar.New(nil)
	return &hostileClient{base: base, Client: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// send makes one request and checks what every answer must be: no server
// error, and no injected script sent back as markup.
func (c *hostileClient) send(t *testing.T, method, target, contentType string, body io.Reader, header ...string) int {
	t.Helper()
	req, err := http.NewRequest(method, c.base+target, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(res.Body, 8<<20))
	c.sent++
	if res.StatusCode >= 500 {
		t.Errorf("%s %s: %d", method, target, res.StatusCode)
	}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		low := strings.ToLower(string(b))
		for _, bad := range []string{"<script>alert", "<svg onload"} {
			if strings.Contains(low, bad) {
				t.Errorf("%s %s: the answer sends back %q as markup: %s", method, target, bad, Excerpt(string(b), bad))
			}
		}
	}
	return res.StatusCode
}

func hostileForm(i int) url.Values {
	v := hostileValues[i%len(hostileValues)]
	return url.Values{"email": {v}, "password": {v}, "name": {v}, "title": {v}, "q": {v}, "slug": {v}, "id": {"-1"},
		"capacity": {"99999999999999999999"}, "date": {"2024-02-30"}, "start_time": {"25:61"}, "consent": {"1"}, "section": {v}}
}

// TestHostileRequests sends every route of routes.go a few hostile
// requests, anonymously and with sessions, and checks that none fails with
// a server error, none sends an injected script back as markup, and the
// stored data do not change.
func TestHostileRequests(t *testing.T) {
	patterns := routeTemplates(t)
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		ctx := context.Background()
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		s.AddUser(t, "ref@example.it", auth.Referent, "comune-di-chieri")
		other, err := s.Store.Body(ctx, "comune-di-genova")
		if err != nil {
			t.Fatal(err)
		}
		coord := &hostileClient{Client: s.LoginAs(t, "coord@example.it").Client, base: s.URL}
		referent := &hostileClient{Client: s.LoginAs(t, "ref@example.it").Client, base: s.URL}
		anon := newHostileClient(s.URL)
		// The API's cursor key is created on first use: create it now, so
		// the fingerprint compares only what requests should not change.
		if _, err := s.Store.Secret(ctx, "api_cursor"); err != nil {
			t.Fatal(err)
		}
		before := fingerprint(t, s.Store)

		for i, p := range patterns {
			method, plain := fillRoute(p, "")
			_, injected := fillRoute(p, hostileValues[i%len(hostileValues)])
			if method == "" || method == "OPTIONS" {
				method = "GET"
			}
			query := hostileQueries[i%len(hostileQueries)]
			switch method {
			case "GET":
				// Anonymous: an injected path, hostile parameters, a wrong
				// method, and a long query string.
				anon.send(t, "GET", injected+"?"+query, "", nil)
				anon.send(t, "GET", plain+"?"+hostileQueries[(i+1)%len(hostileQueries)], "", nil)
				anon.send(t, "DELETE", plain, "", nil)
				if i%8 == 0 {
					anon.send(t, "GET", plain+"?q="+strings.Repeat("x", 32<<10), "", nil)
				}
				// A coordinator reads too: GETs must change nothing either.
				if strings.HasPrefix(plain, "/admin") {
					coord.send(t, "GET", injected+"?"+query, "", nil)
					coord.send(t, "GET", plain+"?"+hostileQueries[(i+2)%len(hostileQueries)], "", nil)
				}
			case "POST":
				form := hostileForm(i)
				// Anonymous: a hostile form, a wrong content type, a body
				// in JSON, an unexpected multipart body.
				anon.send(t, "POST", injected, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
				anon.send(t, "POST", plain, "text/plain", strings.NewReader(form.Encode()))
				anon.send(t, "POST", plain+"?"+query, "application/json", strings.NewReader(`{"email":"x","$where":"1==1"}`))
				anon.send(t, "POST", plain, "multipart/form-data; boundary=zzz", strings.NewReader("--zzz\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n<script>alert(1)</script>\r\n--zzz--\r\n"))
				// A forged request from another site, with a coordinator's
				// session: refused before any handler. The one-click
				// unsubscribe (RFC 8058) alone is exempt: mail services post
				// it from their own sites, and its secret token decides.
				if code := coord.send(t, "POST", plain, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()),
					"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"); code != http.StatusForbidden && !strings.HasPrefix(plain, "/novita/disiscrizione/") {
					t.Errorf("POST %s from another site with a session: %d, want 403", plain, code)
				}
				if i%6 == 0 {
					// Oversized bodies: over the form limit.
					anon.send(t, "POST", plain, "application/x-www-form-urlencoded", strings.NewReader("name="+strings.Repeat("a", 3<<20)))
				}
			default:
				t.Fatalf("route %q: unexpected method", p)
			}
		}

		// A referent names another body's id in every body route.
		bodyID := Itoa(other.ID)
		for _, path := range []string{"/admin/enti/" + bodyID, "/admin/enti/" + bodyID + "/logo", "/admin/enti/" + bodyID + "/unisci"} {
			if code := referent.send(t, "GET", path, "", nil); code != http.StatusForbidden && code != http.StatusNotFound {
				t.Errorf("GET %s as referent of another body: %d", path, code)
			}
			form := url.Values{"name": {"Comune preso"}, "description": {"<script>alert(1)</script>"}, "target": {"1"}, "conferma": {"1"}}
			if code := referent.send(t, "POST", path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode())); code != http.StatusForbidden {
				t.Errorf("POST %s as referent of another body: %d, want 403", path, code)
			}
		}
		// Ids that do not exist, huge, negative or not numbers.
		for _, id := range []string{"-1", "0", "99999999999999999999", "9223372036854775807", "1e3", "0x10", "%FF", "1%00"} {
			for _, path := range []string{"/admin/attivita/", "/admin/utenti/", "/admin/enti/", "/loghi/", "/allegati/"} {
				target := path + id
				if path == "/allegati/" {
					target += "/x.pdf"
				}
				coord.send(t, "GET", target, "", nil)
				coord.send(t, "POST", target+"/elimina", "application/x-www-form-urlencoded", strings.NewReader("conferma=1"),
					"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
			}
		}

		sent := anon.sent + coord.sent + referent.sent
		if sent < 300 || sent > 1500 {
			t.Errorf("sent %d requests: the test should stay between a few hundred and a thousand or so", sent)
		}
		sameFingerprint(t, fmt.Sprintf("%d hostile requests", sent), before, fingerprint(t, s.Store))
		if strings.Contains(s.Logs.String(), "level=ERROR") {
			t.Errorf("hostile requests logged errors:\n%s", Excerpt(s.Logs.String(), "level=ERROR"))
		}
	})
}
