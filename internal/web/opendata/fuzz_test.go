package opendata

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"benicommunity/internal/i18n"
	"benicommunity/internal/web/core"
)

// fuzzHandler is a Handler with a fixed cursor key and the message
// catalogue, without a database.
func fuzzHandler(f *testing.F) *Handler {
	bundle, err := i18n.NewBundle()
	if err != nil {
		f.Fatal(err)
	}
	s := &Handler{Site: &core.Site{Deps: core.Deps{Bundle: bundle}}}
	s.cursorKeys.key = []byte("a fixed key for the fuzz tests, 32b")
	return s
}

// FuzzCursor: a cursor decodes only to what was signed. A cursor made from
// any fields, then changed at any one byte, either is refused or decodes to
// exactly the cursor that was signed (base64 may spell the same bytes two
// ways); a cursor is never accepted for another list or other filters; and
// a string the server did not make is refused.
func FuzzCursor(f *testing.F) {
	f.Add("activities", "f1", "2024-05-01", "", int64(7), 3, byte('x'), "bm90IGEgY3Vyc29y.AAAA")
	f.Add("bodies", "", "", "Comune di Genova", int64(1), 0, byte('.'), "")
	f.Add("activities", "ff", "", "", int64(-1), 100, byte(0), "eyJ2IjoxLCJsIjoiYWN0aXZpdGllcyIsImYiOiIiLCJpIjoxfQ.AAAAAAAAAAAAAAAAAAAAAA")
	s := fuzzHandler(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, list, filter, day, name string, id int64, pos int, b byte, forged string) {
		if _, err := s.decodeCursor(ctx, forged, list, filter); err == nil {
			t.Fatalf("a cursor the server did not sign was accepted: %q", forged)
		}
		orig := cursor{List: list, Filter: filter, Day: day, Name: name, ID: id}
		raw, err := s.encodeCursor(ctx, orig)
		if err != nil {
			return // fields JSON cannot carry
		}
		orig.Version = 1
		got, err := s.decodeCursor(ctx, raw, list, filter)
		valid := id > 0 && len(raw) <= 1024
		// JSON writes invalid UTF-8 as U+FFFD, so such fields are not
		// signed as given: the list or filter then no longer match.
		exact := utf8.ValidString(list) && utf8.ValidString(filter) && utf8.ValidString(day) && utf8.ValidString(name)
		if valid && exact && (err != nil || got != orig) {
			t.Fatalf("a cursor the server made is refused or changed: %v %+v", err, got)
		}
		if !valid && err == nil {
			t.Fatalf("cursor with id %d (length %d) accepted", id, len(raw))
		}
		if err == nil {
			if _, err := s.decodeCursor(ctx, raw, list+"x", filter); err == nil {
				t.Fatal("a cursor was accepted for another list")
			}
			if _, err := s.decodeCursor(ctx, raw, list, filter+"x"); err == nil {
				t.Fatal("a cursor was accepted for other filters")
			}
		}
		if len(raw) == 0 {
			return
		}
		p := pos % len(raw)
		if p < 0 {
			p += len(raw)
		}
		if raw[p] == b {
			return
		}
		changed := raw[:p] + string(b) + raw[p+1:]
		if c, err := s.decodeCursor(ctx, changed, list, filter); err == nil && c != got {
			t.Fatalf("a changed cursor %q decodes to %+v, not to what was signed (%+v)", changed, c, got)
		}
	})
}

// FuzzAPIParams: any query either passes or names each wrong parameter;
// what passes is what the API documents (a page size from 1 to the
// maximum, a real day, true or false), and an unknown or repeated
// parameter is never let through.
func FuzzAPIParams(f *testing.F) {
	for _, q := range []string{"", "limit=20", "limit=0", "limit=101", "limit=-1", "limit=1e2", "from=2024-02-29", "from=2023-02-29", "published=true", "published=yes",
		"tipo=x", "limit=5&limit=6", "from=2024-01-01&to=2023-01-01", "%ZZ=1", "limit=99999999999999999999"} {
		f.Add(q)
	}
	s := fuzzHandler(f)
	allowed := []string{"limit", "from", "published", "cursor"}
	f.Fuzz(func(t *testing.T, q string) {
		r := httptest.NewRequest("GET", "/api/v1/activities", nil)
		r.URL.RawQuery = q
		values := r.URL.Query()
		p := s.readAPIParams(r, allowed...)
		n := p.limit()
		from := p.date("from")
		pub := p.boolean("published")
		named := map[string]bool{}
		for _, b := range p.bad {
			named[b.Name] = true
			if b.Reason == "" || strings.Contains(b.Reason, "⟦") {
				t.Fatalf("parameter %q refused without a reason: %q", b.Name, b.Reason)
			}
		}
		for name, vs := range values {
			known := name == "limit" || name == "from" || name == "published" || name == "cursor"
			if (!known || len(vs) > 1) && !named[name] {
				t.Fatalf("query %q: parameter %q (%d values) let through", q, name, len(vs))
			}
		}
		if n < 1 || n > apiMaxLimit {
			t.Fatalf("query %q: page size %d", q, n)
		}
		if v := values.Get("limit"); !named["limit"] && v != "" {
			if x, err := strconv.Atoi(v); err != nil || x != n {
				t.Fatalf("query %q: limit %q read as %d", q, v, n)
			}
		}
		if from != nil && from.Format(time.DateOnly) != values.Get("from") {
			t.Fatalf("query %q: from read as %v", q, from)
		}
		if pub != nil && strconv.FormatBool(*pub) != values.Get("published") {
			t.Fatalf("query %q: published read as %v", q, *pub)
		}
		if p.ok() != (len(p.bad) == 0) {
			t.Fatal("ok() disagrees with the list of mistakes")
		}
	})
}

// FuzzCSVCell: no text cell of an open-data CSV starts a formula, numbers
// stay numbers, and every cell reads back from the file as written.
func FuzzCSVCell(f *testing.F) {
	for _, s := range []string{"", "Comune di Genova", "=HYPERLINK(\"http://x\")", "+1+2", "-3,5", "-3.5", "-1e5", "@SUM(A1)", "\t=1", "\r=1", "-", "'=1", "a\"b,c;d\ne", "=", "+", "--1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := csvCell(s)
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			if _, err := strconv.ParseFloat(strings.Replace(c, ",", ".", 1), 64); err != nil || strings.Trim(c, "+-0123456789.,") != "" {
				t.Fatalf("csvCell(%q) = %q can start a formula", s, c)
			}
		}
		if c != s && c != "'"+s {
			t.Fatalf("csvCell(%q) = %q changes more than a leading apostrophe", s, c)
		}
		for _, comma := range []rune{',', ';'} {
			var buf bytes.Buffer
			w := csv.NewWriter(&buf)
			w.Comma = comma
			w.UseCRLF = true
			w.Write([]string{c, "x"})
			w.Flush()
			rd := csv.NewReader(&buf)
			rd.Comma = comma
			rec, err := rd.Read()
			// The reader turns \r\n inside a quoted cell into \n: compare like that.
			want := strings.ReplaceAll(c, "\r\n", "\n")
			if err != nil || len(rec) != 2 || (rec[0] != want && !strings.Contains(c, "\r")) {
				t.Fatalf("cell %q does not read back (%q): %v %q", s, comma, err, rec)
			}
		}
	})
}
