package quality_test

import (
	"benicommunity/internal/web"
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
)

const testPassword = "una password di prova"

// addUser creates an account through the store, with testPassword.
func addUser(t *testing.T, s *qualitySite, email string, role auth.Role, bodySlugs ...string) {
	t.Helper()
	ctx := context.Background()
	var ids []int64
	for _, slug := range bodySlugs {
		b, err := s.Store.Body(ctx, slug)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, b.ID)
	}
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Store.CreateUser(ctx, store.NewUser{Email: email, Role: role, PasswordHash: hash, Bodies: ids}); err != nil {
		t.Fatal(err)
	}
}

// noRedirects is a client that shows redirects instead of following them.
func noRedirects() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// send makes one request in Italian, with the session cookie when given,
// and returns the response with its body read.
func send(t *testing.T, method, target string, form url.Values, session *http.Cookie) (*http.Response, []byte) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Language", "it-IT,it;q=0.9")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if session != nil {
		req.AddCookie(session)
	}
	resp, err := noRedirects().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// login signs in through the real login form, as a person would (the
// fields the form at /accedi shows, posted to its action), and returns
// the session cookie the site sets.
func login(t *testing.T, siteURL, email string) *http.Cookie {
	t.Helper()
	_, page := send(t, http.MethodGet, siteURL+"/accedi", nil, nil)
	for _, want := range []string{`action="/accedi"`, `name="email"`, `name="password"`} {
		if !strings.Contains(string(page), want) {
			t.Fatalf("the login page has no %s", want)
		}
	}
	resp, body := send(t, http.MethodPost, siteURL+"/accedi", url.Values{"email": {email}, "password": {testPassword}, "dopo": {""}}, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login as %s: %s: %.300s", email, resp.Status, body)
	}
	for _, c := range resp.Cookies() {
		if c.Value != "" {
			return &http.Cookie{Name: c.Name, Value: c.Value}
		}
	}
	t.Fatalf("login as %s set no session cookie", email)
	return nil
}

// stillLoggedIn fails the test when the session no longer opens /admin:
// a crawl that ended its own session would have checked the login page.
func stillLoggedIn(t *testing.T, siteURL string, session *http.Cookie) {
	t.Helper()
	if resp, _ := send(t, http.MethodGet, siteURL+"/admin", nil, session); resp.StatusCode != http.StatusOK {
		t.Fatalf("after the crawl /admin answers %s: the session ended", resp.Status)
	}
}

var (
	confirmLink = regexp.MustCompile(`http://[^\s]+/iscrizioni/conferma/[A-Za-z0-9_-]+`)
	manageLink  = regexp.MustCompile(`http://[^\s]+/iscrizioni/gestisci/[0-9]+\.[A-Za-z0-9_-]+`)
)

// registrationForm is a valid registration for upcomingSlug.
func registrationForm(email string) url.Values {
	return url.Values{"name": {"Anna Bianchi"}, "email": {email}, "body": {"Comune di Chieri"}, "role": {"assessore"},
		"accessibility": {"Accesso senza gradini"}, "consent": {"1"}}
}

// register signs a person up for upcomingSlug through the public form,
// confirms with the e-mailed link and returns the path of the personal
// page from the confirmation e-mail.
func register(t *testing.T, s *qualitySite, email string) string {
	t.Helper()
	if resp, body := send(t, http.MethodPost, s.URL+"/iscrizioni/attivita/"+upcomingSlug, registrationForm(email), nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("register %s: %s: %.300s", email, resp.Status, body)
	}
	confirm := mailLink(t, s, email, confirmLink)
	if resp, body := send(t, http.MethodPost, confirm, url.Values{}, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("confirm %s: %s: %.300s", email, resp.Status, body)
	}
	return strings.TrimPrefix(mailLink(t, s, email, manageLink), s.URL)
}

var joinConfirmLink = regexp.MustCompile(`http://[^\s]+/aderisci/conferma/[A-Za-z0-9_-]+`)

// requestToJoin asks for a Comune to join and confirms the request by e-mail.
func requestToJoin(t *testing.T, s *qualitySite, email string) {
	t.Helper()
	form := url.Values{"comune": {"Moncalieri"}, "name": {"Carla Neri"}, "email": {email}, "role": {"Funzionaria"},
		"regulation": {"unknown"}, "consent": {"1"}}
	if resp, body := send(t, http.MethodPost, s.URL+"/aderisci", form, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("join request %s: %s: %.300s", email, resp.Status, body)
	}
	if resp, body := send(t, http.MethodPost, mailLink(t, s, email, joinConfirmLink), url.Values{}, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("confirm join request %s: %s: %.300s", email, resp.Status, body)
	}
}

