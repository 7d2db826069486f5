package i18n

import (
	"encoding/json"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func mustBundle(t *testing.T) *Bundle {
	t.Helper()
	b, err := NewBundle()
	if err != nil {
		t.Fatalf("NewBundle: %v", err)
	}
	return b
}

func catalogueFS(it, en string) fstest.MapFS {
	return fstest.MapFS{
		"locales/it.json": {Data: []byte(it)},
		"locales/en.json": {Data: []byte(en)},
	}
}

func newTestBundle(t *testing.T, it, en string) *Bundle {
	t.Helper()
	b, err := newBundle(catalogueFS(it, en))
	if err != nil {
		t.Fatalf("newBundle: %v", err)
	}
	return b
}

func TestMatch(t *testing.T) {
	b := mustBundle(t)
	tests := []struct {
		query, header, want string
	}{
		{"", "", "it"},
		{"en", "", "en"},
		{"it", "", "it"},
		{"EN", "", "en"},
		{" en ", "", "en"},
		{"it", "en-GB,en;q=0.9", "it"},
		{"en", "it-IT,it;q=0.9", "en"},
		{"", "en-GB,en;q=0.9", "en"},
		{"", "en-US", "en"},
		{"", "it-CH", "it"},
		{"", "fr", "it"},
		{"", "fr-FR,fr;q=0.9,en;q=0.5", "en"},
		{"", "de;q=0.9, it;q=0.5, en;q=0.8", "en"},
		{"", "en;q=0", "it"},
		{"", "*", "it"},
		{"", "garbage!!", "it"},
		{"", ";;;,,q=", "it"},
		{"fr", "en", "en"},
		{"garbage!!", "en", "en"},
		{"fr", "", "it"},
	}
	for _, tt := range tests {
		if got := b.Match(tt.query, tt.header).Lang(); got != tt.want {
			t.Errorf("Match(%q, %q) = %q, want %q", tt.query, tt.header, got, tt.want)
		}
	}
}

func TestLocalizer(t *testing.T) {
	b := mustBundle(t)
	for lang, want := range map[string]string{"it": "it", "en": "en", "en-GB": "en", "": "it", "fr": "it", "??": "it"} {
		if got := b.Localizer(lang).Lang(); got != want {
			t.Errorf("Localizer(%q).Lang() = %q, want %q", lang, got, want)
		}
	}
	if b.Localizer("en") != b.Match("", "en") {
		t.Error("localizers of one language should be shared, not rebuilt per call")
	}
}

func TestIDs(t *testing.T) {
	b := newTestBundle(t, `{"b": "B", "a": "A", "c": {"one": "c", "other": "cs"}}`, `{"c": "C"}`)
	if got, want := b.IDs("it"), []string{"a", "b", "c"}; !slices.Equal(got, want) {
		t.Errorf("IDs(it) = %v, want %v", got, want)
	}
	if got, want := b.IDs("en"), []string{"c"}; !slices.Equal(got, want) {
		t.Errorf("IDs(en) = %v, want %v", got, want)
	}
	if got := b.IDs("fr"); got != nil {
		t.Errorf("IDs(fr) = %v, want nil", got)
	}
	ids := b.IDs("it")
	ids[0] = "changed"
	if b.IDs("it")[0] != "a" {
		t.Error("IDs exposes the bundle's own slice")
	}
}

func TestEmbeddedEnglishIDsExistInItalian(t *testing.T) {
	b := mustBundle(t)
	it := b.IDs("it")
	if len(it) == 0 {
		t.Fatal("the Italian catalogue is empty")
	}
	for _, id := range b.IDs("en") {
		if _, found := slices.BinarySearch(it, id); !found {
			t.Errorf("id %q is in en.json but not in it.json", id)
		}
	}
}

// TestEmbeddedItalianIDsHaveEnglish keeps English pages and e-mails free of
// Italian fallbacks: every feature catalogue is complete in both languages.
func TestEmbeddedItalianIDsHaveEnglish(t *testing.T) {
	b := mustBundle(t)
	en := b.IDs("en")
	for _, id := range b.IDs("it") {
		if _, found := slices.BinarySearch(en, id); !found {
			t.Errorf("id %q is in Italian but has no English text", id)
		}
	}
}

// TestEmbeddedCataloguesSorted keeps the files easy to merge: one flat
// object, ids in byte order, no duplicates.
func TestEmbeddedCataloguesSorted(t *testing.T) {
	names, err := fs.Glob(localeFiles, "locales/*.json")
	if err != nil || len(names) < 2 {
		t.Fatalf("catalogue files = %v, %v", names, err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(localeFiles, name)
		if err != nil {
			t.Fatal(err)
		}
		keys := topLevelKeys(t, data)
		for i := 1; i < len(keys); i++ {
			if keys[i-1] >= keys[i] {
				t.Errorf("%s: id %q comes after %q: keep ids sorted and unique", name, keys[i], keys[i-1])
			}
		}
	}
}

func topLevelKeys(t *testing.T, data []byte) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(data)))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("want a JSON object, got %v, %v", tok, err)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func TestNewBundleRejectsBadCatalogues(t *testing.T) {
	tests := []struct {
		name, it, en, wantErr string
	}{
		{"malformed Italian", `{"a": "A",}`, `{}`, "it.json"},
		{"malformed English", `{"a": "A"}`, `{"a": `, "en.json"},
		{"not an object", `["a"]`, `{}`, "it.json"},
		{"English id missing in Italian", `{"a": "A"}`, `{"a": "A", "b": "B"}`, `"b"`},
		{"empty text", `{"a": ""}`, `{}`, `"a"`},
		{"null text", `{"a": null}`, `{}`, `"a"`},
		{"number", `{"a": 3}`, `{}`, `"a"`},
		{"nested ids", `{"nav": {"home": "Home"}}`, `{}`, `"home"`},
		{"plural without other", `{"a": {"one": "uno"}}`, `{}`, `"other"`},
		{"misspelt form", `{"a": {"one": "uno", "ohter": "altri"}}`, `{}`, `"ohter"`},
		{"template syntax", `{"a": "{{.Count"}`, `{}`, `"a"`},
		{"empty id", `{"": "x"}`, `{}`, "empty id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newBundle(catalogueFS(tt.it, tt.en))
			if err == nil {
				t.Fatal("want an error, got nil")
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not mention %s", err, tt.wantErr)
			}
		})
	}
	if _, err := newBundle(fstest.MapFS{"locales/it.json": {Data: []byte(`{}`)}}); err == nil {
		t.Error("a missing English file should be an error")
	}
}
