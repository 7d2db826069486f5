package istat

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
)

func gzipText(t *testing.T, text string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(text)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestLoadRejectsBadData(t *testing.T) {
	const chieri = "001078\tChieri\tC627\t001\tTorino\tTO\t01\tPiemonte\t1\tNord-ovest\t35962\n"
	const leini = "001130\tLeini\tE518\t001\tTorino\tTO\t01\tPiemonte\t1\tNord-ovest\t16012\n"
	good := dataHeader + "\n" + chieri + leini
	if r, err := load(gzipText(t, good)); err != nil || r.Len() != 2 {
		t.Fatalf("load(good) = %v, %v; want 2 comuni", r, err)
	}
	tests := map[string][]byte{
		"not gzip":       []byte(good),
		"other header":   gzipText(t, "#code\tname\n"+chieri),
		"no comuni":      gzipText(t, dataHeader+"\n"),
		"missing field":  gzipText(t, dataHeader+"\n"+strings.Replace(chieri, "\tC627", "", 1)),
		"extra field":    gzipText(t, dataHeader+"\n"+strings.Replace(chieri, "\n", "\t1\n", 1)),
		"bad population": gzipText(t, dataHeader+"\n"+strings.Replace(chieri, "35962", "-3", 1)),
		"unsorted":       gzipText(t, dataHeader+"\n"+leini+chieri),
		"duplicate code": gzipText(t, dataHeader+"\n"+chieri+chieri),
		"same name and sigla": gzipText(t, dataHeader+"\n"+chieri+
			strings.Replace(strings.Replace(leini, "Leini", "CHIERI", 1), "E518", "X999", 1)),
	}
	for name, data := range tests {
		if _, err := load(data); err == nil {
			t.Errorf("load(%s) succeeded, want an error", name)
		}
	}
}

// MANIFEST.md records a checksum of the data; a data file replaced without
// regenerating the manifest must not pass unnoticed.
func TestManifestMatchesData(t *testing.T) {
	manifest, err := os.ReadFile("MANIFEST.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("SHA-256 of the uncompressed text `([0-9a-f]{64})`").FindSubmatch(manifest)
	if m == nil {
		t.Fatal("MANIFEST.md has no SHA-256 of the data")
	}
	zr, err := gzip.NewReader(bytes.NewReader(embeddedData))
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	if _, err := io.Copy(h, zr); err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != string(m[1]) {
		t.Errorf("embedded data SHA-256 %s, MANIFEST.md says %s", got, m[1])
	}
}

func TestConcurrentUse(t *testing.T) {
	r := mustLoad(t)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				if got := r.Search("san", 5); len(got) != 5 {
					t.Errorf("Search(san, 5) returned %d", len(got))
				}
				if _, ok := r.Find("Leinì", "TO"); !ok {
					t.Error("Find(Leinì) failed")
				}
				_ = r.Provinces()
			}
		})
	}
	wg.Wait()
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
