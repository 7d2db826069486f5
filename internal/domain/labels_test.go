package domain_test

import (
	"slices"
	"testing"

	"benicommunity/internal/domain"
	"benicommunity/internal/i18n"
)

// Every registry label the domain names is in both catalogues.
func TestRegistryLabelsInCatalogue(t *testing.T) {
	b, err := i18n.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{domain.RegulationUnknown.LabelKey()}
	for _, s := range domain.RegulationStatuses {
		keys = append(keys, s.LabelKey())
	}
	for _, s := range domain.PactStatuses {
		keys = append(keys, s.LabelKey())
	}
	for _, k := range domain.ProposerKinds {
		keys = append(keys, k.LabelKey())
	}
	for _, lang := range []string{"it", "en"} {
		ids := b.IDs(lang)
		for _, k := range keys {
			if !slices.Contains(ids, k) {
				t.Errorf("%s catalogue lacks %s", lang, k)
			}
		}
	}
	if got := b.Localizer("it").T(domain.RegulationUnknown.LabelKey()); got != "non indicato" {
		t.Errorf("unknown regulation reads %q", got)
	}
}
