package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// Hostile text in an archive is refused before anything is written, with
// the record and field named.
func TestImportRefusesHostileText(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		ds, err := storetest.OpenDefault(t, d).Export(ctx, store.ExportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		body := ds.Bodies[0].Slug
		act := ds.Activities[0].Slug
		cases := []struct {
			name   string
			change func(ds *dataset.Dataset)
			want   string
		}{
			{"invalid UTF-8", func(ds *dataset.Dataset) { ds.Bodies[0].Name = "Comune di \xffX" },
				`body "` + body + `": field name: invalid UTF-8`},
			{"NUL in a long text", func(ds *dataset.Dataset) { ds.Activities[0].Description = "ok\x00no" },
				`activity "` + act + `": field description: contains NUL`},
			{"new line in a one-line field", func(ds *dataset.Dataset) { ds.Activities[0].Title = "Titolo\nSecondo" },
				`activity "` + act + `": field title: control character U+000A`},
			{"escape in a nested record", func(ds *dataset.Dataset) {
				ds.Activities[0].Participations = append(ds.Activities[0].Participations, dataset.Participation{Body: body, Role: "attendee\x1b[31m"})
			}, `activity "` + act + `": participation "` + body + `": field role: control character U+001B`},
			{"the network", func(ds *dataset.Dataset) { ds.Network.Name = "Rete\u0085" },
				`field name: control character U+0085`},
		}
		for _, c := range cases {
			bad := cloneDataset(t, ds)
			c.change(&bad)
			s := storetest.Open(t, d)
			err := s.Import(ctx, bad)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: Import = %v, want an error with %q", c.name, err, c.want)
			}
			if empty, err := s.IsEmpty(ctx); err != nil || !empty {
				t.Errorf("%s: the refused import wrote data (empty %v, %v)", c.name, empty, err)
			}
		}

		// Multi-line fields keep their lines and tabs.
		good := cloneDataset(t, ds)
		good.Activities[0].Description = "Primo paragrafo.\n\n\tSecondo, con accenti: città."
		if err := storetest.Open(t, d).Import(ctx, good); err != nil {
			t.Errorf("a description with lines and tabs: %v", err)
		}

		// A raw invalid byte in the archive file is refused too (JSON
		// decoding turns it into U+FFFD, which counts as invalid).
		data, err := json.Marshal(ds)
		if err != nil {
			t.Fatal(err)
		}
		name, _ := json.Marshal(ds.Bodies[0].Name)
		data = bytes.Replace(data, name, append(append([]byte(`"`), 0xc3, 0x28), name[1:]...), 1)
		parsed, err := dataset.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		want := `body "` + body + `": field name: invalid UTF-8`
		if err := storetest.Open(t, d).Import(ctx, parsed); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("raw invalid byte: Import = %v, want %q", err, want)
		}
	})
}

func cloneDataset(t *testing.T, ds dataset.Dataset) dataset.Dataset {
	t.Helper()
	data, err := json.Marshal(ds)
	if err != nil {
		t.Fatal(err)
	}
	out, err := dataset.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
