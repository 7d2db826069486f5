package store_test

import (
	"context"
	"slices"
	"testing"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func TestNetworkRegionsComeFromMemberBodies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := storetest.OpenDefault(t, d)
		got, err := s.NetworkRegions(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		// Verona (Veneto) only spoke at a stage: it never joined, so its
		// region is not the network's.
		if want := []string{"Liguria", "Piemonte"}; !slices.Equal(got, want) {
			t.Errorf("network regions = %v, want %v", got, want)
		}
	})
}

// loadRevision1 gives a database as the first revision of the default data
// left it: loaded from the old default.json, with no revision recorded.
func loadRevision1(t *testing.T, d store.Dialect) *store.Store {
	t.Helper()
	s := storetest.Open(t, d)
	old, ok, err := dataset.DefaultAt(1)
	if err != nil || !ok {
		t.Fatalf("revision 1: %v %v", ok, err)
	}
	old.Settings = map[string]string{"initial_data": "default"}
	if err := s.InTx(context.Background(), func(tx *store.Tx) error { return tx.LoadDataset(context.Background(), old) }); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDefaultTextsAreCorrectedInAnUntouchedDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := loadRevision1(t, d)
		if hits, err := s.Search(ctx, store.SearchQuery{Text: "raddoppiati", Limit: 5}); err != nil || hits.Total == 0 {
			t.Fatalf("revision 1 should be searchable by its old text: %+v, %v", hits, err)
		}

		// A coordinatorActor has rewritten the Barge stage: it must stay as written.
		barge, err := s.ActivityDetail(ctx, "barge-2022")
		if err != nil {
			t.Fatal(err)
		}
		in := store.ActivityInputOf(barge)
		in.Description = "Testo scritto dal coordinamento."
		if err := s.UpdateActivity(ctx, store.Actor{Email: "coord@example.it"}, barge.ID, in); err != nil {
			t.Fatal(err)
		}

		if err := s.EnsureInitialData(ctx, store.InitialDefault, dataset.Default, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		cur, err := dataset.Default()
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.Network(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n.Description != cur.Network.Description || n.Area != "" {
			t.Errorf("network = %+v, want the corrected description and no typed regions", n)
		}
		collegno, err := s.ActivityDetail(ctx, "collegno-2021")
		if err != nil {
			t.Fatal(err)
		}
		want := cur.Activities[1]
		if collegno.Summary != want.Summary || collegno.Description != want.Description || collegno.OutcomeShared {
			t.Errorf("Collegno not corrected: summary %q, outcome shared %v", collegno.Summary, collegno.OutcomeShared)
		}
		chieri, err := s.ActivityDetail(ctx, "chieri-2020")
		if err != nil || !chieri.OutcomeShared {
			t.Errorf("Chieri outcome shared = %v, %v; the source says it was", chieri.OutcomeShared, err)
		}
		barge, err = s.ActivityDetail(ctx, "barge-2022")
		if err != nil {
			t.Fatal(err)
		}
		if barge.Description != "Testo scritto dal coordinamento." || !barge.OutcomeShared {
			t.Errorf("edited Barge changed: %q, outcome shared %v", barge.Description, barge.OutcomeShared)
		}
		if hits, err := s.Search(ctx, store.SearchQuery{Text: "raddoppiati", Limit: 5}); err != nil || hits.Total != 0 {
			t.Errorf("search still finds the old text: %+v, %v", hits, err)
		}
		entries, total, err := s.AuditLog(ctx, store.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		revised := 0
		for _, e := range entries {
			if e.Action == "revise_default" {
				revised++
			}
		}
		if revised == 0 {
			t.Error("the corrections are not in the audit log")
		}

		// A later start changes nothing more.
		if err := s.UpdateActivity(ctx, store.Actor{Email: "coord@example.it"}, barge.ID, func() store.ActivityInput {
			in := store.ActivityInputOf(barge)
			in.Description = "Testo di nuovo modificato."
			return in
		}()); err != nil {
			t.Fatal(err)
		}
		if err := s.EnsureInitialData(ctx, store.InitialDefault, dataset.Default, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		_, totalAgain, err := s.AuditLog(ctx, store.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if totalAgain != total+1 {
			t.Errorf("a second start wrote %d audit entries, want only the edit", totalAgain-total)
		}
	})
}

func TestDefaultTextsAreNotRevisedInOtherNetworks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.Open(t, d)
		old, _, err := dataset.DefaultAt(1)
		if err != nil {
			t.Fatal(err)
		}
		old.Settings = map[string]string{"initial_data": "import"}
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.LoadDataset(ctx, old) }); err != nil {
			t.Fatal(err)
		}
		if err := s.EnsureInitialData(ctx, store.InitialDefault, dataset.Default, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		n, err := s.Network(ctx)
		if err != nil || n.Area != old.Network.Area {
			t.Errorf("an imported network was revised: %+v, %v", n, err)
		}
	})
}
