package newsletter_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/dataset"
	"benicommunity/internal/domain"
	"benicommunity/internal/i18n"
	"benicommunity/internal/mail"
	"benicommunity/internal/mail/mailtest"
	"benicommunity/internal/newsletter"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

var rome, _ = time.LoadLocation("Europe/Rome")

// day0 is a morning in Rome; the tests move the clock from it.
var day0 = time.Date(2026, 12, 1, 9, 0, 0, 0, rome)

func newStore(t *testing.T, d store.Dialect) *store.Store {
	t.Helper()
	s := storetest.Open(t, d)
	if err := s.EnsureInitialData(context.Background(), store.InitialEmpty, dataset.Default, storetest.Discard()); err != nil {
		t.Fatal(err)
	}
	return s
}

func newJob(t *testing.T, s *store.Store, srv *mailtest.Server) *newsletter.Job {
	t.Helper()
	b, err := i18n.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	sender, err := mail.New(mail.Config{SMTPURL: srv.URL(), From: "Rete <noreply@example.it>"}, storetest.Discard())
	if err != nil {
		t.Fatal(err)
	}
	return &newsletter.Job{Store: s, Mail: sender, L: b.Localizer("it"), BaseURL: "https://rete.example.it",
		UnsubscribeMailto: "novita@example.it", Log: storetest.Discard()}
}

// subscribe subscribes and confirms an address at the given time and
// returns the unsubscribe token.
func subscribe(t *testing.T, s *store.Store, email string, at time.Time, topics []domain.NewsTopic, provinces ...string) string {
	t.Helper()
	ctx := context.Background()
	confirm, hash := auth.NewToken()
	unsub, _ := auth.NewToken()
	if _, err := s.Subscribe(ctx, store.NewSubscription{Email: email, Topics: topics, PactProvinces: provinces, ConsentVersion: "2026-12",
		ConsentAt: at, ConfirmHash: hash, ConfirmExpires: at.Add(48 * time.Hour), UnsubscribeToken: unsub}, at); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ConfirmSubscription(ctx, auth.HashToken(confirm), at); err != nil {
		t.Fatal(err)
	}
	return unsub
}

