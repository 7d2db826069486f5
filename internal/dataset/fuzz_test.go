package dataset

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseArchive feeds any bytes to the archive reader and the checks
// import runs before writing: no panic; an archive that passes them holds
// only clean text, and encoding it again reads back the same.
func FuzzParseArchive(f *testing.F) {
	// Small seeds: the fuzzer minimises every new input it keeps, which
	// takes minutes on the 22 KB default dataset.
	f.Add([]byte(`{"format":"benicommunity-archive","version":1,"network":{"name":"Rete","tagline":"t","description":"d\nd","area":"a"},` +
		`"communities":[{"slug":"c","name":"C","description":""}],"activity_types":[{"slug":"t","name":"T","description":"","baseline":1}],` +
		`"themes":[{"slug":"th","name":"Tema"}],"bodies":[{"slug":"b","name":"Comune di B","kind":"comune","latitude":45.1}],` +
		`"activities":[{"slug":"a","title":"Tappa","type":"t","stage":true,"status":"published","date":"2026-03-01","format":"in_person",` +
		`"summary":"s","description":"d","outcome_shared":false,"declared":{},"themes":["th"],"tables":[{"title":"T1","outcome":"o"}],` +
		`"participations":[{"body":"b","role":"host","note":"n"}]}]}`))
	f.Add([]byte(`{"format":"benicommunity-archive","version":1,"network":{"name":"R\u0000"}}`))
	f.Add([]byte(`{"format":"benicommunity-archive","version":1,"bodies":[{"slug":"a","name":"\ud800"}]}`))
	f.Add([]byte(`{"format":"benicommunity-archive","version":99}`))
	f.Add([]byte(`{"network":{"name":"x"},"unknown":1}`))
	f.Add([]byte("{\"bodies\":[{\"slug\":\"a\",\"name\":\"\xff\"}]}"))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := Parse(data)
		if err != nil {
			return
		}
		if ds.CheckText() == nil {
			if err := checkValue(reflect.ValueOf(ds), "", ""); err != nil {
				t.Fatalf("CheckText passed, the walker did not: %v", err)
			}
			enc, err := json.Marshal(ds)
			if err != nil {
				t.Fatalf("encode a parsed archive: %v", err)
			}
			if !utf8.Valid(enc) || bytes.Contains(enc, []byte(`\u0000`)) {
				t.Fatalf("clean text encodes to %q", enc)
			}
			again, err := Parse(enc)
			if err != nil {
				t.Fatalf("an encoded archive does not parse: %v", err)
			}
			enc2, _ := json.Marshal(again)
			if !bytes.Equal(enc, enc2) {
				t.Fatalf("round trip changed the archive:\n%s\n%s", enc, enc2)
			}
		}
		// The archive check never panics and its errors are one line.
		if err := ds.CheckArchive(); err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("CheckArchive error spans lines: %q", err)
		}
	})
}
