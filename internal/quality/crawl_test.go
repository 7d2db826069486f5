package quality_test

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"
)

// crawlOptions say where a crawl starts and as whom.
type crawlOptions struct {
	Start    string       // a path on the site: "/" for the public site, "/admin" for the back office
	Session  *http.Cookie // nil for a visitor; a logged-in session cookie for the back office
	MaxPages int          // how many HTML pages are parsed at most
	// Scope, when set, is the path prefix of the pages parsed: pages
	// outside it are fetched (they must answer 200) but not parsed, so the
	// back-office crawl does not walk the public site again.
	Scope string
}

// crawledPage is one HTML page the crawl parsed.
type crawledPage struct {
	Path string // path and query as linked
	Body []byte
}

// brokenLink is a same-origin href or src that does not answer 200.
type brokenLink struct {
	From, Target string
	Problem      string
}

func (b brokenLink) String() string { return fmt.Sprintf("%s → %s: %s", b.From, b.Target, b.Problem) }

// crawlResult is everything one crawl saw.
type crawlResult struct {
	Pages     []crawledPage
	Broken    []brokenLink
	SetCookie []string // "path: Set-Cookie value" for each response that set a cookie
	Fetched   int      // distinct URLs fetched (pages and assets)
}

// Paths returns the crawled page paths in crawl order.
func (r *crawlResult) Paths() []string {
	out := make([]string, len(r.Pages))
	for i, p := range r.Pages {
		out[i] = p.Path
	}
	return out
}

// keptQuery are the query parameters that make a different page worth
// parsing (a filter, the other language). Links with any other parameter
// (pagination, sorting…) are still fetched and must answer 200, but their
// page is not parsed again: it is the same template with other rows.
var keptQuery = map[string]bool{"tipo": true, "lang": true, "regione": true, "q": true}

// neverFollow are paths a crawl must not fetch: a logged-in crawl that
// followed a logout link would go on as a visitor.
func neverFollow(path string) bool {
	last := path[strings.LastIndex(path, "/")+1:]
	return last == "logout" || last == "esci" || last == "esci-ovunque"
}

// variantsPerPath caps how many query variants of one path are parsed.
const variantsPerPath = 6

// crawlPublic crawls the public site as a visitor, from the home page.
func crawlPublic(t *testing.T, siteURL string) *crawlResult {
	t.Helper()
	return crawl(t, siteURL, crawlOptions{Start: "/", MaxPages: 250})
}

// crawlBackoffice crawls the back office from the admin home with the
// session cookie of a logged-in user. It parses the pages under /admin
// only; links from them to public pages are still fetched and must work. The back-office tests call it once per
// role, with a session made by that feature's login helper, and run the same
// gates (links, axe, valid HTML) on the result.
func crawlBackoffice(t *testing.T, siteURL string, session *http.Cookie) *crawlResult {
	t.Helper()
	if session == nil {
		t.Fatal("crawlBackoffice needs the session cookie of a logged-in user")
	}
	const maxPages = 600
	res := crawl(t, siteURL, crawlOptions{Start: "/admin", Session: session, MaxPages: maxPages, Scope: "/admin"})
	// Every back-office page must be checked: a crawl that hits the cap
	// has skipped some.
	if len(res.Pages) >= maxPages {
		t.Errorf("the back-office crawl stopped at its cap of %d pages; raise it", maxPages)
	}
	return res
}

// inScope reports whether path is scope or under it ("" is everything).
func inScope(path, scope string) bool {
	return scope == "" || path == scope || strings.HasPrefix(path, strings.TrimSuffix(scope, "/")+"/")
}

