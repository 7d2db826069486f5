package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func counterOf(t *testing.T, s *store.Store, typeID int64) int {
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
	t.Fatalf("no counter for type %d", typeID)
	return 0
}

func TestActivityLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		who := store.Actor{Email: "coord@example.it"}
		typ, _ := s.ActivityType(ctx, "co-progettazione")
		comms, _ := s.Communities(ctx)
		chieri, _ := s.Body(ctx, "comune-di-chieri")
		torino, _ := s.Body(ctx, "comune-di-torino")
		people, sindaci := 40, 3
		cid := comms[0].ID
		in := store.ActivityInput{Slug: "tappa-prova", Title: "Tappa di prova", TypeID: typ.ID, CommunityID: &cid, IsStage: true,
			StartsOn: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC), StartTime: "17:00", EndTime: "19:00", Format: domain.FormatInPerson,
			Venue: "Piazza Cavour 1, Torino", Description: "## Programma\n\n- saluti", Declared: domain.Figures{People: &people, PeopleApprox: true},
			Themes:         []string{"Comunicazione interna", "Un tema nuovo", "un tema nuovo"},
			Tables:         []store.TableInput{{Title: "Tavolo A", Theme: "Un tema nuovo", Outcome: "Esito A"}},
			Roles:          []domain.DeclaredRole{{Role: domain.PersonSindaco, People: &sindaci}, {Role: domain.PersonTecnico}},
			Participations: []store.ParticipationInput{{BodyID: chieri.ID, Role: domain.RoleHost}, {BodyID: torino.ID, Role: domain.RoleAttendee, Note: "due uffici"}}}
		before := counterOf(t, s, typ.ID)
		id, err := s.CreateActivity(ctx, who, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateActivity(ctx, who, in); !errors.Is(err, store.ErrConflict) {
			t.Errorf("same slug twice: %v, want ErrConflict", err)
		}
		got, err := s.ActivityDetailByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != domain.StatusDraft || got.StartTime != "17:00" || got.StartsOn.Format("2006-01-02") != "2026-03-14" ||
			len(got.Themes) != 2 || len(got.Tables) != 1 || got.Tables[0].Theme == nil || got.Tables[0].Theme.Name != "Un tema nuovo" ||
			len(got.Roles) != 2 || len(got.Participations) != 2 || *got.Declared.People != 40 || !got.Declared.PeopleApprox {
			t.Errorf("created activity = %+v", got)
		}
		if counterOf(t, s, typ.ID) != before {
			t.Error("a draft raised the counter")
		}
		if err := s.SetActivityStatus(ctx, who, id, domain.StatusPublished, "publish"); err != nil {
			t.Fatal(err)
		}
		if c := counterOf(t, s, typ.ID); c != before+1 {
			t.Errorf("counter after publishing = %d, want %d", c, before+1)
		}
		// Editing replaces the lists.
		in.Title = "Tappa di prova, rinviata"
		in.Tables = nil
		in.Participations = in.Participations[:1]
		in.Themes = []string{"Comunicazione interna"}
		if err := s.UpdateActivity(ctx, who, id, in); err != nil {
			t.Fatal(err)
		}
		got, _ = s.ActivityDetailByID(ctx, id)
		if got.Title != in.Title || len(got.Tables) != 0 || len(got.Participations) != 1 || len(got.Themes) != 1 || got.Status != domain.StatusPublished {
			t.Errorf("updated activity = %+v", got)
		}
		if err := s.SetActivityStatus(ctx, who, id, domain.StatusCancelled, "cancel"); err != nil {
			t.Fatal(err)
		}
		if c := counterOf(t, s, typ.ID); c != before {
			t.Errorf("counter after cancelling = %d, want %d", c, before)
		}
		// A failed update writes nothing, not even its audit record.
		bad := in
		bad.Participations = []store.ParticipationInput{{BodyID: 999999, Role: domain.RoleHost}}
		if err := s.UpdateActivity(ctx, who, id, bad); err == nil {
			t.Error("an update naming a missing body succeeded")
		}
		if got2, _ := s.ActivityDetailByID(ctx, id); len(got2.Participations) != 1 {
			t.Errorf("a failed update changed the participations: %+v", got2.Participations)
		}
		if err := s.DeleteActivity(ctx, who, id); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ActivityDetailByID(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted activity still loads: %v", err)
		}
		log, total, _ := s.AuditLog(ctx, store.AuditFilter{Entity: "activity", EntityID: id, Asc: true})
		actions := []string{}
		for _, e := range log {
			actions = append(actions, e.Action)
		}
		want := []string{"create", "publish", "update", "cancel", "delete"}
		if total != len(want) {
			t.Fatalf("audit actions = %v, want %v", actions, want)
		}
		for i := range want {
			if actions[i] != want[i] {
				t.Errorf("audit actions = %v, want %v", actions, want)
				break
			}
		}
		if log[2].Before == "" || log[2].After == "" || log[4].After != "" {
			t.Errorf("audit snapshots missing: update %q → %q; delete after %q", log[2].Before, log[2].After, log[4].After)
		}
	})
}

