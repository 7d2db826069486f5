// Command gen rebuilds the embedded region outlines of package geo from the
// npm package @svg-maps/italy at a pinned version.
//
// It runs `npm pack` so that the registry, proxy and cache settings of the
// developer's npm apply, refuses any tarball whose SHA-512 differs from the
// pinned npm dist.integrity, and writes regions.json plus the licence text.
// Nothing it writes depends on the time or the machine, so running it twice
// gives the same bytes.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

const (
	pkgSpec = "@svg-maps/italy@2.0.0"
	// integrity is the npm dist.integrity of pkgSpec; a different tarball
	// means the registry served something else and must not be used.
	integrity = "sha512-7HzULhR/7OvdbpTozDUXnXLsEEfS7VYwgcv1yGomvoEXa2K6d9eLYbNS8QEtkeFc+Ep4d+5FXXWpPNenQox9tw=="
	viewBox   = "0 0 610 793"
)

type istatRegion struct{ code, name string }

// istatRegions gives, for each id used by the package, the region's ISTAT
// code and its official name as ISTAT writes it; the package itself uses
// English names.
func istatRegions() map[string]istatRegion {
	return map[string]istatRegion{
		"piedmont":              {"01", "Piemonte"},
		"aosta-valley":          {"02", "Valle d'Aosta/Vallée d'Aoste"},
		"lombardy":              {"03", "Lombardia"},
		"trentino-south-tyrol":  {"04", "Trentino-Alto Adige/Südtirol"},
		"veneto":                {"05", "Veneto"},
		"friuli-venezia-giulia": {"06", "Friuli-Venezia Giulia"},
		"liguria":               {"07", "Liguria"},
		"emilia-romagna":        {"08", "Emilia-Romagna"},
		"tuscany":               {"09", "Toscana"},
		"umbria":                {"10", "Umbria"},
		"marche":                {"11", "Marche"},
		"lazio":                 {"12", "Lazio"},
		"abruzzo":               {"13", "Abruzzo"},
		"molise":                {"14", "Molise"},
		"campania":              {"15", "Campania"},
		"apulia":                {"16", "Puglia"},
		"basilicata":            {"17", "Basilicata"},
		"calabria":              {"18", "Calabria"},
		"sicily":                {"19", "Sicilia"},
		"sardinia":              {"20", "Sardegna"},
	}
}

type source struct {
	Label     string `json:"label"`
	ViewBox   string `json:"viewBox"`
	Locations []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
		Path string `json:"path"`
	} `json:"locations"`
}

type region struct {
	ID         string `json:"id"`
	Code       string `json:"code"`
	Name       string `json:"name"`
	SourceName string `json:"source_name"`
	Path       string `json:"path"`
}

func main() {
	out := flag.String("out", ".", "directory receiving regions.json and the licence text")
	tarball := flag.String("tarball", "", "use this already downloaded tarball instead of running npm pack")
	flag.Parse()
	if err := run(*out, *tarball); err != nil {
		log.Fatal(err)
	}
}

func run(out, tarball string) error {
	if tarball == "" {
		tmp, err := os.MkdirTemp("", "geo-gen-")
		if err != nil {
			return fmt.Errorf("create temp dir: %w", err)
		}
		defer os.RemoveAll(tmp)
		tarball, err = npmPack(tmp)
		if err != nil {
			return err
		}
	}
	raw, err := os.ReadFile(tarball)
	if err != nil {
		return fmt.Errorf("read tarball: %w", err)
	}
	sum := sha512.Sum512(raw)
	if got := "sha512-" + base64.StdEncoding.EncodeToString(sum[:]); got != integrity {
		return fmt.Errorf("integrity mismatch for %s: got %s, want %s", pkgSpec, got, integrity)
	}
	files, err := untar(raw, "package/index.js", "package/LICENSE.md")
	if err != nil {
		return fmt.Errorf("unpack %s: %w", pkgSpec, err)
	}
	regions, err := convert(files["package/index.js"])
	if err != nil {
		return fmt.Errorf("convert %s: %w", pkgSpec, err)
	}
	if err := writeRegions(filepath.Join(out, "regions.json"), regions); err != nil {
		return err
	}
	licence := filepath.Join(out, "LICENSE-svg-maps-italy.md")
	if err := os.WriteFile(licence, files["package/LICENSE.md"], 0o644); err != nil {
		return fmt.Errorf("write licence: %w", err)
	}
	return nil
}

func npmPack(dir string) (string, error) {
	cmd := exec.Command("npm", "pack", pkgSpec, "--pack-destination", dir, "--silent")
	cmd.Stderr = os.Stderr
	stdout, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("npm pack %s: %w", pkgSpec, err)
	}
	name := strings.TrimSpace(string(stdout))
	if i := strings.LastIndexByte(name, '\n'); i >= 0 {
		name = name[i+1:]
	}
	if name == "" {
		return "", fmt.Errorf("npm pack %s: no file name printed", pkgSpec)
	}
	return filepath.Join(dir, name), nil
}

func untar(tgz []byte, want ...string) (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	tr := tar.NewReader(zr)
	files := make(map[string][]byte, len(want))
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read tar: %w", err)
		}
		for _, w := range want {
			if hdr.Name == w {
				if files[w], err = io.ReadAll(tr); err != nil {
					return nil, fmt.Errorf("read %s: %w", w, err)
				}
			}
		}
	}
	for _, w := range want {
		if files[w] == nil {
			return nil, fmt.Errorf("%s missing from tarball", w)
		}
	}
	return files, nil
}

// convert reads index.js, an ES module whose only statement is
// `export default {...}` with a JSON object literal.
func convert(js []byte) ([]region, error) {
	body := strings.TrimSpace(string(js))
	body, ok := strings.CutPrefix(body, "export default")
	if !ok {
		return nil, errors.New("index.js does not start with export default")
	}
	body = strings.TrimSuffix(strings.TrimSpace(body), ";")
	var src source
	if err := json.Unmarshal([]byte(body), &src); err != nil {
		return nil, fmt.Errorf("parse index.js object: %w", err)
	}
	if src.ViewBox != viewBox {
		return nil, fmt.Errorf("viewBox %q, want %q", src.ViewBox, viewBox)
	}
	istat := istatRegions()
	if len(src.Locations) != len(istat) {
		return nil, fmt.Errorf("%d locations, want %d", len(src.Locations), len(istat))
	}
	regions := make([]region, 0, len(src.Locations))
	for _, l := range src.Locations {
		meta, ok := istat[l.ID]
		if !ok {
			return nil, fmt.Errorf("unknown location id %q", l.ID)
		}
		regions = append(regions, region{ID: l.ID, Code: meta.code, Name: meta.name, SourceName: l.Name, Path: l.Path})
	}
	sort.Slice(regions, func(i, j int) bool { return regions[i].Code < regions[j].Code })
	return regions, nil
}

// writeRegions writes one region per line so that a change upstream shows up
// as a readable diff.
func writeRegions(path string, regions []region) error {
	var buf bytes.Buffer
	buf.WriteString("[\n")
	for i, r := range regions {
		line, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("encode region %s: %w", r.ID, err)
		}
		buf.Write(line)
		if i < len(regions)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("]\n")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
