package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web"
	. "benicommunity/internal/web/webtest"
)

func TestStrictTransportSecurityOnlyOverHTTPS(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		secure := NewFeedSite(t, d, func(deps *web.Deps) { deps.BaseURL = "https://rete.example.it" })
		plain := NewFeedSite(t, d, func(deps *web.Deps) { deps.BaseURL = "http://localhost:8080" })
		unset := NewFeedSite(t, d, nil)
		for _, path := range []string{"/", "/nessuna-pagina", "/healthz", "/api/v1/activities?type=%FF", "/enti/a%00b", "/accedi"} {
			res, _ := Fetch(t, secure, path, nil)
			if got := res.Header.Get("Strict-Transport-Security"); got != "max-age=31536000; includeSubDomains" {
				t.Errorf("https site: GET %s (%d): Strict-Transport-Security = %q", path, res.StatusCode, got)
			}
			for name, s := range map[string]*Site{"http": plain, "no base URL": unset} {
				if res, _ := Fetch(t, s, path, nil); res.Header.Get("Strict-Transport-Security") != "" {
					t.Errorf("%s site: GET %s sends Strict-Transport-Security", name, path)
				}
			}
		}
	})
}

// login posts a failed login as if forwarded for the given address.
func failLogin(t *testing.T, s *Site, n int, forwardedFor string) int {
	t.Helper()
	form := url.Values{"email": {"nessuno" + strings.Repeat("x", n) + "@example.it"}, "password": {"sbagliata"}}
	req, err := http.NewRequest(http.MethodPost, s.URL+"/accedi", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", forwardedFor)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// untilThrottled fails logins, each as another account, until the address
// limit answers 429, and returns how many were sent.
func untilThrottled(t *testing.T, s *Site, forwardedFor func(int) string) int {
	t.Helper()
	for i := range 60 {
		switch code := failLogin(t, s, i, forwardedFor(i)); code {
		case http.StatusTooManyRequests:
			if i < auth.LoginThrottle.FreePerClient {
				t.Fatalf("throttled after %d failures, before the allowance of %d", i, auth.LoginThrottle.FreePerClient)
			}
			return i
		case http.StatusUnauthorized:
		default:
			t.Fatalf("failed login %d = %d", i, code)
		}
	}
	t.Fatal("60 failed logins from one client were never throttled")
	return 0
}

// The login throttle and the request log see the client behind a trusted
// proxy, and the connection's address when the header comes from anyone else.
func TestTrustedProxiesNameTheClient(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		proxies, err := web.ParseTrustedProxies("127.0.0.0/8,::1")
		if err != nil {
			t.Fatal(err)
		}
		behind := NewFeedSite(t, d, func(deps *web.Deps) { deps.TrustedProxies = proxies })
		// The address limit allows auth.LoginThrottle.FreePerClient failures:
		// keep failing (each time as another account) until it bites.
		n := untilThrottled(t, behind, func(i int) string { return "6.6.6.6, 198.51.100.7" })
		if code := failLogin(t, behind, n+1, "198.51.100.7, 198.51.100.8"); code != http.StatusUnauthorized {
			t.Errorf("another client behind the same proxy = %d, want 401: its own limit", code)
		}
		if logs := behind.Logs.String(); !strings.Contains(logs, "client=198.51.100.7") || !strings.Contains(logs, "ip=198.51.100.8") || strings.Contains(logs, "6.6.6.6") {
			t.Errorf("the log does not name the client behind the proxy:\n%s", Excerpt(logs, "client="))
		}

		direct := NewFeedSite(t, d, nil)
		n = untilThrottled(t, direct, func(i int) string { return "198.51.100." + Itoa(int64(i)) })
		if code := failLogin(t, direct, n+1, "198.51.100.99"); code != http.StatusTooManyRequests {
			t.Errorf("a spoofed X-Forwarded-For escaped the limit: %d, want 429", code)
		}
		if logs := direct.Logs.String(); strings.Contains(logs, "198.51.100.") || !strings.Contains(logs, "client=127.0.0.1") {
			t.Errorf("the log believes a header from an untrusted peer:\n%s", Excerpt(logs, "client="))
		}
	})
}

// Throttling slows a guesser down and never locks the owner out: failures
// on a coordinator's address from one client make that client wait, the
// coordinator logs in from another client at once, and the guessing client
// may try again once its wait has passed. The failures are counted in the
// database, so every instance sees them (TestTwoInstancesAreOneSite).
func TestLoginThrottleNeverLocksTheOwnerOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		proxies, err := web.ParseTrustedProxies("127.0.0.0/8,::1")
		if err != nil {
			t.Fatal(err)
		}
		s := NewFeedSite(t, d, func(deps *web.Deps) { deps.TrustedProxies = proxies })
		hash, err := auth.HashPassword(TestPassword)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Store.CreateUser(context.Background(), store.NewUser{Email: "coord@example.it", Role: auth.Coordinator, PasswordHash: hash}); err != nil {
			t.Fatal(err)
		}
		now := time.Date(2030, 1, 1, 10, 0, 0, 0, time.UTC)
		s.Store.SetNow(func() time.Time { return now })
		login := func(client, password string) int {
			req, err := http.NewRequest(http.MethodPost, s.URL+"/accedi", strings.NewReader(url.Values{"email": {"coord@example.it"}, "password": {password}}.Encode()))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Forwarded-For", client)
			res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res.StatusCode
		}
		for i := range auth.LoginThrottle.FreePerPair {
			if code := login("203.0.113.9", "sbagliata"); code != http.StatusUnauthorized {
				t.Fatalf("guess %d = %d", i+1, code)
			}
		}
		if code := login("203.0.113.9", TestPassword); code != http.StatusTooManyRequests {
			t.Errorf("the guessing client after %d failures = %d, want 429", auth.LoginThrottle.FreePerPair, code)
		}
		if code := login("198.51.100.20", TestPassword); code != http.StatusSeeOther {
			t.Errorf("the owner from another client = %d, want 303: a guesser must not lock them out", code)
		}
		now = now.Add(auth.LoginThrottle.FirstDelay + time.Second)
		if code := login("203.0.113.9", "sbagliata"); code != http.StatusUnauthorized {
			t.Errorf("the guessing client after its wait = %d, want 401: slowed down, not locked", code)
		}
	})
}
