package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/istat"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

var coordinatorActor = store.Actor{Email: "coordinamento@example.it"}

// newJoin is a request for the Comune of the given ISTAT code (or, without
// one, for a body of another kind), with a confirmation token derived from
// the e-mail.
func newJoin(istatCode, bodyName string, kind domain.BodyKind, email string) store.NewJoinRequest {
	return store.NewJoinRequest{ISTATCode: istatCode, BodyName: bodyName, BodyKind: kind, RequesterName: "Referente " + email,
		Email: email, RequesterRole: "funzionaria", HasRegulation: domain.AnswerYes, RegulationURL: "https://comune.example.it/regolamento",
		Message: "Vorremmo aderire.", ConsentVersion: "2026-12", ConsentAt: time.Now(), ClientHash: store.HashClientAddress("192.0.2.7"),
		ConfirmHash: auth.HashToken("join-" + email), ConfirmExpires: time.Now().Add(48 * time.Hour)}
}

// confirmedJoin creates and confirms a request and returns its id.
func confirmedJoin(t *testing.T, s *store.Store, nr store.NewJoinRequest) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := s.CreateJoinRequest(ctx, nr, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.ConfirmJoinRequest(ctx, nr.ConfirmHash, time.Now())
	if err != nil || r.ID != id || r.Status != domain.JoinAwaitingReview || r.ConfirmedAt == nil {
		t.Fatalf("confirm = %+v, %v", r, err)
	}
	return id
}

func TestJoinRequestConfirmation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.Open(t, d)
		nr := newJoin("001191", "Comune di Pinerolo", domain.KindComune, "Anna@Example.it")
		id, err := s.CreateJoinRequest(ctx, nr, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.JoinRequest(ctx, id)
		if err != nil || r.Status != domain.JoinPendingConfirmation || r.Email != "anna@example.it" || r.HasRegulation != domain.AnswerYes ||
			r.RegulationURL != nr.RegulationURL || r.ConfirmedAt != nil {
			t.Fatalf("stored request = %+v, %v", r, err)
		}
		if _, err := s.ConfirmJoinRequest(ctx, auth.HashToken("nessuno"), time.Now()); !errors.Is(err, store.ErrLinkUnknown) {
			t.Errorf("bad token: %v, want ErrLinkUnknown", err)
		}
		if _, err := s.ConfirmJoinRequest(ctx, nr.ConfirmHash, time.Now().Add(72*time.Hour)); !errors.Is(err, store.ErrLinkExpired) {
			t.Errorf("late confirmation: %v, want ErrLinkExpired", err)
		}
		if _, err := s.ConfirmJoinRequest(ctx, nr.ConfirmHash, time.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ConfirmJoinRequest(ctx, nr.ConfirmHash, time.Now()); !errors.Is(err, store.ErrLinkUsed) {
			t.Errorf("second confirmation: %v, want ErrLinkUsed", err)
		}
		if r, _ := s.JoinRequest(ctx, id); r.Status != domain.JoinAwaitingReview {
			t.Errorf("status after a double confirmation = %s", r.Status)
		}

		// rate limiting: by address and by client
		n, err := s.CountRecentJoinRequests(ctx, "ANNA@example.it", "", time.Now().Add(-time.Hour))
		if err != nil || n != 1 {
			t.Errorf("recent by e-mail = %d, %v", n, err)
		}
		n, err = s.CountRecentJoinRequests(ctx, "altro@example.it", store.HashClientAddress("192.0.2.7"), time.Now().Add(-time.Hour))
		if err != nil || n != 1 {
			t.Errorf("recent by client = %d, %v", n, err)
		}
		n, err = s.CountRecentJoinRequests(ctx, "altro@example.it", store.HashClientAddress("198.51.100.1"), time.Now().Add(-time.Hour))
		if err != nil || n != 0 {
			t.Errorf("recent for someone else = %d, %v", n, err)
		}

		// an unconfirmed request is erased once its link has expired
		stale := newJoin("", "Unione dei Comuni Prova", domain.KindUnioneComuni, "stale@example.it")
		stale.ConfirmExpires = time.Now().Add(-time.Hour)
		staleID, err := s.CreateJoinRequest(ctx, stale, time.Now().Add(-49*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		gone, err := s.DeleteUnconfirmedJoinRequests(ctx, time.Now())
		if err != nil || gone != 1 {
			t.Errorf("deleted = %d, %v; want the stale one", gone, err)
		}
		if _, err := s.JoinRequest(ctx, staleID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("stale request still there: %v", err)
		}
		if _, err := s.JoinRequest(ctx, id); err != nil {
			t.Errorf("confirmed request erased: %v", err)
		}

		list, total, err := s.JoinRequests(ctx, store.JoinRequestFilter{Status: domain.JoinAwaitingReview, Limit: 10})
		if err != nil || total != 1 || len(list) != 1 || list[0].ID != id {
			t.Errorf("awaiting review = %v (%d), %v", list, total, err)
		}
	})
}

func TestJoinRequestAcceptCreatesBodyAndInvitation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		reg, err := istat.Load()
		if err != nil {
			t.Fatal(err)
		}
		// Pecetto Torinese is not in the default network.
		pecetto, ok := reg.Find("Pecetto Torinese", "TO")
		if !ok {
			t.Fatal("Pecetto Torinese not in the registry")
		}
		if l, err := s.LookupJoinBody(ctx, pecetto.Code, ""); err != nil || l.Found {
			t.Fatalf("lookup before = %+v, %v", l, err)
		}
		id := confirmedJoin(t, s, newJoin(pecetto.Code, "Comune di Pecetto Torinese", domain.KindComune, "sindaca@pecetto.example.it"))
		token, hash := auth.NewToken()
		var notified store.JoinAccepted
		acc, err := s.AcceptJoinRequest(ctx, coordinatorActor, id, store.JoinAcceptance{Registry: reg, Message: "Benvenuti!",
			JoinedOn: time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC), InviteHash: hash, InviteExpires: time.Now().Add(7 * 24 * time.Hour)},
			time.Now(), func(_ context.Context, a store.JoinAccepted) error { notified = a; return nil })
		if err != nil {
			t.Fatal(err)
		}
		if !acc.BodyCreated || !acc.Invited || acc.JoinedOn != "2026-12-04" || notified.BodyID != acc.BodyID {
			t.Errorf("accepted = %+v (notified %+v)", acc, notified)
		}
		if r := acc.Request; r.Status != domain.JoinAccepted || r.DecisionMessage != "Benvenuti!" || r.DecidedByEmail != coordinatorActor.Email ||
			r.DecidedAt == nil || r.BodyID != acc.BodyID || r.InvitedUserID != acc.UserID || r.JoinedOn != "2026-12-04" {
			t.Errorf("request after acceptance = %+v", r)
		}
		body, err := s.Body(ctx, "comune-di-pecetto-torinese")
		if err != nil {
			t.Fatal(err)
		}
		if body.ID != acc.BodyID || body.ISTATCode != pecetto.Code || body.ProvinceCode != "TO" || body.Region != "Piemonte" || body.Kind != domain.KindComune {
			t.Errorf("created body = %+v", body)
		}
		// the invitation is the existing one: an account without password,
		// referent of the body, and a single-use invitation link
		u, err := s.PeekUserToken(ctx, auth.HashToken(token), store.TokenInvite, time.Now())
		if err != nil || u.ID != acc.UserID || u.Role != auth.Referent || !u.CanEditBody(acc.BodyID) || u.Email != "sindaca@pecetto.example.it" {
			t.Errorf("invited account = %+v, %v", u, err)
		}
		l, err := s.LookupJoinBody(ctx, pecetto.Code, "")
		if err != nil || !l.Found || !l.Member || l.JoinedOn != "2026-12-04" || l.Body.ID != acc.BodyID {
			t.Errorf("lookup after = %+v, %v", l, err)
		}
		entries, _, err := s.AuditLog(ctx, store.AuditFilter{Entity: "join_request", EntityID: id})
		if err != nil || len(entries) != 1 || entries[0].Action != "accept" {
			t.Errorf("audit = %+v, %v", entries, err)
		}
		// a second decision changes nothing
		if _, err := s.DeclineJoinRequest(ctx, coordinatorActor, id, "no", time.Now()); !errors.Is(err, store.ErrJoinDecided) {
			t.Errorf("decline after accept: %v, want ErrJoinDecided", err)
		}
		if _, err := s.AcceptJoinRequest(ctx, coordinatorActor, id, store.JoinAcceptance{InviteHash: hash}, time.Now(), nil); !errors.Is(err, store.ErrJoinDecided) {
			t.Errorf("second accept: %v, want ErrJoinDecided", err)
		}
	})
}

