package dataset

import (
	"strings"
	"testing"
)

func TestCheckTextNamesTheRecordAndField(t *testing.T) {
	ds, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ds.Format, ds.Version = ArchiveFormat, ArchiveVersion
	if err := ds.CheckArchive(); err != nil {
		t.Fatalf("the default dataset as an archive: %v", err)
	}
	ds.Themes[0].Name = "a\x7fb"
	err = ds.CheckArchive()
	want := `theme "` + ds.Themes[0].Slug + `": field name: control character U+007F`
	if err == nil || err.Error() != want {
		t.Errorf("CheckArchive = %v, want %q", err, want)
	}
	ds.Themes[0].Name = "ok"
	ds.Settings = map[string]string{"chiave": "riga uno\nriga\u0000due"}
	if err := ds.CheckArchive(); err == nil || !strings.Contains(err.Error(), `key "chiave"`) || !strings.Contains(err.Error(), "contains NUL") {
		t.Errorf("NUL in a setting: %v", err)
	}
}
