package store_test

import (
	"context"
	"testing"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

func TestRegulationCoverageByYear(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := storetest.OpenDefault(t, d)
		chieri := bodyID(t, s, "comune-di-chieri")
		ms, err := s.Memberships(ctx, []int64{chieri})
		if err != nil || ms[chieri].Activity.ID == 0 {
			t.Fatalf("Chieri is not a member: %v", err)
		}
		joined := ms[chieri].Activity.StartsOn.Year()
		before, err := s.RegulationCoverageByYear(ctx)
		if err != nil || len(before) == 0 {
			t.Fatalf("coverage = %v, %v", before, err)
		}
		for _, c := range before {
			if c.Adopted != 0 {
				t.Errorf("default data: %d adopted in %d, want 0 (not known)", c.Adopted, c.Year)
			}
		}
		if err := s.SetRegulation(ctx, coordinator, chieri, store.RegulationInput{Status: domain.RegulationAdopted, ActDate: day("2023-04-01")}); err != nil {
			t.Fatal(err)
		}
		after, err := s.RegulationCoverageByYear(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range after {
			want := 0
			if c.Year >= 2023 && c.Year >= joined {
				want = 1
			}
			if c.Adopted != want {
				t.Errorf("%d: %d adopted of %d members, want %d", c.Year, c.Adopted, c.Members, want)
			}
		}
	})
}
