package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// upcoming adds a published activity in ten days with registrations open.
func upcoming(t *testing.T, s *store.Store, slug string, capacity *int) int64 {
	t.Helper()
	return upcomingTB(t, s, slug, capacity)
}

func upcomingTB(t testing.TB, s *store.Store, slug string, capacity *int) int64 {
	t.Helper()
	ctx := context.Background()
	day := time.Now().AddDate(0, 0, 10).Format(time.DateOnly)
	id, err := s.LoadActivity(ctx, dataset.Activity{Slug: slug, Title: "Tappa di prova " + slug, Type: "formazione", Community: "",
		Stage: false, Status: "published", Date: day, StartTime: "09:30", EndTime: "13:00", Format: "ibrido", Venue: "Sala consiliare",
		Summary: "Prova", Description: "Prova", Tables: []dataset.BreakoutTable{{Title: "Tavolo A"}, {Title: "Tavolo B"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetRegistrationSettings(ctx, store.Actor{}, id, store.RegistrationSettings{Enabled: true, Capacity: capacity, OnlineLink: "https://meet.example.it/segreto"}); err != nil {
		t.Fatal(err)
	}
	return id
}

func intp(n int) *int { return &n }

func newReg(activityID int64, email string) store.NewRegistration {
	return store.NewRegistration{ActivityID: activityID, Name: "Persona " + email, Email: email, Role: "funzionario",
		ConsentVersion: "2026-01", ConsentAt: time.Now(), ConfirmHash: auth.HashToken("c-" + email),
		ConfirmExpires: time.Now().Add(time.Hour), ManageNonce: auth.HashToken("m-" + email)}
}

// TestRegistrationCapacityUnderLoad fires hundreds of registrations and
// confirmations at once, through two stores on the same database (two
// server instances), at an activity with 50 seats.
func TestRegistrationCapacityUnderLoad(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s1 := storetest.OpenDefault(t, d)
		s2, err := store.Open(ctx, s1.Location())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s2.Close() })
		id := upcoming(t, s1, "carico", intp(50))

		const people, dupTries = 300, 20
		var (
			wg       sync.WaitGroup
			mu       sync.Mutex
			told     = map[store.RegistrationStatus]int{}
			failures []error
			dupOK    int
		)
		for i := 0; i < people; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				st := []*store.Store{s1, s2}[i%2]
				email := fmt.Sprintf("persona%03d@example.it", i)
				if _, err := st.Register(ctx, newReg(id, email), time.Now()); err != nil {
					mu.Lock()
					failures = append(failures, fmt.Errorf("register %s: %w", email, err))
					mu.Unlock()
					return
				}
				r, err := st.ConfirmRegistration(ctx, auth.HashToken("c-"+email), time.Now())
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					failures = append(failures, fmt.Errorf("confirm %s: %w", email, err))
					return
				}
				told[r.Status]++
			}(i)
		}
		// The same address, many times at once, in different cases.
		for i := 0; i < dupTries; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				st := []*store.Store{s1, s2}[i%2]
				nr := newReg(id, "doppio@example.it")
				if i%2 == 1 {
					nr.Email = "DOPPIO@Example.it"
				}
				_, err := st.Register(ctx, nr, time.Now())
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					dupOK++
				case !errors.Is(err, store.ErrAlreadyRegistered):
					failures = append(failures, fmt.Errorf("duplicate register: %w", err))
				}
			}(i)
		}
		wg.Wait()
		for _, err := range failures {
			t.Error(err)
		}
		if dupOK == 0 {
			t.Error("no registration of the repeated address succeeded")
		}
		c, err := s1.RegistrationCounts(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if c.Confirmed != 50 || c.Waiting != people-50 || c.Pending != 1 || c.Cancelled != 0 {
			t.Errorf("counts = %+v, want 50 confirmed, %d waiting, 1 pending (the repeated address)", c, people-50)
		}
		if told[store.RegConfirmed] != 50 || told[store.RegWaiting] != people-50 {
			t.Errorf("people were told %v", told)
		}
		all, total, err := s1.Registrations(ctx, store.RegistrationFilter{ActivityID: id, Limit: -1})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, r := range all {
			if seen[r.Email] {
				t.Errorf("address %s registered twice", r.Email)
			}
			seen[r.Email] = true
		}
		if total != people+1 || len(all) != people+1 {
			t.Errorf("%d registrations (%d listed), want %d", total, len(all), people+1)
		}
		// The repeated address, once confirmed, cannot register again.
		if _, err := s1.ConfirmRegistration(ctx, auth.HashToken("c-doppio@example.it"), time.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := s2.Register(ctx, newReg(id, "Doppio@example.IT"), time.Now()); !errors.Is(err, store.ErrAlreadyRegistered) {
			t.Errorf("second registration of a confirmed address: err = %v", err)
		}

		// A cancellation gives the seat to the first person waiting.
		waiting, _, err := s1.Registrations(ctx, store.RegistrationFilter{ActivityID: id, Status: store.RegWaiting, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		confirmed, _, err := s1.Registrations(ctx, store.RegistrationFilter{ActivityID: id, Status: store.RegConfirmed, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		promoted, err := s2.CancelRegistration(ctx, store.Actor{}, confirmed[0].ID, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if promoted == nil || promoted.ID != waiting[0].ID || promoted.Status != store.RegConfirmed {
			t.Errorf("promoted = %+v, want the first waiting %d", promoted, waiting[0].ID)
		}
		if _, err := s1.CancelRegistration(ctx, store.Actor{}, confirmed[0].ID, time.Now()); !errors.Is(err, store.ErrLinkUsed) {
			t.Errorf("second cancellation: err = %v", err)
		}
		c, _ = s1.RegistrationCounts(ctx, id)
		if c.Confirmed != 50 || c.Cancelled != 1 || c.Waiting != people-50 {
			t.Errorf("after a cancellation counts = %+v", c)
		}
	})
}

// TestConcurrentCancellationsNeverOverfill cancels many confirmed people at
// once from two instances while others confirm: the seats never overflow.
func TestConcurrentCancellationsNeverOverfill(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s1 := storetest.OpenDefault(t, d)
		s2, err := store.Open(ctx, s1.Location())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s2.Close() })
		id := upcoming(t, s1, "annulli", intp(10))
		for i := 0; i < 30; i++ {
			email := fmt.Sprintf("p%02d@example.it", i)
			if _, err := s1.Register(ctx, newReg(id, email), time.Now()); err != nil {
				t.Fatal(err)
			}
			if _, err := s1.ConfirmRegistration(ctx, auth.HashToken("c-"+email), time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		confirmed, _, err := s1.Registrations(ctx, store.RegistrationFilter{ActivityID: id, Status: store.RegConfirmed, Limit: -1})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		promotions := make(chan int64, len(confirmed))
		for i, r := range confirmed[:6] {
			wg.Add(1)
			go func(i int, rid int64) {
				defer wg.Done()
				p, err := []*store.Store{s1, s2}[i%2].CancelRegistration(ctx, store.Actor{}, rid, time.Now())
				if err != nil {
					t.Error(err)
					return
				}
				if p != nil {
					promotions <- p.ID
				}
			}(i, r.ID)
		}
		wg.Wait()
		close(promotions)
		got := map[int64]bool{}
		for id := range promotions {
			if got[id] {
				t.Errorf("registration %d promoted twice", id)
			}
			got[id] = true
		}
		c, _ := s1.RegistrationCounts(ctx, id)
		if c.Confirmed != 10 || c.Waiting != 14 || c.Cancelled != 6 || len(got) != 6 {
			t.Errorf("counts = %+v, %d promoted; want 10 confirmed, 14 waiting, 6 cancelled, 6 promoted", c, len(got))
		}
	})
}

func TestRegistrationLinksAndWindow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		id := upcoming(t, s, "collegamenti", nil)
		nr := newReg(id, "anna@example.it")
		nr.ConfirmExpires = time.Now().Add(-time.Minute)
		if _, err := s.Register(ctx, nr, time.Now()); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			hash string
			want error
		}{
			{auth.HashToken("forged"), store.ErrLinkUnknown},
			{auth.HashToken("c-anna@example.it"), store.ErrLinkExpired},
		} {
			if _, err := s.ConfirmRegistration(ctx, c.hash, time.Now()); !errors.Is(err, c.want) {
				t.Errorf("confirm: err = %v, want %v", err, c.want)
			}
		}
		// Registering again replaces the unconfirmed registration with a fresh link.
		if _, err := s.Register(ctx, newReg(id, "anna@example.it"), time.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ConfirmRegistration(ctx, auth.HashToken("c-anna@example.it"), time.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ConfirmRegistration(ctx, auth.HashToken("c-anna@example.it"), time.Now()); !errors.Is(err, store.ErrLinkUsed) {
			t.Errorf("reused link: err = %v", err)
		}
		c, _ := s.RegistrationCounts(ctx, id)
		if c.Confirmed != 1 || c.Pending != 0 {
			t.Errorf("counts = %+v", c)
		}

		// Closed by the coordinator, or past the closing time: nothing is written.
		closeAt := time.Now().Add(-time.Minute)
		if _, err := s.SetRegistrationSettings(ctx, store.Actor{}, id, store.RegistrationSettings{Enabled: true, CloseAt: &closeAt}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Register(ctx, newReg(id, "bruno@example.it"), time.Now()); !errors.Is(err, store.ErrRegistrationsClosed) {
			t.Errorf("after closing time: err = %v", err)
		}
		if _, err := s.SetRegistrationSettings(ctx, store.Actor{}, id, store.RegistrationSettings{Enabled: false}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Register(ctx, newReg(id, "bruno@example.it"), time.Now()); !errors.Is(err, store.ErrRegistrationsClosed) {
			t.Errorf("closed by the coordinator: err = %v", err)
		}
		if c2, _ := s.RegistrationCounts(ctx, id); c2 != c {
			t.Errorf("refused registrations changed the counts: %+v → %+v", c, c2)
		}
	})
}

func TestMoveAndCapacityIncrease(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		id := upcoming(t, s, "spostamenti", intp(1))
		a, err := s.AddRegistration(ctx, store.Actor{}, newReg(id, "a@example.it"), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.AddRegistration(ctx, store.Actor{}, newReg(id, "b@example.it"), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != store.RegConfirmed || b.Status != store.RegWaiting {
			t.Fatalf("statuses %s, %s", a.Status, b.Status)
		}
		if err := s.MoveRegistration(ctx, store.Actor{}, b.ID, store.RegConfirmed, time.Now()); !errors.Is(err, store.ErrNoSeat) {
			t.Errorf("moving onto a full activity: err = %v", err)
		}
		if err := s.MoveRegistration(ctx, store.Actor{}, a.ID, store.RegWaiting, time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := s.MoveRegistration(ctx, store.Actor{}, b.ID, store.RegConfirmed, time.Now()); err != nil {
			t.Fatal(err)
		}
		promoted, err := s.SetRegistrationSettings(ctx, store.Actor{}, id, store.RegistrationSettings{Enabled: true, Capacity: intp(5)})
		if err != nil {
			t.Fatal(err)
		}
		if len(promoted) != 1 || promoted[0].ID != a.ID {
			t.Errorf("more seats promoted %+v, want registration %d", promoted, a.ID)
		}
	})
}

func TestAttendanceFiguresMembershipAndErasure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		id := upcoming(t, s, "presenze", nil)
		newcomer, err := s.CreateBody(ctx, store.NewBody{Slug: "comune-di-nuovo", Name: "Comune di Nuovo", Kind: "comune"})
		if err != nil {
			t.Fatal(err)
		}
		chieri, err := s.Body(ctx, "comune-di-chieri")
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for i, b := range []int64{newcomer, newcomer, chieri.ID} {
			nr := newReg(id, fmt.Sprintf("p%d@example.it", i))
			nr.BodyID = b
			nr.Role = []string{"sindaco", "funzionario", "assessore"}[i]
			r, err := s.AddRegistration(ctx, store.Actor{}, nr, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, r.ID)
		}
		if f, _ := s.CountedFigures(ctx, id); f.People != 0 {
			t.Errorf("before attendance counted people = %d", f.People)
		}
		n, err := s.SetAttendance(ctx, store.Actor{}, id, ids, true)
		if err != nil || n != 3 {
			t.Fatalf("attendance set on %d, err %v", n, err)
		}
		f, err := s.CountedFigures(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if f.People != 3 || f.Bodies != 2 || len(f.Roles) != 3 {
			t.Errorf("counted = %+v", f)
		}
		// The activity is ten days ahead: attendance counts towards
		// membership only once its day has passed.
		if early, err := s.NewBodiesAt(ctx, id); err != nil || len(early) != 0 {
			t.Errorf("new bodies before the day passed = %+v, %v; want none", early, err)
		}
		s.SetNow(func() time.Time { return time.Now().AddDate(0, 0, 12) })
		newBodies, err := s.NewBodiesAt(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(newBodies) != 1 || newBodies[0].ID != newcomer {
			t.Errorf("new bodies = %+v, want only the newcomer (Chieri joined earlier)", newBodies)
		}
		m, err := s.Memberships(ctx, []int64{newcomer})
		if err != nil {
			t.Fatal(err)
		}
		if m[newcomer].Activity.ID != id {
			t.Errorf("membership of the newcomer = %+v", m[newcomer])
		}
		bp, err := s.BodyParticipations(ctx, newcomer)
		if err != nil {
			t.Fatal(err)
		}
		if len(bp) != 1 || bp[0].Activity.ID != id || bp[0].Role != "attendee" {
			t.Errorf("participations of the newcomer = %+v", bp)
		}
		r, err := s.Registration(ctx, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		cert, err := s.CertificateByCode(ctx, r.CertificateCode)
		if err != nil || cert.Name != r.Name || cert.Activity.ID != id {
			t.Errorf("certificate %q = %+v, %v", r.CertificateCode, cert, err)
		}

		// Claims: two instances, one winner.
		s2, err := store.Open(ctx, s.Location())
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		wins := 0
		var wg sync.WaitGroup
		var mu sync.Mutex
		for i := 0; i < 10; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				ok, err := []*store.Store{s, s2}[i%2].ClaimMail(ctx, store.MailReminder, ids[0], time.Now())
				if err != nil {
					t.Error(err)
				}
				if ok {
					mu.Lock()
					wins++
					mu.Unlock()
				}
			}(i)
		}
		wg.Wait()
		if wins != 1 {
			t.Errorf("%d instances claimed the same reminder", wins)
		}

		// Erasure keeps the figures and removes the people.
		erased, err := s.ErasePastRegistrations(ctx, time.Now().AddDate(0, 0, 11).Format(time.DateOnly), time.Now())
		if err != nil || erased != 3 {
			t.Fatalf("erased %d, err %v", erased, err)
		}
		after, _ := s.CountedFigures(ctx, id)
		if after.People != 3 || after.Bodies != 2 {
			t.Errorf("after erasure counted = %+v", after)
		}
		r, _ = s.Registration(ctx, ids[0])
		if r.Name != "" || r.Email != "" || !r.Erased {
			t.Errorf("after erasure registration = %+v", r)
		}
		if _, err := s.ManageNonce(ctx, ids[0]); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("personal link after erasure: err = %v", err)
		}
	})
}