// crawl follows every same-origin link and asset from opts.Start. Every
// distinct URL is fetched once, following redirects, and must answer 200;
// HTML pages are parsed for more links (see keptQuery), style sheets for
// url(...) references, and fragment links must point at an id on their page.
func crawl(t *testing.T, siteURL string, opts crawlOptions) *crawlResult {
	t.Helper()
	base, err := url.Parse(siteURL)
	if err != nil {
		t.Fatal(err)
	}
	rec := &cookieRecorder{next: http.DefaultTransport}
	client := &http.Client{Transport: rec}
	res := &crawlResult{}

	type item struct{ target, from string }
	queue := []item{{opts.Start, "(start)"}}
	seen := map[string]bool{opts.Start: true}
	parsedVariants := map[string]int{}

	enqueue := func(from string, ref string) {
		u, err := base.Parse(from)
		if err != nil {
			return
		}
		v, err := u.Parse(strings.TrimSpace(ref))
		if err != nil {
			res.Broken = append(res.Broken, brokenLink{from, ref, "unparsable URL: " + err.Error()})
			return
		}
		if v.Scheme != "http" && v.Scheme != "https" || v.Host != base.Host {
			return
		}
		v.Fragment = ""
		if neverFollow(v.Path) {
			return
		}
		target := v.RequestURI()
		if !seen[target] {
			seen[target] = true
			queue = append(queue, item{target, from})
		}
	}

	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		body, ctype, final, problem := fetch(client, siteURL+it.target, opts.Session)
		res.Fetched++
		if problem != "" {
			res.Broken = append(res.Broken, brokenLink{it.from, it.target, problem})
			continue
		}
		// A redirect (the language switch /lingua, a stage under
		// /attivita/) lands on another page: that page is what is parsed,
		// under its own address, once.
		if final != it.target && ctype == "text/html" {
			if seen[final] {
				continue
			}
			seen[final] = true
			it.target = final
		}
		u, _ := url.Parse(it.target)
		switch {
		case ctype == "text/html":
			if !parseWorthy(u) || !inScope(u.Path, opts.Scope) || len(res.Pages) >= opts.MaxPages || parsedVariants[u.Path] >= variantsPerPath {
				continue
			}
			parsedVariants[u.Path]++
			res.Pages = append(res.Pages, crawledPage{Path: it.target, Body: body})
			// The catalogue shows a missing message as ⟦id⟧ (internal/i18n).
			if i := bytes.Index(body, []byte("⟦")); i >= 0 {
				end := min(len(body), i+80)
				if j := bytes.Index(body[i:end], []byte("⟧")); j >= 0 {
					end = i + j + len("⟧")
				}
				res.Broken = append(res.Broken, brokenLink{it.from, it.target, "untranslated message " + string(body[i:end])})
			}
			refs, ids, err := pageRefs(body)
			if err != nil {
				res.Broken = append(res.Broken, brokenLink{it.from, it.target, "HTML does not parse: " + err.Error()})
				continue
			}
			for _, ref := range refs {
				if frag, ok := strings.CutPrefix(ref, "#"); ok {
					if frag != "" && !ids[frag] {
						res.Broken = append(res.Broken, brokenLink{it.target, ref, "no element with this id on the page"})
					}
					continue
				}
				enqueue(it.target, ref)
			}
		case ctype == "text/css":
			for _, m := range cssURL.FindAllSubmatch(body, -1) {
				ref := string(m[2])
				if !strings.HasPrefix(ref, "data:") {
					enqueue(it.target, ref)
				}
			}
		}
	}
	res.SetCookie = rec.seen()
	return res
}

var cssURL = regexp.MustCompile(`url\((["']?)([^"')]+)["']?\)`)

// parseWorthy reports whether a page's query only holds parameters that
// select a different page (see keptQuery).
func parseWorthy(u *url.URL) bool {
	for k := range u.Query() {
		if !keptQuery[k] {
			return false
		}
	}
	return true
}

// fetch GETs a URL in Italian, following redirects, and returns the body,
// media type and the path and query it landed on, or a problem when the
// answer is not a 200.
func fetch(client *http.Client, target string, session *http.Cookie) ([]byte, string, string, string) {
	req, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		return nil, "", "", err.Error()
	}
	req.Header.Set("Accept-Language", "it-IT,it;q=0.9")
	if session != nil {
		req.AddCookie(session)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, "", "", err.Error()
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, "", "", "read body: " + err.Error()
	}
	if resp.StatusCode != http.StatusOK {
		return nil, "", "", resp.Status
	}
	ctype, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	return body, ctype, resp.Request.URL.RequestURI(), ""
}

// pageRefs returns every URL a page refers to (links, style sheets, scripts,
// images, form actions, and the submissions of its GET forms; see
// formSubmissions) and the set of its element ids.
func pageRefs(body []byte) ([]string, map[string]bool, error) {
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return nil, nil, err
	}
	var refs []string
	ids := map[string]bool{}
	for n := range walk(doc) {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "form" {
			refs = append(refs, formSubmissions(n)...)
		}
		// A POST form's action is a handler that changes data: the crawl
		// never posts, and a GET there is no page (405).
		postForm := n.Data == "form" && attr(n, "method") != "" && !strings.EqualFold(attr(n, "method"), "get")
		for _, a := range n.Attr {
			switch {
			case a.Key == "id":
				ids[a.Val] = true
			case a.Key == "href" && (n.Data == "a" || n.Data == "link" || n.Data == "area"),
				a.Key == "src" && (n.Data == "script" || n.Data == "img" || n.Data == "source" || n.Data == "iframe"),
				a.Key == "action" && n.Data == "form" && !postForm:
				if a.Val == "" || hasScheme(a.Val, "mailto:", "tel:", "javascript:") {
					continue
				}
				refs = append(refs, a.Val)
			}
		}
	}
	return refs, ids, nil
}

