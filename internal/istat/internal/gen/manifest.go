package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"text/template"
)

//go:embed manifest.md.tmpl
var manifestTemplate string

type manifestData struct {
	Package, Version, License, Integrity string
	Records, Provinces, Regions          int
	DataFile, TSVSHA256                  string
	GzipBytes                            int
	LicenseFile, Header                  string
}

func renderManifest(d manifestData) ([]byte, error) {
	t, err := template.New("manifest").Option("missingkey=error").Parse(manifestTemplate)
	if err != nil {
		return nil, fmt.Errorf("parse manifest template: %w", err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return nil, fmt.Errorf("render manifest: %w", err)
	}
	return b.Bytes(), nil
}
