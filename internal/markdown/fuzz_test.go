package markdown

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzRender feeds any text to the renderer and checks the promise of the
// package on the parsed output: no script-capable element, no event handler
// attribute, no link or source with a script scheme.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"# Titolo\n\nTesto con **grassetto** e [link](https://example.it).",
		"<script>alert(1)</script>",
		"[x](javascript:alert(1))",
		"[x](JaVaScRiPt&#58;alert(1))",
		"![i](javascript:alert(1))",
		"<img src=x onerror=alert(1)>",
		"<a href=\"javascript:alert(1)\" onclick=\"x()\">y</a>",
		"| a | b |\n|---|---|\n| <iframe src=x> | c |",
		"https://example.it/?q=<script>",
		"[a](\tjava\nscript:alert(1))",
		"<svg onload=alert(1)>",
		"~~barrato~~ <style>body{}</style>",
	} {
		f.Add(s)
	}
	r := New()
	f.Fuzz(func(t *testing.T, src string) {
		out, err := r.Render(src)
		if err != nil {
			t.Fatalf("Render(%q): %v", src, err)
		}
		if bad := unsafeHTML(string(out)); bad != "" {
			t.Fatalf("Render(%q) = %q: %s", src, out, bad)
		}
	})
}

// unsafeHTML parses HTML as a browser would and names the first thing in
// it that could run script, or returns "".
func unsafeHTML(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "style", "iframe", "object", "embed", "svg", "math", "form", "base", "meta", "link":
				return "element <" + tok.Data + ">"
			}
			for _, a := range tok.Attr {
				name := strings.ToLower(a.Key)
				if strings.HasPrefix(name, "on") || name == "style" || name == "srcdoc" || name == "formaction" {
					return "attribute " + name
				}
				if name == "href" || name == "src" || name == "action" || name == "cite" || name == "poster" {
					if scriptScheme(a.Val) {
						return "script URL in " + name + ": " + a.Val
					}
				}
			}
		}
	}
}

// scriptScheme reports a URL that a browser would run as script: browsers
// drop control characters and spaces before reading the scheme.
func scriptScheme(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r <= 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToLower(v))
	for _, p := range []string{"javascript:", "vbscript:", "data:"} {
		if strings.HasPrefix(v, p) {
			return true
		}
	}
	return false
}

func TestUnsafeHTMLSeesWhatItLooksFor(t *testing.T) {
	// The checker itself must flag these, or the fuzz test proves nothing.
	for _, s := range []string{
		`<script>x</script>`, `<a href=" JAVA&#x09;SCRIPT:x">y</a>`, `<img src=x onerror=y>`,
		`<a href="data:text/html,x">y</a>`, `<p style="x">y</p>`,
	} {
		if unsafeHTML(s) == "" {
			t.Errorf("unsafeHTML(%q) found nothing", s)
		}
	}
	if bad := unsafeHTML(`<p><a href="https://example.it">ok</a> <img src="/x.png" alt=""></p>`); bad != "" {
		t.Errorf("safe HTML flagged: %s", bad)
	}
}
