package outreach_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/newsletter"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

var (
	newsConfirmLink = regexp.MustCompile(`http://[^\s]+/novita/conferma/[A-Za-z0-9_-]+`)
	unsubscribeLink = regexp.MustCompile(`http://[^\s]+` + newsletter.UnsubscribePath + `[A-Za-z0-9_-]+`)
)

func TestNewsSubscription(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		c := s.NewClient(t)
		res := c.Get(t, "/iscriviti-alle-novita")
		if res.Status != http.StatusOK || !strings.Contains(res.Body, `<option value="TO">Torino (TO)</option>`) {
			t.Fatalf("form: status %d, provinces of the member bodies missing", res.Status)
		}
		bad := url.Values{"email": {"anna@"}, "topic": {"pacts", "gossip"}, "province": {"ZZ"}}
		res = c.Post(t, "/iscriviti-alle-novita", bad)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("bad form: status %d", res.Status)
		}
		for _, want := range []string{"L&#39;indirizzo e-mail non è valido", "Scegli almeno un argomento", "Scegli almeno una provincia", "devi dichiarare", `value="anna@"`, `value="pacts" checked`} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("bad form answer lacks %q", want)
			}
		}
		form := url.Values{"email": {"Anna@Example.it"}, "topic": {"stages", "pacts"}, "province": {"TO"}, "consent": {"1"}}
		res = c.Post(t, "/iscriviti-alle-novita", form)
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/iscriviti-alle-novita/inviata" {
			t.Fatalf("subscribe: status %d: %s", res.Status, Excerpt(res.Body, "alert"))
		}
		msg := LastMessage(t, s.SMTP, "anna@example.it", "Conferma l'iscrizione")
		link := FindLink(t, newsConfirmLink, msg.Body, s.URL)
		if res = c.Get(t, link); res.Status != http.StatusOK || !strings.Contains(res.Body, `action="`+link+`"`) {
			t.Fatalf("confirmation page: status %d", res.Status)
		}
		if res = c.Post(t, link, nil); res.Status != http.StatusOK || !strings.Contains(res.Body, "Iscrizione confermata") {
			t.Fatalf("confirm: status %d", res.Status)
		}
		counts, err := s.Store.NewsSubscriberCounts(ctx)
		if err != nil || counts.Confirmed != 1 || counts.ByTopic[domain.TopicPacts] != 1 || counts.ByProvince["TO"] != 1 {
			t.Errorf("counts: %+v, %v", counts, err)
		}

		// Subscribing again answers the same and sends nothing.
		before := len(s.SMTP.Messages())
		res = c.Post(t, "/iscriviti-alle-novita", form)
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/iscriviti-alle-novita/inviata" {
			t.Errorf("subscribing again: status %d, location %q", res.Status, res.Header.Get("Location"))
		}
		if len(s.SMTP.Messages()) != before {
			t.Error("subscribing a confirmed address again sent a message")
		}

		// Coordinators see counts, never addresses.
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		page := s.LoginAs(t, "coord@example.it").Get(t, "/admin/novita")
		if page.Status != http.StatusOK || !strings.Contains(page.Body, "1 iscritto confermato") || strings.Contains(page.Body, "anna@example.it") {
			t.Errorf("counts page: status %d", page.Status)
		}

		// The unsubscribe link: GET shows a button and changes nothing.
		unsub := FindLink(t, unsubscribeLink, msg.Body, s.URL)
		if res = c.Get(t, unsub); res.Status != http.StatusOK || !strings.Contains(res.Body, `action="`+unsub+`"`) {
			t.Fatalf("unsubscribe page: status %d", res.Status)
		}
		if counts, _ := s.Store.NewsSubscriberCounts(ctx); counts.Confirmed != 1 {
			t.Error("opening the unsubscribe link unsubscribed")
		}
	})
}

// TestOneClickUnsubscribe posts as a mail program does (RFC 8058): no
// cookie, no Origin or Sec-Fetch-Site, or from a webmail on another site.
func TestOneClickUnsubscribe(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		subscribe := func(email string) string {
			t.Helper()
			_, err := s.Store.Subscribe(ctx, store.NewSubscription{Email: email, Topics: []domain.NewsTopic{domain.TopicStages},
				ConsentVersion: "test", ConsentAt: TimeNow(), ConfirmHash: "h-" + email, ConfirmExpires: TimeNow().Add(3600e9),
				UnsubscribeToken: "tok" + strings.Split(email, "@")[0]}, TimeNow())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Store.ConfirmSubscription(ctx, "h-"+email, TimeNow()); err != nil {
				t.Fatal(err)
			}
			return newsletter.UnsubscribePath + "tok" + strings.Split(email, "@")[0]
		}
		post := func(path string, headers map[string]string) int {
			t.Helper()
			req, _ := http.NewRequest(http.MethodPost, s.URL+path, strings.NewReader("List-Unsubscribe=One-Click"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range headers {
				req.Header.Set(k, v)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res.StatusCode
		}
		mailProgram := subscribe("uno@example.it")
		if st := post(mailProgram, nil); st != http.StatusOK {
			t.Errorf("one-click POST from a mail program: %d", st)
		}
		webmail := subscribe("due@example.it")
		if st := post(webmail, map[string]string{"Origin": "https://webmail.example.org", "Sec-Fetch-Site": "cross-site"}); st != http.StatusOK {
			t.Errorf("one-click POST from a webmail on another site: %d", st)
		}
		if counts, _ := s.Store.NewsSubscriberCounts(ctx); counts.Confirmed != 0 {
			t.Errorf("%d subscribers left after unsubscribing both", counts.Confirmed)
		}
		// Unknown or used links get the same page.
		if st := post(mailProgram, nil); st != http.StatusOK {
			t.Errorf("used link: %d", st)
		}
		// Other forms stay protected from other sites.
		if st := post("/iscriviti-alle-novita", map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}); st != http.StatusForbidden {
			t.Errorf("cross-site POST to the subscription form: %d", st)
		}
	})
}
