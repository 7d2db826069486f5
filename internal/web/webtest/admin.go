package webtest

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/assets"
	"benicommunity/internal/auth"
	"benicommunity/internal/i18n"
	"benicommunity/internal/mail"
	"benicommunity/internal/mail/mailtest"
	"benicommunity/internal/markdown"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web"

	"github.com/chromedp/chromedp"
)

// adminSite is a running server with the default dataset, a real SMTP
// server for its mail, and helpers to act as a given account.
type AdminSite struct {
	*Site
	SMTP *mailtest.Server
}

const TestPassword = "una password di prova"

func NewAdminSite(t *testing.T, d store.Dialect) *AdminSite {
	t.Helper()
	st := storetest.OpenDefault(t, d)
	smtp := mailtest.Start(t)
	logs := &bytes.Buffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	sender, err := mail.New(mail.Config{SMTPURL: smtp.URL(), From: "Rete <noreply@example.it>"}, log)
	if err != nil {
		t.Fatal(err)
	}
	bundle, err := i18n.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	static, err := assets.New()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Deps{Store: st, Bundle: bundle, Assets: static, Markdown: markdown.New(), Log: log, Version: "test",
		Mail: sender, InsecureCookies: true, MaxUpload: 1 << 20, Versions: Watch(t, st)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &AdminSite{Site: &Site{Server: ts, Store: st, Logs: logs}, SMTP: smtp}
}

// addUser creates an account with testPassword.
func (s *AdminSite) AddUser(t *testing.T, email string, role auth.Role, bodySlugs ...string) int64 {
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
	hash, err := auth.HashPassword(TestPassword)
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.Store.CreateUser(ctx, store.NewUser{Email: email, Role: role, PasswordHash: hash, Bodies: ids})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// client is a browser-like client with its own cookie jar that does not
// follow redirects.
type Client struct {
	*http.Client
	Base string
}

func (s *AdminSite) NewClient(t *testing.T) *Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &Client{Client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}, Base: s.URL}
}

// loginAs returns a client logged in as the account.
func (s *AdminSite) LoginAs(t *testing.T, email string) *Client {
	t.Helper()
	c := s.NewClient(t)
	res := c.Post(t, "/accedi", url.Values{"email": {email}, "password": {TestPassword}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("login as %s: status %d: %s", email, res.Status, Excerpt(res.Body, "alert"))
	}
	return c
}

type Response struct {
	Status int
	Body   string
	Header http.Header
}

func (c *Client) Do(t *testing.T, req *http.Request) Response {
	t.Helper()
	req.Header.Set("Accept-Language", "it-IT,it;q=0.9")
	res, err := c.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "⟦") {
		t.Errorf("%s %s shows an untranslated message id: %s", req.Method, req.URL.Path, Excerpt(string(b), "⟦"))
	}
	return Response{Status: res.StatusCode, Body: string(b), Header: res.Header}
}

func (c *Client) Get(t *testing.T, path string) Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.Base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c.Do(t, req)
}

func (c *Client) Post(t *testing.T, path string, form url.Values) Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.Base+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.Do(t, req)
}

var LinkPattern = regexp.MustCompile(`http://[^\s]+/accedi/link/[A-Za-z0-9_-]+`)

// lastLink returns the single-use link of the newest message to an address.
func (s *AdminSite) LastLink(t *testing.T, to string) string {
	t.Helper()
	msgs := s.SMTP.Messages()
	for i := len(msgs) - 1; i >= 0; i-- {
		if len(msgs[i].To) == 1 && msgs[i].To[0] == to {
			link := LinkPattern.FindString(msgs[i].Body)
			if link == "" {
				t.Fatalf("message to %s carries no link: %q", to, msgs[i].Body)
			}
			return strings.TrimPrefix(link, s.URL)
		}
	}
	t.Fatalf("no message to %s among %d", to, len(msgs))
	return ""
}

func Itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TimeNow() time.Time { return time.Now() }

func StageForm(typeID, communityID, hostID int64) url.Values {
	return url.Values{
		"title": {"Tappa a Pinerolo"}, "type": {Itoa(typeID)}, "community": {Itoa(communityID)}, "is_stage": {"1"},
		"starts_on": {"2026-05-20"}, "start_time": {"17:30"}, "end_time": {"19:30"}, "format": {"in_presenza"},
		"venue": {"Sala consiliare, Piazza Vittorio Veneto 1, Pinerolo"}, "description": {"## Programma\n\n<script>alert(1)</script>\n\nSaluti **iniziali** <a href=\"javascript:alert(2)\" onclick=\"x()\">link</a>"},
		"themes": {"Comunicazione interna\nPatti digitali"}, "people": {"30"}, "role_sindaco": {"1"}, "role_people_sindaco": {"4"},
		"table_title": {"Tavolo uno", ""}, "table_theme": {"Patti digitali", ""}, "table_outcome": {"Esito del tavolo uno", ""},
		"part_body": {Itoa(hostID), ""}, "part_role": {"host", "host"}, "part_note": {"", ""},
	}
}

func (c *Client) GetBody(t *testing.T, path string) string { return c.Get(t, path).Body }

func Counter(t *testing.T, s *store.Store, typeID int64) int {
	t.Helper()
	cs, err := s.Counters(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Type.ID == typeID {
			return c.Type.Baseline + c.Published
		}
	}
	t.Fatalf("no type %d", typeID)
	return 0
}

func BrowserLogin(t *testing.T, ctx context.Context, base, email, password string) {
	t.Helper()
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/accedi"),
		chromedp.WaitVisible(chromedp.CSS(`#f-email`)),
		chromedp.SendKeys(chromedp.CSS(`#f-email`), email),
		chromedp.SendKeys(chromedp.CSS(`#f-password`), password),
		chromedp.Click(chromedp.CSS(`form[action="/accedi"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.bc-admin-nav`)),
	); err != nil {
		t.Fatalf("log in as %s: %v", email, err)
	}
}

// found reports whether /cerca?q=… links to href.
func (s *AdminSite) Found(t *testing.T, q, href string) bool {
	t.Helper()
	code, page := s.Get(t, "/cerca?"+url.Values{"q": {q}}.Encode())
	if code != http.StatusOK {
		t.Fatalf("/cerca?q=%s: %d", q, code)
	}
	return strings.Contains(page, `href="`+href+`"`) || strings.Contains(page, `href="`+href+`#`)
}