func TestJoinRequestAcceptLinksAnExistingMember(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		// Chieri is a member since the first stage; its referent exists.
		chieri, err := s.Body(ctx, "comune-di-chieri")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateBodyProfile(ctx, coordinatorActor, chieri.ID, store.BodyProfile{ContactOffice: "Ufficio beni comuni, beni.comuni@chieri.example.it"}); err != nil {
			t.Fatal(err)
		}
		l, err := s.LookupJoinBody(ctx, "001078", "")
		if err != nil || !l.Found || !l.Member || l.Membership == nil || l.Membership.Activity.Slug != "chieri-2020" ||
			l.ContactOffice != "Ufficio beni comuni, beni.comuni@chieri.example.it" {
			t.Fatalf("lookup of a member = %+v, %v", l, err)
		}
		if l, err := s.LookupJoinBody(ctx, "", "comune di chieri"); err != nil || l.Body.ID != chieri.ID {
			t.Errorf("lookup by name = %+v, %v", l, err)
		}
		if l, err := s.LookupJoinBody(ctx, "", "comune di verona"); err != nil || !l.Found || l.Member {
			t.Errorf("a guest speaker is known but not a member: %+v, %v", l, err)
		}
		other, err := s.CreateUser(ctx, store.NewUser{Email: "giulia@chieri.example.it", Role: auth.Participant})
		if err != nil {
			t.Fatal(err)
		}
		id := confirmedJoin(t, s, newJoin("001078", "Comune di Chieri", domain.KindComune, "giulia@chieri.example.it"))
		_, hash := auth.NewToken()
		acc, err := s.AcceptJoinRequest(ctx, coordinatorActor, id, store.JoinAcceptance{InviteHash: hash, InviteExpires: time.Now().Add(time.Hour)}, time.Now(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if acc.BodyID != chieri.ID || acc.BodyCreated || acc.Invited || acc.UserID != other {
			t.Errorf("accepted = %+v, want Chieri linked and the existing account", acc)
		}
		u, err := s.User(ctx, other)
		if err != nil || u.Role != auth.Referent || !u.CanEditBody(chieri.ID) {
			t.Errorf("existing account = %+v, %v; want referent of Chieri", u, err)
		}
		if _, err := s.PeekUserToken(ctx, hash, store.TokenInvite, time.Now()); !errors.Is(err, store.ErrTokenInvalid) {
			t.Errorf("an existing account got an invitation link: %v", err)
		}

		// another kind of body, named: created with its kind
		id = confirmedJoin(t, s, newJoin("", "Unione Montana Valle Prova", domain.KindUnioneComuni, "unione@example.it"))
		_, hash = auth.NewToken()
		acc, err = s.AcceptJoinRequest(ctx, coordinatorActor, id, store.JoinAcceptance{InviteHash: hash, InviteExpires: time.Now().Add(time.Hour)}, time.Now(), nil)
		if err != nil || !acc.BodyCreated || !acc.Invited {
			t.Fatalf("accept a named body = %+v, %v", acc, err)
		}
		b, err := s.Body(ctx, "unione-montana-valle-prova")
		if err != nil || b.Kind != domain.KindUnioneComuni || b.ID != acc.BodyID {
			t.Errorf("named body = %+v, %v", b, err)
		}

		// a failing notification leaves nothing behind
		id = confirmedJoin(t, s, newJoin("", "Comune Immaginario", domain.KindComune, "nessuno@example.it"))
		_, hash = auth.NewToken()
		_, err = s.AcceptJoinRequest(ctx, coordinatorActor, id, store.JoinAcceptance{InviteHash: hash, InviteExpires: time.Now().Add(time.Hour)}, time.Now(),
			func(context.Context, store.JoinAccepted) error { return errors.New("smtp down") })
		if err == nil {
			t.Fatal("accept with a failing e-mail succeeded")
		}
		if r, _ := s.JoinRequest(ctx, id); r.Status != domain.JoinAwaitingReview {
			t.Errorf("status after a failed acceptance = %s", r.Status)
		}
		if _, err := s.Body(ctx, "comune-immaginario"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("body left behind: %v", err)
		}
		if _, err := s.UserByEmail(ctx, "nessuno@example.it"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("account left behind: %v", err)
		}
	})
}