// mailLink finds the newest link of a kind in the mail to an address.
func mailLink(t *testing.T, s *qualitySite, to string, re *regexp.Regexp) string {
	t.Helper()
	msgs := s.SMTP.Messages()
	for i := len(msgs) - 1; i >= 0; i-- {
		if slices.Contains(msgs[i].To, to) {
			if link := re.FindString(msgs[i].Body); link != "" {
				return link
			}
		}
	}
	t.Fatalf("no e-mail to %s with a link like %s among %d", to, re, len(msgs))
	return ""
}

// TestAccessibilityBackoffice is the back-office gate: logged in through
// /accedi as a coordinator, a referent of one body and a participant, a
// crawl from /admin reaches every page that role can open, with no broken
// link, valid HTML on every page and no axe-core WCAG A/AA violation (nor
// console error) on a sample of them, on a desktop and a 360px phone.
func TestAccessibilityBackoffice(t *testing.T) {
	s := newQualitySite(t, web.MapTiles{})
	// Registrations to list, so the coordinator's registration pages show
	// their table, and a change in the audit log.
	register(t, s, "anna@example.it")
	register(t, s, "bruno@example.it")
	// A confirmed join request, so the coordinator's list links to one.
	requestToJoin(t, s, "carla@example.it")

	activityEdit := regexp.MustCompile(`^/admin/attivita/[0-9]+$`)
	bodyEdit := regexp.MustCompile(`^/admin/enti/[0-9]+$`)
	userEdit := regexp.MustCompile(`^/admin/utenti/[0-9]+$`)
	joinPage := regexp.MustCompile(`^/admin/adesioni/[0-9]+$`)
	roles := []struct {
		name   string
		role   auth.Role
		bodies []string
		want   []string         // paths the crawl must reach
		like   []*regexp.Regexp // page kinds the crawl must reach
		denied []string         // paths this role must not reach
	}{
		{"coordinator", auth.Coordinator, nil,
			[]string{"/admin", "/admin/attivita", "/admin/attivita/nuova", "/admin/enti", "/admin/enti/nuovo", "/admin/tipi", "/admin/community",
				"/admin/utenti", "/admin/utenti/invita", "/admin/registro", "/admin/iscrizioni", "/admin/iscrizioni/" + upcomingSlug,
				"/admin/iscrizioni/" + upcomingSlug + "/nuova", "/admin/adesioni", "/admin/novita", "/admin/chi-siamo", "/admin/password",
				"/admin/patti", "/admin/patti/nuovo", "/admin/patti/importa", "/admin/patti/beni", "/admin/patti/tipi", "/admin/buone-pratiche", "/admin/buone-pratiche/nuova"},
			[]*regexp.Regexp{activityEdit, bodyEdit, userEdit, joinPage}, nil},
		{"referent", auth.Referent, []string{"comune-di-chieri"},
			[]string{"/admin", "/admin/password", "/admin/patti", "/admin/patti/nuovo", "/admin/patti/importa", "/admin/buone-pratiche", "/admin/buone-pratiche/nuova"},
			[]*regexp.Regexp{bodyEdit, regexp.MustCompile(`^/admin/enti/[0-9]+/regolamento$`)},
			[]string{"/admin/utenti", "/admin/registro", "/admin/attivita", "/admin/iscrizioni", "/admin/adesioni", "/admin/novita", "/admin/chi-siamo", "/admin/patti/beni", "/admin/patti/tipi"}},
		{"participant", auth.Participant, nil,
			[]string{"/admin", "/admin/password"}, nil,
			[]string{"/admin/utenti", "/admin/enti", "/admin/attivita", "/admin/iscrizioni", "/admin/adesioni", "/admin/novita", "/admin/chi-siamo", "/admin/patti", "/admin/buone-pratiche"}},
	}
	for _, r := range roles {
		t.Run(r.name, func(t *testing.T) {
			email := r.name + "@example.it"
			addUser(t, s, email, r.role, r.bodies...)
			session := login(t, s.URL, email)
			res := crawlBackoffice(t, s.URL, session)
			stillLoggedIn(t, s.URL, session)
			paths := res.Paths()
			for _, want := range r.want {
				if !slices.Contains(paths, want) {
					t.Errorf("the %s crawl did not reach %s", r.name, want)
				}
			}
			for _, re := range r.like {
				if !slices.ContainsFunc(paths, re.MatchString) {
					t.Errorf("the %s crawl reached no page like %s", r.name, re)
				}
			}
			for _, no := range r.denied {
				if slices.Contains(paths, no) {
					t.Errorf("the %s crawl reached %s, which is not for this role", r.name, no)
				}
			}
			t.Logf("%s: crawled %d pages, fetched %d distinct URLs", r.name, len(res.Pages), res.Fetched)
			checkCrawlGates(t, s.URL, res, session)
			stillLoggedIn(t, s.URL, session)
		})
	}
}
