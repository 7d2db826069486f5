package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"path"
	"strings"
	"testing"
)

type vendorManifest struct {
	Packages []struct {
		Package   string `json:"package"`
		Version   string `json:"version"`
		Integrity string `json:"integrity"`
		License   string `json:"license"`
		Directory string `json:"directory"`
		Files     []struct {
			Path    string `json:"path"`
			License string `json:"license"`
			SHA256  string `json:"sha256"`
		} `json:"files"`
	} `json:"packages"`
}

// TestVendorMatchesManifest catches hand edits to vendored files and files
// added without scripts/vendor-frontend.sh.
func TestVendorMatchesManifest(t *testing.T) {
	vendor, err := fs.Sub(embedded, "static/vendor")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := fs.ReadFile(vendor, "MANIFEST.json")
	if err != nil {
		t.Fatalf("read manifest: %v", err)
	}
	var m vendorManifest
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("parse manifest: %v", err)
	}
	if len(m.Packages) == 0 {
		t.Fatal("manifest lists no packages")
	}

	listed := map[string]bool{"MANIFEST.json": true}
	for _, p := range m.Packages {
		if p.Directory != p.Package+"@"+p.Version {
			t.Errorf("%s: directory %q, want %q", p.Package, p.Directory, p.Package+"@"+p.Version)
		}
		if !strings.HasPrefix(p.Integrity, "sha512-") || p.License == "" {
			t.Errorf("%s: integrity %q, licence %q", p.Package, p.Integrity, p.License)
		}
		hasLicence := false
		for _, f := range p.Files {
			name := path.Join(p.Directory, f.Path)
			listed[name] = true
			hasLicence = hasLicence || f.Path == "LICENSE"
			body, err := fs.ReadFile(vendor, name)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			sum := sha256.Sum256(body)
			if got := hex.EncodeToString(sum[:]); got != f.SHA256 {
				t.Errorf("%s: sha256 %s, manifest says %s", name, got, f.SHA256)
			}
			if f.License == "" {
				t.Errorf("%s: no licence in the manifest", name)
			}
		}
		if !hasLicence {
			t.Errorf("%s: its LICENSE is not vendored", p.Package)
		}
	}

	err = fs.WalkDir(vendor, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !listed[name] {
			t.Errorf("%s is under vendor/ but not in the manifest", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