func TestJoinRequestDecline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.Open(t, d)
		nr := newJoin("", "Associazione Prova", domain.KindAssociazione, "asso@example.it")
		pending, err := s.CreateJoinRequest(ctx, nr, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.DeclineJoinRequest(ctx, coordinatorActor, pending, "Non ancora confermata", time.Now()); !errors.Is(err, store.ErrJoinDecided) {
			t.Errorf("decline of an unconfirmed request: %v, want ErrJoinDecided", err)
		}
		if _, err := s.ConfirmJoinRequest(ctx, nr.ConfirmHash, time.Now()); err != nil {
			t.Fatal(err)
		}
		r, err := s.DeclineJoinRequest(ctx, coordinatorActor, pending, "La rete accoglie enti pubblici.", time.Now())
		if err != nil || r.Status != domain.JoinDeclined || r.DecisionMessage != "La rete accoglie enti pubblici." || r.DecidedAt == nil || r.BodyID != 0 {
			t.Errorf("declined = %+v, %v", r, err)
		}
		entries, _, err := s.AuditLog(ctx, store.AuditFilter{Entity: "join_request"})
		if err != nil || len(entries) != 1 || entries[0].Action != "decline" {
			t.Errorf("audit = %+v, %v", entries, err)
		}
		_, total, err := s.Bodies(ctx, store.BodyFilter{})
		if err != nil || total != 0 {
			t.Errorf("a declined request created %d bodies (%v)", total, err)
		}
		all, total, err := s.JoinRequests(ctx, store.JoinRequestFilter{})
		if err != nil || total != 1 || !slices.ContainsFunc(all, func(r store.JoinRequest) bool { return r.Status == domain.JoinDeclined }) {
			t.Errorf("list = %v (%d), %v", all, total, err)
		}
		// erased on request: the row goes, the audit log keeps the fact
		if err := s.DeleteJoinRequest(ctx, coordinatorActor, pending); err != nil {
			t.Fatal(err)
		}
		if _, err := s.JoinRequest(ctx, pending); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted request: %v", err)
		}
		entries, _, err = s.AuditLog(ctx, store.AuditFilter{Entity: "join_request", Action: "delete"})
		if err != nil || len(entries) != 1 || entries[0].Label != "Associazione Prova" {
			t.Errorf("audit of the deletion = %+v, %v", entries, err)
		}
	})
}
