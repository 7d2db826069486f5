package web_test

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
)

// adminSite is a running server with the default dataset, a real SMTP
// server for its mail, and helpers to act as a given account.
type adminSite struct {
	*site
	SMTP *mailtest.Server
}

const testPassword = "una password di prova"

func newAdminSite(t *testing.T, d store.Dialect) *adminSite {
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
		Mail: sender, InsecureCookies: true, MaxUpload: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &adminSite{site: &site{Server: ts, Store: st, Logs: logs}, SMTP: smtp}
}

// addUser creates an account with testPassword.
func (s *adminSite) addUser(t *testing.T, email string, role auth.Role, bodySlugs ...string) int64 {
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
	id, err := s.Store.CreateUser(ctx, store.NewUser{Email: email, Role: role, PasswordHash: hash, Bodies: ids})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// client is a browser-like client with its own cookie jar that does not
// follow redirects.
type client struct {
	*http.Client
	base string
}

func (s *adminSite) newClient(t *testing.T) *client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &client{Client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}, base: s.URL}
}

// loginAs returns a client logged in as the account.
func (s *adminSite) loginAs(t *testing.T, email string) *client {
	t.Helper()
	c := s.newClient(t)
	res := c.post(t, "/accedi", url.Values{"email": {email}, "password": {testPassword}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("login as %s: status %d: %s", email, res.Status, excerpt(res.Body, "alert"))
	}
	return c
}

type response struct {
	Status int
	Body   string
	Header http.Header
}

func (c *client) do(t *testing.T, req *http.Request) response {
	t.Helper()
	req.Header.Set("Accept-Language", "it-IT,it;q=0.9")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "⟦") {
		t.Errorf("%s %s shows an untranslated message id: %s", req.Method, req.URL.Path, excerpt(string(b), "⟦"))
	}
	return response{Status: res.StatusCode, Body: string(b), Header: res.Header}
}

func (c *client) get(t *testing.T, path string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c.do(t, req)
}

func (c *client) post(t *testing.T, path string, form url.Values) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(t, req)
}

var linkPattern = regexp.MustCompile(`http://[^\s]+/accedi/link/[A-Za-z0-9_-]+`)

// lastLink returns the single-use link of the newest message to an address.
func (s *adminSite) lastLink(t *testing.T, to string) string {
	t.Helper()
	msgs := s.SMTP.Messages()
	for i := len(msgs) - 1; i >= 0; i-- {
		if len(msgs[i].To) == 1 && msgs[i].To[0] == to {
			link := linkPattern.FindString(msgs[i].Body)
			if link == "" {
				t.Fatalf("message to %s carries no link: %q", to, msgs[i].Body)
			}
			return strings.TrimPrefix(link, s.URL)
		}
	}
	t.Fatalf("no message to %s among %d", to, len(msgs))
	return ""
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func timeNow() time.Time { return time.Now() }
