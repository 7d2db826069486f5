package store_test

import (
	"context"
	"slices"
	"testing"

	"benicommunity/internal/dataset"
	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func names(refs []domain.BodyRef) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.Name
	}
	return out
}

func TestDefaultDataset(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)

		counters, err := s.Counters(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, c := range counters {
			got[c.Type.Name] = c.Total()
		}
		want := map[string]int{"Eventi pubblici": 35, "Formazione": 34, "Co-progettazione": 128, "Beni community": 3, "Networking": 35}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("counter %s = %d, want %d", k, got[k], v)
			}
		}

		stages, total, err := s.Activities(ctx, store.ActivityFilter{StagesOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if total != 5 || len(stages) != 5 {
			t.Fatalf("stages = %d (total %d), want 5", len(stages), total)
		}
		wantOrder := []string{"chieri-2020", "collegno-2021", "genova-2021", "sant-antonino-di-susa-2021", "barge-2022"}
		for i, st := range stages {
			if st.Slug != wantOrder[i] {
				t.Errorf("stage %d = %s, want %s", i, st.Slug, wantOrder[i])
			}
		}
		if stages[0].StartsOn.Format("2006-01-02") != "2020-12-11" {
			t.Errorf("Chieri date = %v", stages[0].StartsOn)
		}
		if len(stages[0].Hosts) != 1 || stages[0].Hosts[0].Name != "Comune di Chieri" {
			t.Errorf("Chieri hosts = %v", stages[0].Hosts)
		}
		if stages[0].NamedBodies != 7 {
			t.Errorf("Chieri named bodies = %d, want 7", stages[0].NamedBodies)
		}

		newAt := func(slug string) []string {
			t.Helper()
			det, err := s.ActivityDetail(ctx, slug)
			if err != nil {
				t.Fatal(err)
			}
			return names(det.NewBodies)
		}
		genova := newAt("genova-2021")
		wantGenova := []string{"Città metropolitana di Genova", "Comune di Asti", "Comune di Barge", "Comune di Cogoleto", "Comune di Davagna",
			"Comune di Genova", "Comune di Ronco Biellese", "Comune di Savignone", "Comune di Sestri Levante", "Comune di Valenza"}
		if !slices.Equal(genova, wantGenova) {
			t.Errorf("new at Genova = %v\nwant %v", genova, wantGenova)
		}
		if got := newAt("sant-antonino-di-susa-2021"); !slices.Equal(got, []string{"Comune di Aramengo", "Comune di Savona"}) {
			t.Errorf("new at Sant'Antonino = %v", got)
		}
		if got := newAt("barge-2022"); len(got) != 0 {
			t.Errorf("new at Barge = %v, want none", got)
		}
		if got := newAt("chieri-2020"); len(got) != 7 {
			t.Errorf("new at Chieri = %v, want the 7 founders", got)
		}
		collegno := newAt("collegno-2021")
		if slices.Contains(collegno, "ANCI Piemonte") || slices.Contains(collegno, "Comune di Torino") || len(collegno) != 8 {
			t.Errorf("new at Collegno = %v", collegno)
		}

		det, err := s.ActivityDetail(ctx, "barge-2022")
		if err != nil {
			t.Fatal(err)
		}
		if det.StageNumber != 5 || len(det.Tables) != 3 || *det.Declared.People != 50 || *det.Declared.Bodies != 24 {
			t.Errorf("Barge detail = stage %d, %d tables, figures %+v", det.StageNumber, len(det.Tables), det.Declared)
		}
	})
}

func TestInitialDataIsLoadedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		if err := s.EnsureInitialData(ctx, store.InitialDefault, dataset.Default, storetest.Discard()); err != nil {
			t.Fatalf("second start: %v", err)
		}
		_, total, err := s.Activities(ctx, store.ActivityFilter{IncludeHidden: true})
		if err != nil {
			t.Fatal(err)
		}
		if total != 5 {
			t.Errorf("activities after a second start = %d, want 5", total)
		}
	})
}

func TestEmptyStart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.Open(t, d)
		if err := s.EnsureInitialData(ctx, store.InitialEmpty, dataset.Default, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		n, err := s.Network(ctx)
		if err != nil || n.Name != "benicommunity" {
			t.Fatalf("network = %+v, %v", n, err)
		}
		// A later start asking for default data must not load it into a network that chose to start empty.
		if err := s.EnsureInitialData(ctx, store.InitialDefault, dataset.Default, storetest.Discard()); err != nil {
			t.Fatal(err)
		}
		_, total, err := s.Bodies(ctx, store.BodyFilter{})
		if err != nil || total != 0 {
			t.Fatalf("bodies = %d, %v; want 0", total, err)
		}
	})
}
