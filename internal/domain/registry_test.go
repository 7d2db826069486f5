package domain

import (
	"encoding/json"
	"testing"
	"time"
)

func TestPactTransitions(t *testing.T) {
	allowed := map[[2]PactStatus]bool{
		{PactProposed, PactInReview}: true, {PactInReview, PactAwaitingDocs}: true, {PactAwaitingDocs, PactInReview}: true,
		{PactInReview, PactSigned}: true, {PactSigned, PactActive}: true, {PactActive, PactExtended}: true,
		{PactExtended, PactConcluded}: true, {PactConcluded, PactArchived}: true, {PactInReview, PactRejected}: true,
	}
	for pair := range allowed {
		if err := CheckTransition(pair[0], pair[1]); err != nil {
			t.Errorf("%s → %s refused: %v", pair[0], pair[1], err)
		}
	}
	refused := [][2]PactStatus{{PactProposed, PactSigned}, {PactProposed, PactConcluded}, {PactRejected, PactSigned},
		{PactArchived, PactProposed}, {PactActive, PactProposed}, {PactSigned, PactInReview}, {PactProposed, "firmato"}}
	for _, pair := range refused {
		if err := CheckTransition(pair[0], pair[1]); err == nil {
			t.Errorf("%s → %s allowed", pair[0], pair[1])
		}
	}
	for _, s := range PactStatuses {
		if !s.Valid() {
			t.Errorf("%s not valid", s)
		}
		for _, n := range s.Next() {
			if !n.Valid() {
				t.Errorf("%s leads to unknown %s", s, n)
			}
		}
	}
	if len(PactArchived.Next()) != 0 {
		t.Error("an archived pact moves on")
	}
}

func TestRegulationStatusExportsUnknownAsNull(t *testing.T) {
	type row struct {
		S RegulationStatus `json:"s"`
	}
	for s, want := range map[RegulationStatus]string{RegulationUnknown: `{"s":null}`, RegulationAdopted: `{"s":"adopted"}`, RegulationNotAdopted: `{"s":"not_adopted"}`} {
		b, err := json.Marshal(row{s})
		if err != nil || string(b) != want {
			t.Errorf("%q → %s, %v; want %s", s, b, err, want)
		}
		var back row
		if err := json.Unmarshal(b, &back); err != nil || back.S != s {
			t.Errorf("round trip of %q = %q, %v", s, back.S, err)
		}
	}
	if RegulationUnknown.Bool() != nil || *RegulationNotAdopted.Bool() || RegulationUnknown.CSV() != "" || RegulationNotAdopted.CSV() != "false" {
		t.Error("Bool/CSV of the statuses")
	}
}

func TestValidatePactDates(t *testing.T) {
	d := func(s string) *time.Time { v, _ := time.Parse(time.DateOnly, s); return &v }
	m := 12
	got, err := ValidatePactDates(d("2024-01-31"), &m, nil)
	if err != nil || got.Format(time.DateOnly) != "2025-01-31" {
		t.Errorf("derived = %v, %v", got, err)
	}
	if _, err := ValidatePactDates(d("2024-01-31"), &m, d("2025-02-01")); err == nil {
		t.Error("a mismatched end date passed")
	}
	if _, err := ValidatePactDates(d("2024-01-31"), nil, d("2023-02-01")); err == nil {
		t.Error("an end before signing passed")
	}
	if got, err := ValidatePactDates(nil, nil, d("2023-02-01")); err != nil || got == nil {
		t.Errorf("an entered end date alone = %v, %v", got, err)
	}
}