func TestAdminActivitiesListing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := storetest.OpenDefault(t, d)
		ctx := context.Background()
		all, total, err := s.AdminActivities(ctx, store.AdminActivityFilter{Sort: "title", Limit: 2})
		if err != nil || len(all) != 2 || total < 5 || all[0].Title > all[1].Title {
			t.Errorf("sorted page = %+v, total %d, %v", all, total, err)
		}
		found, total, err := s.AdminActivities(ctx, store.AdminActivityFilter{Query: "GENOVA"})
		if err != nil || total != 1 || found[0].Slug != "genova-2021" {
			t.Errorf("search genova = %+v, %d, %v", found, total, err)
		}
	})
}

func TestMergeBodies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		who := store.Actor{Email: "coord@example.it"}
		keep, _ := s.Body(ctx, "comune-di-chieri")
		dupID, err := s.CreateBodyAudited(ctx, who, store.BodyInput{Slug: "chieri-doppione", Name: "Città di Chieri", Kind: "comune"})
		if err != nil {
			t.Fatal(err)
		}
		typ, _ := s.ActivityType(ctx, "networking")
		id, err := s.CreateActivity(ctx, who, store.ActivityInput{Slug: "x", Title: "X", TypeID: typ.ID, StartsOn: time.Now(), Format: domain.FormatOnline,
			Participations: []store.ParticipationInput{{BodyID: dupID, Role: domain.RoleAttendee}, {BodyID: dupID, Role: domain.RolePartner}, {BodyID: keep.ID, Role: domain.RolePartner}}})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetBodyLogo(ctx, who, dupID, "image/png", []byte("\x89PNG\r\n\x1a\nlogo")); err != nil {
			t.Fatal(err)
		}
		if err := s.MergeBodies(ctx, who, keep.ID, keep.ID); err == nil {
			t.Error("merging a body into itself succeeded")
		}
		if err := s.MergeBodies(ctx, who, keep.ID, dupID); err != nil {
			t.Fatal(err)
		}
		got, _ := s.ActivityDetailByID(ctx, id)
		roles := map[domain.ParticipationRole]int64{}
		for _, p := range got.Participations {
			roles[p.Role] = p.Body.ID
		}
		if len(got.Participations) != 2 || roles[domain.RoleAttendee] != keep.ID || roles[domain.RolePartner] != keep.ID {
			t.Errorf("participations after merge = %+v", got.Participations)
		}
		if _, err := s.Body(ctx, "chieri-doppione"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the duplicate still exists: %v", err)
		}
		if l, err := s.Logo(ctx, keep.ID); err != nil || l.ContentType != "image/png" {
			t.Errorf("the logo did not move: %v", err)
		}
		if _, total, _ := s.AuditLog(ctx, store.AuditFilter{Action: "merge"}); total != 1 {
			t.Errorf("merge audit entries = %d", total)
		}
	})
}

func TestAttachmentsStored(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		act, _ := s.Activity(ctx, "genova-2021")
		data := append([]byte("%PDF-1.7\n"), make([]byte, 3000)...)
		id, err := s.AddAttachment(ctx, store.Actor{}, store.NewAttachment{ActivityID: act.ID, Section: "outcome", Filename: "esiti.pdf", ContentType: "application/pdf", Data: data})
		if err != nil {
			t.Fatal(err)
		}
		list, _ := s.Attachments(ctx, act.ID)
		if len(list) != 1 || list[0].Size != int64(len(data)) || list[0].Section != "outcome" || len(list[0].SHA256) != 64 {
			t.Errorf("list = %+v", list)
		}
		f, err := s.AttachmentFile(ctx, id)
		if err != nil || string(f.Data) != string(data) {
			t.Errorf("bytes differ after a round trip: %v", err)
		}
		if _, err := s.DeleteAttachment(ctx, store.Actor{}, id); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AttachmentFile(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted attachment loads: %v", err)
		}
	})
}

func TestTypeBaselineMovesCounter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		typ, _ := s.ActivityType(ctx, "beni-community")
		before := counterOf(t, s, typ.ID)
		if err := s.UpdateActivityType(ctx, store.Actor{}, typ.ID, store.TypeInput{Name: typ.Name, Baseline: typ.Baseline + 7}); err != nil {
			t.Fatal(err)
		}
		if c := counterOf(t, s, typ.ID); c != before+7 {
			t.Errorf("counter = %d, want %d", c, before+7)
		}
		if _, err := s.CreateActivityType(ctx, store.Actor{}, store.TypeInput{Slug: "beni-community", Name: "Doppio"}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("duplicate type slug: %v", err)
		}
	})
}
