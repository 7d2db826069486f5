package quality_test

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestPageStructure checks what every page of the site must have (docs/style
// and WCAG 2.4.2, 2.4.6, 3.1.1): a language, a non-empty title, a meta
// description, exactly one <main> and exactly one <h1>.
func TestPageStructure(t *testing.T) {
	s := newSite(t)
	res := crawlPublic(t, s.URL)
	checkStructure(t, res.Pages, true)
}

// checkStructure reports pages without a language, a title, exactly one
// <main> and one <h1>, and, when asked, a meta description (the back office
// is not for search engines, so its pages need none).
func checkStructure(t *testing.T, pages []crawledPage, needDescription bool) {
	t.Helper()
	for _, p := range pages {
		doc, err := html.Parse(bytes.NewReader(p.Body))
		if err != nil {
			t.Errorf("%s: %v", p.Path, err)
			continue
		}
		count := map[string]int{}
		var lang, title, description string
		for n := range walk(doc) {
			if n.Type != html.ElementNode {
				continue
			}
			count[n.Data]++
			switch n.Data {
			case "html":
				lang = attr(n, "lang")
			case "title":
				if n.FirstChild != nil {
					title = strings.TrimSpace(n.FirstChild.Data)
				}
			case "meta":
				if attr(n, "name") == "description" {
					description = strings.TrimSpace(attr(n, "content"))
				}
			}
		}
		if lang == "" {
			t.Errorf("%s: <html> has no lang", p.Path)
		}
		if title == "" {
			t.Errorf("%s: empty <title>", p.Path)
		}
		if needDescription && description == "" {
			t.Errorf("%s: empty meta description", p.Path)
		}
		if count["main"] != 1 || count["h1"] != 1 {
			t.Errorf("%s: %d <main> and %d <h1>, want one of each", p.Path, count["main"], count["h1"])
		}
	}
}