// formSubmissions returns what a person gets by submitting a GET form: once
// as the page shows it, and once more with each select set to its first real
// choice. So the crawl reaches filter and search result pages that no link
// points to. A form with a required field left empty is not submitted.
func formSubmissions(form *html.Node) []string {
	if m := attr(form, "method"); m != "" && !strings.EqualFold(m, "get") {
		return nil
	}
	action := attr(form, "action")
	type field struct {
		name, value, firstChoice string
	}
	var fields []field
	for n := range walk(form) {
		if n.Type != html.ElementNode || attr(n, "name") == "" || hasAttr(n, "disabled") {
			continue
		}
		switch n.Data {
		case "select":
			f := field{name: attr(n, "name")}
			first := true
			for o := range walk(n) {
				if o.Type != html.ElementNode || o.Data != "option" {
					continue
				}
				v := optionValue(o)
				if first || hasAttr(o, "selected") {
					f.value = v
				}
				if f.firstChoice == "" && v != "" {
					f.firstChoice = v
				}
				first = false
			}
			fields = append(fields, f)
		case "input":
			switch strings.ToLower(attr(n, "type")) {
			case "submit", "button", "reset", "image", "file":
				continue
			case "checkbox", "radio":
				if !hasAttr(n, "checked") {
					continue
				}
			}
			if hasAttr(n, "required") && attr(n, "value") == "" {
				return nil
			}
			fields = append(fields, field{name: attr(n, "name"), value: attr(n, "value")})
		case "textarea":
			if hasAttr(n, "required") {
				return nil
			}
			fields = append(fields, field{name: attr(n, "name")})
		}
	}
	if len(fields) == 0 {
		return nil
	}
	encode := func(choose int) string {
		q := url.Values{}
		for i, f := range fields {
			v := f.value
			if i == choose {
				v = f.firstChoice
			}
			q.Add(f.name, v)
		}
		return action + "?" + q.Encode()
	}
	out := []string{encode(-1)}
	for i, f := range fields {
		if f.firstChoice != "" && f.firstChoice != f.value {
			out = append(out, encode(i))
		}
	}
	return out
}

func optionValue(o *html.Node) string {
	for _, a := range o.Attr {
		if a.Key == "value" {
			return a.Val
		}
	}
	var b strings.Builder
	for c := o.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return strings.TrimSpace(b.String())
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// walk yields every node under n in document order.
func walk(n *html.Node) iter.Seq[*html.Node] {
	return func(yield func(*html.Node) bool) {
		var rec func(*html.Node) bool
		rec = func(n *html.Node) bool {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if !yield(c) || !rec(c) {
					return false
				}
			}
			return true
		}
		rec(n)
	}
}

func hasScheme(ref string, schemes ...string) bool {
	for _, s := range schemes {
		if len(ref) >= len(s) && strings.EqualFold(ref[:len(s)], s) {
			return true
		}
	}
	return false
}

// cookieRecorder notes every Set-Cookie header, also on redirects, which
// http.Client would otherwise hide.
type cookieRecorder struct {
	next http.RoundTripper
	mu   sync.Mutex
	got  []string
}

func (c *cookieRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(r)
	if err == nil {
		for _, v := range resp.Header.Values("Set-Cookie") {
			c.mu.Lock()
			c.got = append(c.got, r.URL.RequestURI()+": "+v)
			c.mu.Unlock()
		}
	}
	return resp, err
}

func (c *cookieRecorder) seen() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := append([]string(nil), c.got...)
	sort.Strings(out)
	return out
}

// samplePages picks the pages the browser gates load: every page whose path
// pattern (first segment and depth) is new, and up to perPattern pages of a
// pattern, so that /enti/{slug} is checked on a few bodies, not on all of
// them, while every kind of page (and every query variant kept by the crawl
// up to the cap) is covered.
func samplePages(pages []crawledPage, perPattern int) []crawledPage {
	count := map[string]int{}
	var out []crawledPage
	for _, p := range pages {
		u, _ := url.Parse(p.Path)
		segs := strings.Split(strings.Trim(u.Path, "/"), "/")
		key := fmt.Sprintf("%s/%d?%s", segs[0], len(segs), strings.Join(sortedKeys(u.Query()), "&"))
		if count[key] >= perPattern {
			continue
		}
		count[key]++
		out = append(out, p)
	}
	return out
}

func sortedKeys(q url.Values) []string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