func publish(t *testing.T, s *store.Store, kind domain.NewsKind, ref, title, province string, at time.Time) {
	t.Helper()
	err := s.InTx(context.Background(), func(tx *store.Tx) error {
		added, err := tx.PublishNews(context.Background(), store.NewsItem{Kind: kind, Ref: ref, Title: title, URLPath: "/tappe/" + ref,
			ProvinceCode: province, PublishedAt: at})
		if err == nil && !added {
			err = errors.New("not added")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func messagesTo(srv *mailtest.Server, to string) []mailtest.Received {
	var out []mailtest.Received
	for _, m := range srv.Messages() {
		if len(m.To) == 1 && m.To[0] == to {
			out = append(out, m)
		}
	}
	return out
}

func TestDigestOncePerDayWithEverythingNew(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := newStore(t, d)
		srv := mailtest.Start(t)
		job := newJob(t, s, srv)
		const anna = "anna@example.it"
		token := subscribe(t, s, anna, day0, []domain.NewsTopic{domain.TopicStages, domain.TopicOutcomes})
		publish(t, s, domain.NewsStage, "tappa-asti", "Sesta tappa ad Asti", "", day0.Add(time.Hour))
		publish(t, s, domain.NewsOutcome, "restituzione-barge", "Restituzione del tavolo di Barge", "", day0.Add(2*time.Hour))
		publish(t, s, domain.NewsMaterial, "guida", "Guida ai patti", "", day0.Add(2*time.Hour)) // not a chosen topic
		if added, err := s.PublishNews(ctx, store.NewsItem{Kind: domain.NewsStage, Ref: "tappa-asti", Title: "Di nuovo", URLPath: "/x", PublishedAt: day0}); err != nil || added {
			t.Errorf("the same thing published twice: added %v, %v", added, err)
		}

		rep, err := job.Run(ctx, day0.Add(3*time.Hour))
		if err != nil || rep.Sent != 1 {
			t.Fatalf("first run = %+v, %v; want one digest", rep, err)
		}
		got := messagesTo(srv, anna)
		if len(got) != 1 {
			t.Fatalf("messages = %d, want 1", len(got))
		}
		m := got[0]
		unsubURL := "https://rete.example.it/novita/disiscrizione/" + token
		for _, want := range []string{"Sesta tappa ad Asti: https://rete.example.it/tappe/tappa-asti", "Restituzione del tavolo di Barge",
			"Nuove tappe", "Restituzioni pubblicate", unsubURL} {
			if !strings.Contains(m.Body, want) {
				t.Errorf("digest lacks %q:\n%s", want, m.Body)
			}
		}
		if strings.Contains(m.Body, "Guida ai patti") {
			t.Error("digest carries a topic not chosen")
		}
		if m.Subject != "Novità della rete benicommunity" {
			t.Errorf("subject = %q", m.Subject)
		}
		if h := m.Header.Get("List-Unsubscribe"); h != "<"+unsubURL+">, <mailto:novita@example.it?subject=unsubscribe>" {
			t.Errorf("List-Unsubscribe = %q", h)
		}
		if h := m.Header.Get("List-Unsubscribe-Post"); h != "List-Unsubscribe=One-Click" {
			t.Errorf("List-Unsubscribe-Post = %q", h)
		}

		// later the same day: something new, but one message a day
		publish(t, s, domain.NewsActivity, "incontro-savona", "Incontro a Savona", "", day0.Add(4*time.Hour))
		if rep, err := job.Run(ctx, day0.Add(5*time.Hour)); err != nil || rep.Sent != 0 {
			t.Errorf("second run the same day = %+v, %v; want nothing", rep, err)
		}
		// the next day: only what came after the last message
		rep, err = job.Run(ctx, day0.Add(24*time.Hour))
		if err != nil || rep.Sent != 1 {
			t.Fatalf("next day = %+v, %v", rep, err)
		}
		got = messagesTo(srv, anna)
		if len(got) != 2 || !strings.Contains(got[1].Body, "Incontro a Savona") || strings.Contains(got[1].Body, "Sesta tappa") {
			t.Errorf("next day's digest = %d messages, %q", len(got), got[len(got)-1].Body)
		}
		// nothing new: no message
		if rep, err := job.Run(ctx, day0.Add(48*time.Hour)); err != nil || rep.Sent != 0 {
			t.Errorf("a day without news = %+v, %v", rep, err)
		}

		// one click and it stops
		if err := s.Unsubscribe(ctx, token); err != nil {
			t.Fatal(err)
		}
		if err := s.Unsubscribe(ctx, token); !errors.Is(err, store.ErrLinkUnknown) {
			t.Errorf("second unsubscribe: %v", err)
		}
		publish(t, s, domain.NewsStage, "tappa-savona", "Tappa a Savona", "", day0.Add(49*time.Hour))
		if rep, err := job.Run(ctx, day0.Add(72*time.Hour)); err != nil || rep.Sent != 0 {
			t.Errorf("after unsubscribing = %+v, %v", rep, err)
		}
		if n := len(messagesTo(srv, anna)); n != 2 {
			t.Errorf("messages after unsubscribing = %d, want still 2", n)
		}
	})
}

func TestDigestConcurrentRunsSendOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s1 := newStore(t, d)
		s2, err := store.Open(ctx, s1.Location()) // a second instance on the same database
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s2.Close() })
		srv := mailtest.Start(t)
		emails := []string{"uno@example.it", "due@example.it", "tre@example.it", "quattro@example.it"}
		for _, e := range emails {
			subscribe(t, s1, e, day0, []domain.NewsTopic{domain.TopicStages})
		}
		publish(t, s1, domain.NewsStage, "tappa-asti", "Sesta tappa ad Asti", "", day0.Add(time.Hour))
		jobs := []*newsletter.Job{newJob(t, s1, srv), newJob(t, s2, srv)}
		var wg sync.WaitGroup
		sent := make([]int, 4)
		errs := make([]error, 4)
		for i := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rep, err := jobs[i%2].Run(ctx, day0.Add(2*time.Hour))
				sent[i], errs[i] = rep.Sent, err
			}()
		}
		wg.Wait()
		total := 0
		for i := range sent {
			if errs[i] != nil {
				t.Errorf("run %d: %v", i, errs[i])
			}
			total += sent[i]
		}
		if total != len(emails) {
			t.Errorf("runs report %d digests, want %d", total, len(emails))
		}
		for _, e := range emails {
			if n := len(messagesTo(srv, e)); n != 1 {
				t.Errorf("%s received %d messages, want 1", e, n)
			}
		}
	})
}

