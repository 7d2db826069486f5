package outreach_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

var joinConfirmLink = regexp.MustCompile(`http://[^\s]+/aderisci/conferma/[A-Za-z0-9_-]+`)

// joinForm is a complete request for a Comune not yet in the network.
func joinForm(email string) url.Values {
	return url.Values{"comune": {"Moncalieri"}, "name": {"Giulia Verdi"}, "email": {email},
		"role": {"Assessora alla partecipazione"}, "regulation": {"yes"}, "regulation_url": {"https://www.comune.moncalieri.to.it/regolamento"},
		"message": {"Vorremmo partecipare alla prossima tappa."}, "consent": {"1"}}
}

func joinRequests(t *testing.T, st *store.Store) []store.JoinRequest {
	t.Helper()
	out, _, err := st.JoinRequests(context.Background(), store.JoinRequestFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// requestAndConfirm sends the form and follows the confirmation link; it
// returns the request awaiting review.
func requestAndConfirm(t *testing.T, s *AdminSite, c *Client, form url.Values) store.JoinRequest {
	t.Helper()
	res := c.Post(t, "/aderisci", form)
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/aderisci/inviata" {
		t.Fatalf("join form: status %d, location %q: %s", res.Status, res.Header.Get("Location"), Excerpt(res.Body, "alert"))
	}
	msg := LastMessage(t, s.SMTP, form.Get("email"), "Conferma la richiesta di adesione")
	link := FindLink(t, joinConfirmLink, msg.Body, s.URL)
	page := c.Get(t, link)
	form2 := ParseDOM(t, page.Body).Find(func(n *html.Node) bool { return n.Data == "form" && AttrOf(n, "action") == link })
	if page.Status != http.StatusOK || !form2.OK() {
		t.Fatalf("confirmation page: status %d, no form posting to %s", page.Status, link)
	}
	if res = c.Post(t, link, nil); res.Status != http.StatusOK || !strings.Contains(res.Body, "Richiesta confermata") {
		t.Fatalf("confirm: status %d", res.Status)
	}
	if res = c.Post(t, link, nil); res.Status != http.StatusGone || !strings.Contains(res.Body, "già stato usato") {
		t.Errorf("second confirmation: status %d", res.Status)
	}
	for _, r := range joinRequests(t, s.Store) {
		if r.Email == form.Get("email") {
			if r.Status != domain.JoinAwaitingReview {
				t.Fatalf("confirmed request is %s", r.Status)
			}
			return r
		}
	}
	t.Fatalf("no request from %s", form.Get("email"))
	return store.JoinRequest{}
}

func TestJoinFormValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		c := s.NewClient(t)
		res := c.Get(t, "/aderisci")
		main := ParseDOM(t, res.Body).Main()
		if res.Status != http.StatusOK || main.First("h1").Text() != "Aderisci alla rete" {
			t.Fatalf("form: status %d, heading %q", res.Status, main.First("h1").Text())
		}
		for _, name := range []string{"comune", "body_name", "body_kind", "body_place", "name", "email", "role", "regulation", "regulation_url", "message", "consent", "sito_web"} {
			if !main.Find(func(n *html.Node) bool { return AttrOf(n, "name") == name }).OK() {
				t.Errorf("the form has no field %q", name)
			}
		}

		bad := url.Values{"name": {"Giulia Verdi"}, "email": {"giulia@"}, "regulation": {"forse"}, "regulation_url": {"javascript:alert(1)"}}
		res = c.Post(t, "/aderisci", bad)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("bad form: status %d", res.Status)
		}
		for _, want := range []string{"Indica l&#39;ente", "L&#39;indirizzo e-mail non è valido", "Scegli una risposta sul regolamento",
			"deve essere un indirizzo web completo", "devi dichiarare di aver letto l&#39;informativa", `value="Giulia Verdi"`, `value="giulia@"`} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("bad form answer lacks %q", want)
			}
		}
		unknown := joinForm("giulia@example.it")
		unknown.Set("comune", "Paese che non esiste")
		if res = c.Post(t, "/aderisci", unknown); res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "non ha un Comune chiamato") {
			t.Errorf("unknown Comune: status %d", res.Status)
		}
		shared := joinForm("giulia@example.it")
		shared.Set("comune", "Castro")
		if res = c.Post(t, "/aderisci", shared); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("a name two Comuni share: status %d", res.Status)
		}
		other := joinForm("giulia@example.it")
		other.Set("body_name", "Unione dei Comuni della Collina")
		if res = c.Post(t, "/aderisci", other); res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Indica un solo ente") {
			t.Errorf("two bodies: status %d", res.Status)
		}
		// A robot that fills the hidden field is thanked and forgotten.
		robot := joinForm("robot@example.it")
		robot.Set("sito_web", "http://spam.example")
		if res = c.Post(t, "/aderisci", robot); res.Status != http.StatusSeeOther {
			t.Errorf("honeypot: status %d", res.Status)
		}
		if n := len(joinRequests(t, s.Store)); n != 0 {
			t.Errorf("refused forms wrote %d requests", n)
		}
		if n := len(s.SMTP.Messages()); n != 0 {
			t.Errorf("refused forms sent %d e-mails", n)
		}

		// A member body is pointed to its referent instead.
		member := joinForm("giulia@example.it")
		member.Set("comune", "Chieri")
		res = c.Post(t, "/aderisci", member)
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "fa già parte della rete") || !strings.Contains(res.Body, `href="/enti/comune-di-chieri"`) {
			t.Errorf("member body: status %d: %s", res.Status, Excerpt(res.Body, "<h1"))
		}
		if n := len(joinRequests(t, s.Store)); n != 0 {
			t.Errorf("a member body's request was written")
		}
	})
}

func TestJoinRateLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewAdminSite(t, d)
		c := s.NewClient(t)
		for i, email := range []string{"a@example.it", "b@example.it", "c@example.it"} {
			if res := c.Post(t, "/aderisci", joinForm(email)); res.Status != http.StatusSeeOther {
				t.Fatalf("request %d: status %d", i+1, res.Status)
			}
		}
		res := c.Post(t, "/aderisci", joinForm("d@example.it"))
		if res.Status != http.StatusTooManyRequests || !strings.Contains(res.Body, "Troppe richieste") || res.Header.Get("Retry-After") == "" {
			t.Errorf("fourth request in an hour: status %d", res.Status)
		}
		if n := len(joinRequests(t, s.Store)); n != 3 {
			t.Errorf("%d requests written, want 3", n)
		}
	})
}

func TestJoinAcceptAndDecline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		c := s.NewClient(t)
		req := requestAndConfirm(t, s, c, joinForm("giulia@example.it"))
		if req.ISTATCode != "001156" || req.BodyName != "Comune di Moncalieri" || req.HasRegulation != domain.AnswerYes {
			t.Errorf("request as stored: %+v", req)
		}

		s.AddUser(t, "coord@example.it", auth.Coordinator)
		coord := s.LoginAs(t, "coord@example.it")
		list := coord.Get(t, "/admin/adesioni?stato=awaiting_review")
		if list.Status != http.StatusOK || !strings.Contains(list.Body, `href="/admin/adesioni/`+Itoa(req.ID)+`"`) {
			t.Fatalf("list: status %d", list.Status)
		}
		if res := coord.Get(t, "/admin/adesioni?stato=accepted"); strings.Contains(res.Body, "Comune di Moncalieri") {
			t.Error("the accepted filter lists a request awaiting review")
		}
		if res := coord.Get(t, "/admin/adesioni?stato=boh"); res.Status != http.StatusBadRequest {
			t.Errorf("bad status filter: %d", res.Status)
		}
		page := coord.Get(t, "/admin/adesioni/"+Itoa(req.ID))
		if page.Status != http.StatusOK || !strings.Contains(page.Body, "Giulia Verdi") || !strings.Contains(page.Body, "Vorremmo partecipare") {
			t.Fatalf("request page: status %d", page.Status)
		}
		if res := coord.Post(t, "/admin/adesioni/"+Itoa(req.ID)+"/accetta", url.Values{"joined_on": {"ieri"}}); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("bad date: status %d", res.Status)
		}
		res := coord.Post(t, "/admin/adesioni/"+Itoa(req.ID)+"/accetta", url.Values{"joined_on": {"2026-12-01"}, "message": {"Benvenuti!"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("accept: status %d: %s", res.Status, Excerpt(res.Body, "alert"))
		}
		got, err := s.Store.JoinRequest(ctx, req.ID)
		if err != nil || got.Status != domain.JoinAccepted || got.JoinedOn != "2026-12-01" || got.BodyID == 0 {
			t.Fatalf("after acceptance: %+v, %v", got, err)
		}
		body, err := s.Store.Body(ctx, "comune-di-moncalieri")
		if err != nil || body.ID != got.BodyID || body.ProvinceCode != "TO" {
			t.Errorf("the body: %+v, %v", body, err)
		}
		invite := LastMessage(t, s.SMTP, "giulia@example.it", "Invito all'area riservata")
		accepted := LastMessage(t, s.SMTP, "giulia@example.it", "è nella rete")
		if !strings.Contains(accepted.Body, "Benvenuti!") {
			t.Errorf("acceptance e-mail lacks the message: %q", accepted.Body)
		}
		if res := coord.Post(t, "/admin/adesioni/"+Itoa(req.ID)+"/accetta", nil); res.Status != http.StatusConflict {
			t.Errorf("second acceptance: status %d", res.Status)
		}
		// The invited person sets a password and sees their body.
		link := FindLink(t, LinkPattern, invite.Body, s.URL)
		ref := s.NewClient(t)
		if res := ref.Post(t, link, url.Values{"password": {TestPassword}, "password2": {TestPassword}}); res.Status != http.StatusSeeOther {
			t.Fatalf("invitation link: status %d: %s", res.Status, Excerpt(res.Body, "alert"))
		}
		if res := ref.Get(t, "/admin/enti"); !strings.Contains(res.Body, "Comune di Moncalieri") {
			t.Errorf("the new referent does not see the body: %s", Excerpt(res.Body, "<main"))
		}

		// A second request, declined with a message.
		other := joinForm("paolo@example.it")
		other.Del("comune")
		other.Set("body_name", "Unione Montana Valle Sacra")
		other.Set("body_kind", "unione_comuni")
		other.Set("body_place", "Castellamonte (TO)")
		req2 := requestAndConfirm(t, s, c, other)
		if res := coord.Post(t, "/admin/adesioni/"+Itoa(req2.ID)+"/rifiuta", nil); res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "obbligatori") {
			t.Errorf("decline without a message: status %d: %s", res.Status, Excerpt(res.Body, "alert"))
		}
		res = coord.Post(t, "/admin/adesioni/"+Itoa(req2.ID)+"/rifiuta", url.Values{"decline_message": {"Scriveteci quando avrete un regolamento."}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("decline: status %d", res.Status)
		}
		declined := LastMessage(t, s.SMTP, "paolo@example.it", "richiesta di adesione di Unione Montana Valle Sacra")
		if !strings.Contains(declined.Body, "Scriveteci quando avrete un regolamento.") {
			t.Errorf("decline e-mail: %q", declined.Body)
		}
		if _, err := s.Store.Body(ctx, "unione-montana-valle-sacra"); err == nil {
			t.Error("a declined request created its body")
		}
		// Erased on request.
		if res := coord.Post(t, "/admin/adesioni/"+Itoa(req2.ID)+"/elimina", nil); res.Status != http.StatusSeeOther {
			t.Errorf("delete: status %d", res.Status)
		}
		if _, err := s.Store.JoinRequest(ctx, req2.ID); err == nil {
			t.Error("the erased request is still there")
		}
	})
}
