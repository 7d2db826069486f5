package registrations_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"benicommunity/internal/assets"
	"benicommunity/internal/i18n"
	"benicommunity/internal/mail"
	"benicommunity/internal/mail/mailtest"
	"benicommunity/internal/markdown"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	"benicommunity/internal/web"
	. "benicommunity/internal/web/webtest"
)

// jobServer is one more server instance on a store, as a second process would be.
func jobServer(t *testing.T, st *store.Store, smtp *mailtest.Server, retention int) *web.Server {
	t.Helper()
	sender, err := mail.New(mail.Config{SMTPURL: smtp.URL(), From: "Rete <noreply@example.it>"}, storetest.Discard())
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
	srv, err := web.New(web.Deps{Store: st, Bundle: bundle, Assets: static, Markdown: markdown.New(), Log: storetest.Discard(),
		Mail: sender, BaseURL: "https://rete.example.it", RetentionMonths: retention})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// TestRegistrationJobsOnTwoInstances runs the scheduled jobs from two
// instances at once: each reminder goes out exactly once, and personal data
// past the retention time is erased while the figures stay.
func TestRegistrationJobsOnTwoInstances(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s1 := storetest.OpenDefault(t, d)
		s2, err := store.Open(ctx, s1.Location())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s2.Close() })
		smtp := mailtest.Start(t)
		tomorrow := RegActivity(t, s1, "domani", "formazione", 1, nil)
		later := RegActivity(t, s1, "tra-una-settimana", "formazione", 7, nil)
		past := RegActivity(t, s1, "passata", "formazione", -70, nil)
		add := func(activity int64, email string) store.Registration {
			r, err := s1.AddRegistration(ctx, store.Actor{}, store.NewRegistration{ActivityID: activity, Name: "Persona " + email, Email: email,
				BodyID: 0, ProposedBodyName: "Comune di Prova", ProposedBodyKind: "comune", ProposedBodyPlace: "Prova", Role: "sindaco",
				ConsentVersion: "t", ConsentAt: time.Now(), ManageNonce: "nonce-" + email}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		for i := 0; i < 5; i++ {
			add(tomorrow, fmt.Sprintf("domani%d@example.it", i))
		}
		add(later, "dopo@example.it")
		old := add(past, "vecchia@example.it")
		if _, err := s1.SetAttendance(ctx, store.Actor{}, past, []int64{old.ID}, true); err != nil {
			t.Fatal(err)
		}

		servers := []*web.Server{jobServer(t, s1, smtp, 2), jobServer(t, s2, smtp, 2)}
		var wg sync.WaitGroup
		reports := make([]web.JobReport, 4)
		for i := range reports {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				rep, err := servers[i%2].RunRegistrationJobs(ctx, time.Now())
				if err != nil {
					t.Error(err)
				}
				reports[i] = rep
			}(i)
		}
		wg.Wait()
		reminders := 0
		var erased int64
		for _, r := range reports {
			reminders += r.Reminders
			erased += r.Erased
		}
		perPerson := map[string]int{}
		for _, m := range smtp.Messages() {
			if strings.HasPrefix(m.Subject, "Domani:") {
				perPerson[m.To[0]]++
				if !strings.Contains(m.Body, "https://rete.example.it/iscrizioni/gestisci/") || !strings.Contains(m.Body, "stanza-segreta") {
					t.Errorf("reminder body: %s", m.Body)
				}
			}
		}
		if reminders != 5 || len(perPerson) != 5 {
			t.Errorf("%d reminders reported, %d people reminded (%v); want 5 each", reminders, len(perPerson), perPerson)
		}
		for who, n := range perPerson {
			if n != 1 {
				t.Errorf("%s got %d reminders", who, n)
			}
		}
		if perPerson["dopo@example.it"] != 0 {
			t.Error("a reminder went out a week early")
		}
		if erased != 1 {
			t.Errorf("erased %d registrations, want the one of the old activity", erased)
		}
		r, _ := s1.Registration(ctx, old.ID)
		if r.Name != "" || r.Email != "" || !r.Attended || r.Role != "sindaco" {
			t.Errorf("after erasure: %+v", r)
		}
		if f, _ := s1.CountedFigures(ctx, past); f.People != 1 {
			t.Errorf("erasure lost the figures: %+v", f)
		}
		// A second run sends nothing new.
		before := len(smtp.Messages())
		if rep, err := servers[0].RunRegistrationJobs(ctx, time.Now()); err != nil || rep.Reminders != 0 || rep.Erased != 0 {
			t.Errorf("second run: %+v, %v", rep, err)
		}
		if len(smtp.Messages()) != before {
			t.Error("the second run sent e-mails again")
		}
	})
}