func TestDigestTopicsProvincesFailureAndRetention(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := newStore(t, d)
		srv := mailtest.Start(t)
		job := newJob(t, s, srv)
		const paola = "paola@example.it"
		subscribe(t, s, paola, day0, []domain.NewsTopic{domain.TopicPacts}, "to", "CN")
		subscribe(t, s, "bruno@example.it", day0, []domain.NewsTopic{domain.TopicStages, domain.TopicPacts}, "GE")
		publish(t, s, domain.NewsPact, "patto-genova", "Patto per i giardini di Genova", "GE", day0.Add(time.Hour))
		publish(t, s, domain.NewsPact, "patto-torino", "Patto per la biblioteca di Torino", "TO", day0.Add(time.Hour))

		counts, err := s.NewsSubscriberCounts(ctx)
		if err != nil || counts.Confirmed != 2 || counts.ByTopic[domain.TopicPacts] != 2 || counts.ByTopic[domain.TopicStages] != 1 ||
			counts.ByProvince["TO"] != 1 || counts.ByProvince["GE"] != 1 || counts.ByProvince["CN"] != 1 {
			t.Errorf("counts = %+v, %v", counts, err)
		}

		// the mail server is down: nothing is lost, the next run sends it
		broken := *job
		down, err := mail.New(mail.Config{SMTPURL: "smtp://127.0.0.1:1?tls=none", From: "Rete <noreply@example.it>"}, storetest.Discard())
		if err != nil {
			t.Fatal(err)
		}
		broken.Mail = down
		if rep, err := broken.Run(ctx, day0.Add(2*time.Hour)); err == nil || rep.Sent != 0 {
			t.Errorf("run with the mail server down = %+v, %v; want an error", rep, err)
		}
		if rep, err := job.Run(ctx, day0.Add(3*time.Hour)); err != nil || rep.Sent != 2 {
			t.Fatalf("run after the failure = %+v, %v", rep, err)
		}
		p := messagesTo(srv, paola)
		if len(p) != 1 || !strings.Contains(p[0].Body, "biblioteca di Torino") || strings.Contains(p[0].Body, "Genova") {
			t.Errorf("paola's digest = %+v", p)
		}
		b := messagesTo(srv, "bruno@example.it")
		if len(b) != 1 || !strings.Contains(b[0].Body, "giardini di Genova") || strings.Contains(b[0].Body, "Torino") {
			t.Errorf("bruno's digest = %+v", b)
		}

		// an unconfirmed subscription is erased after the retention days
		_, hash := auth.NewToken()
		unsub, _ := auth.NewToken()
		if _, err := s.Subscribe(ctx, store.NewSubscription{Email: "mai@example.it", Topics: []domain.NewsTopic{domain.TopicStages},
			ConsentVersion: "2026-12", ConsentAt: day0, ConfirmHash: hash, ConfirmExpires: day0.Add(48 * time.Hour), UnsubscribeToken: unsub}, day0); err != nil {
			t.Fatal(err)
		}
		if rep, err := job.Run(ctx, day0.Add(5*24*time.Hour)); err != nil || rep.Erased != 0 {
			t.Errorf("erased too early: %+v, %v", rep, err)
		}
		if rep, err := job.Run(ctx, day0.Add(8*24*time.Hour)); err != nil || rep.Erased != 1 {
			t.Errorf("erased after 8 days = %+v, %v; want 1", rep, err)
		}
		if c, _ := s.NewsSubscriberCounts(ctx); c.Unconfirmed != 0 || c.Confirmed != 2 {
			t.Errorf("counts after erasure = %+v", c)
		}
	})
}
