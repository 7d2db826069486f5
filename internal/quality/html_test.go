package quality_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// vnuVersion is the Nu HTML Checker that scripts/fetch-vnu.sh installs.
const vnuVersion = "24.10.17"

// vnuJar finds the Nu HTML Checker: BENICOMMUNITY_VNU_JAR, or where
// scripts/fetch-vnu.sh puts it. A missing jar or Java fails the test, so the
// gate cannot silently vanish.
func vnuJar(t *testing.T) string {
	t.Helper()
	jar := os.Getenv("BENICOMMUNITY_VNU_JAR")
	if jar == "" {
		cache := os.Getenv("BENICOMMUNITY_CACHE")
		if cache == "" {
			dir, err := os.UserCacheDir()
			if err != nil {
				t.Fatalf("no cache folder to look for vnu.jar in (set BENICOMMUNITY_VNU_JAR): %v", err)
			}
			cache = filepath.Join(dir, "benicommunity")
		}
		jar = filepath.Join(cache, "vnu-jar@"+vnuVersion, "vnu.jar")
	}
	if _, err := os.Stat(jar); err != nil {
		t.Fatalf("the Nu HTML Checker is required at %s: run scripts/fetch-vnu.sh (it installs npm vnu-jar@%s) or set BENICOMMUNITY_VNU_JAR: %v", jar, vnuVersion, err)
	}
	if _, err := exec.LookPath("java"); err != nil {
		t.Fatalf("the Nu HTML Checker needs Java (Debian: apt-get install default-jre-headless): %v", err)
	}
	return jar
}

// vnuMessage is one finding of the checker.
type vnuMessage struct {
	Type    string `json:"type"`    // "error", "info" (with subType "warning"), "non-document-error"
	SubType string `json:"subType"` // "warning", "fatal"
	URL     string `json:"url"`
	Line    int    `json:"lastLine"`
	Column  int    `json:"firstColumn"`
	Message string `json:"message"`
	Extract string `json:"extract"`
}

// validateHTML runs the Nu HTML Checker once over all the pages and returns
// its findings keyed by page path.
func validateHTML(t *testing.T, pages []crawledPage) map[string][]vnuMessage {
	t.Helper()
	jar := vnuJar(t)
	dir := t.TempDir()
	files := make([]string, len(pages))
	byFile := map[string]string{}
	for i, p := range pages {
		f := filepath.Join(dir, fmt.Sprintf("page-%03d.html", i))
		if err := os.WriteFile(f, p.Body, 0o644); err != nil {
			t.Fatal(err)
		}
		files[i] = f
		byFile["file:"+f] = p.Path
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command("java", append([]string{"-jar", jar, "--format", "json", "--stdout"}, files...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// The checker exits 1 when it finds errors; the JSON says which.
	runErr := cmd.Run()
	var out struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("the Nu HTML Checker gave no JSON (%v, exit %v): %s %s", err, runErr, stdout.String(), stderr.String())
	}
	found := map[string][]vnuMessage{}
	for _, m := range out.Messages {
		path, ok := byFile[m.URL]
		if !ok {
			path = m.URL
		}
		found[path] = append(found[path], m)
	}
	return found
}

// TestValidHTML is the valid-HTML gate: every crawled public page passes the
// Nu HTML Checker without errors. Warnings are listed in the test log.
func TestValidHTML(t *testing.T) {
	s := newSite(t)
	res := crawlPublic(t, s.URL)
	if len(res.Pages) < 10 {
		t.Fatalf("the crawl parsed only %d pages", len(res.Pages))
	}
	found := validateHTML(t, res.Pages)
	warnings := 0
	// Every finding counts, also one the checker files under a name that is
	// no page (a file it could not read).
	for path, msgs := range found {
		for _, m := range msgs {
			line := fmt.Sprintf("%s:%d:%d: %s (%q)", path, m.Line, m.Column, m.Message, strings.TrimSpace(m.Extract))
			if m.Type == "error" || m.Type == "non-document-error" || m.SubType == "fatal" {
				t.Errorf("invalid HTML: %s", line)
			} else if m.SubType == "warning" {
				warnings++
				t.Logf("warning: %s", line)
			}
		}
	}
	t.Logf("Nu HTML Checker %s validated %d pages: %d warnings", vnuVersion, len(res.Pages), warnings)
}

// TestValidatorFindsErrors proves the gate can fail: the checker reports a
// stray end tag and a missing title.
func TestValidatorFindsErrors(t *testing.T) {
	found := validateHTML(t, []crawledPage{{Path: "/bad", Body: []byte(`<!doctype html><html lang="it"><head></head><body><p><div>x</div></p></body></html>`)}})
	errs := 0
	for _, m := range found["/bad"] {
		if m.Type == "error" {
			errs++
		}
	}
	if errs < 2 {
		t.Errorf("the checker found %d errors in a broken page, want at least 2: %v", errs, found)
	}
}
