package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// sourceJS builds an index.js like the package's, with the given ids.
func sourceJS(t *testing.T, viewBox string, ids []string) []byte {
	t.Helper()
	var locs []map[string]string
	for _, id := range ids {
		locs = append(locs, map[string]string{"id": id, "name": "EN " + id, "path": "m 0,0 1,0 0,1 z"})
	}
	body, err := json.Marshal(map[string]any{"label": "Map of Italy", "viewBox": viewBox, "locations": locs})
	if err != nil {
		t.Fatal(err)
	}
	return []byte("export default " + string(body) + ";\n")
}

func allIDs() []string {
	ids := make([]string, 0, 20)
	for id := range istatRegions() {
		ids = append(ids, id)
	}
	sort.Strings(ids) // the package lists its regions by English name
	return ids
}

func TestConvert(t *testing.T) {
	regions, err := convert(sourceJS(t, viewBox, allIDs()))
	if err != nil {
		t.Fatalf("convert: %v", err)
	}
	if len(regions) != 20 {
		t.Fatalf("%d regions, want 20", len(regions))
	}
	for i, r := range regions {
		if want := fmt.Sprintf("%02d", i+1); r.Code != want {
			t.Errorf("region %d has code %s, want %s (sorted by ISTAT code)", i, r.Code, want)
		}
		if r.Name != istatRegions()[r.ID].name || r.SourceName != "EN "+r.ID || r.Path == "" {
			t.Errorf("region %d converted wrongly: %+v", i, r)
		}
	}
	if regions[0].Name != "Piemonte" || regions[19].Name != "Sardegna" {
		t.Errorf("first and last regions = %q, %q", regions[0].Name, regions[19].Name)
	}
}

func TestConvertRejectsUnexpectedSource(t *testing.T) {
	ids := allIDs()
	tests := map[string][]byte{
		"other viewBox":   sourceJS(t, "0 0 600 800", ids),
		"missing region":  sourceJS(t, viewBox, ids[1:]),
		"unknown region":  sourceJS(t, viewBox, append(append([]string{}, ids[1:]...), "corsica")),
		"not a module":    []byte(`{"label":"x"}`),
		"not json inside": []byte("export default {label: 'x'}"),
	}
	for name, js := range tests {
		if _, err := convert(js); err == nil {
			t.Errorf("%s: convert accepted it", name)
		}
	}
}

func TestUntar(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, body := range map[string]string{"package/index.js": "js", "package/README.md": "readme"} {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body))}); err != nil {
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

	files, err := untar(buf.Bytes(), "package/index.js")
	if err != nil {
		t.Fatalf("untar: %v", err)
	}
	if string(files["package/index.js"]) != "js" || len(files) != 1 {
		t.Errorf("untar = %q", files)
	}
	if _, err := untar(buf.Bytes(), "package/LICENSE.md"); err == nil || !strings.Contains(err.Error(), "LICENSE.md") {
		t.Errorf("untar of a missing file: err = %v", err)
	}
}

func TestRunRefusesTarballWithOtherIntegrity(t *testing.T) {
	dir := t.TempDir()
	tarball := dir + "/italy.tgz"
	if err := os.WriteFile(tarball, []byte("not the published package"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := run(dir, tarball)
	if err == nil || !strings.Contains(err.Error(), "integrity mismatch") {
		t.Fatalf("run with a foreign tarball: err = %v, want an integrity mismatch", err)
	}
	if _, err := os.Stat(dir + "/regions.json"); !os.IsNotExist(err) {
		t.Errorf("regions.json written despite the mismatch (stat err = %v)", err)
	}
}
