package assets

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// fakeResolve publishes the logical names in files as "/static/<name>!",
// so a test can see exactly which logical name each reference became.
func fakeResolve(files ...string) func(string) (string, error) {
	known := make(map[string]bool, len(files))
	for _, f := range files {
		known[f] = true
	}
	return func(name string) (string, error) {
		if !known[name] {
			return "", fmt.Errorf("%w %q", errNotFound, name)
		}
		return Prefix + name + "!", nil
	}
}

func TestRewriteCSS(t *testing.T) {
	resolve := fakeResolve(
		"css/img/a.png",
		"fonts/f.woff2",
		"css/other.css",
		"css/site.css.map",
		"img/b.svg",
	)
	tests := []struct {
		name, in, want string
	}{
		{"double quoted", `a{b:url("img/a.png")}`, `a{b:url("/static/css/img/a.png!")}`},
		{"single quoted", `a{b:url('img/a.png')}`, `a{b:url("/static/css/img/a.png!")}`},
		{"unquoted", `a{b:url(img/a.png)}`, `a{b:url("/static/css/img/a.png!")}`},
		{"spaces inside", "a{b:url( \"img/a.png\"\n)}", `a{b:url("/static/css/img/a.png!")}`},
		{"unquoted with spaces", `a{b:url(  img/a.png  )}`, `a{b:url("/static/css/img/a.png!")}`},
		{"dot slash", `a{b:url(./img/a.png)}`, `a{b:url("/static/css/img/a.png!")}`},
		{"parent directory", `@font-face{src:url("../fonts/f.woff2") format("woff2")}`, `@font-face{src:url("/static/fonts/f.woff2!") format("woff2")}`},
		{"upper case function", `a{b:URL(img/a.png)}`, `a{b:url("/static/css/img/a.png!")}`},
		{"query and fragment kept", `a{b:url("../fonts/f.woff2?#iefix")} c{d:url(../img/b.svg#icon)}`, `a{b:url("/static/fonts/f.woff2!?#iefix")} c{d:url("/static/img/b.svg!#icon")}`},
		{"absolute static path", `a{b:url(/static/img/b.svg)}`, `a{b:url("/static/img/b.svg!")}`},
		{"other absolute path", `a{b:url(/favicon.ico)}`, `a{b:url(/favicon.ico)}`},
		{"import", `@import url("other.css");`, `@import url("/static/css/other.css!");`},
		{"several in one rule", `a{b:url(img/a.png),url('../img/b.svg')}`, `a{b:url("/static/css/img/a.png!"),url("/static/img/b.svg!")}`},
		{"data quoted with parentheses", `a{b:url("data:image/svg+xml,%3csvg fill='hsl(0, 0%, 100%)'/%3e")}`, `a{b:url("data:image/svg+xml,%3csvg fill='hsl(0, 0%, 100%)'/%3e")}`},
		{"data unquoted", `a{b:url(data:font/woff;base64,d09GRg==)}`, `a{b:url(data:font/woff;base64,d09GRg==)}`},
		{"data upper case", `a{b:url("DATA:image/png;base64,AA==")}`, `a{b:url("DATA:image/png;base64,AA==")}`},
		{"https", `a{b:url("https://example.org/x.png")}`, `a{b:url("https://example.org/x.png")}`},
		{"http unquoted", `a{b:url(http://example.org/x.png)}`, `a{b:url(http://example.org/x.png)}`},
		{"scheme relative", `a{b:url(//example.org/x.png)}`, `a{b:url(//example.org/x.png)}`},
		{"fragment only", `a{filter:url(#shadow)}`, `a{filter:url(#shadow)}`},
		{"empty", `a{b:url("")}`, `a{b:url("")}`},
		{"comment untouched", `/* url(missing.png) */a{}`, `/* url(missing.png) */a{}`},
		{"string untouched", `a::after{content:"url(missing.png)"}`, `a::after{content:"url(missing.png)"}`},
		{"escaped quote in string", `a::after{content:"\"url(missing.png)"}`, `a::after{content:"\"url(missing.png)"}`},
		{"longer identifier", `a{b:myurl(missing.png)}`, `a{b:myurl(missing.png)}`},
		{"source map shipped", "a{}\n/*# sourceMappingURL=site.css.map */", "a{}\n/*# sourceMappingURL=/static/css/site.css.map! */"},
		{"source map not shipped", "a{}\n/*# sourceMappingURL=gone.css.map */", "a{}\n"},
		{"no references", `a{color:red}`, `a{color:red}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rewriteCSS("css/site.css", []byte(tt.in), resolve)
			if err != nil {
				t.Fatalf("rewriteCSS: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("rewriteCSS(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRewriteCSSErrors(t *testing.T) {
	resolve := fakeResolve("css/img/a.png")
	tests := []struct {
		name, in string
		wantIs   error  // when set, errors.Is must hold
		wantText string // the error must mention this
	}{
		{"missing target", "a{}\nb{c:url(img/missing.png)}", errNotFound, "line 2"},
		{"missing target quoted", `b{c:url("../img/a.png")}`, errNotFound, "img/a.png"},
		{"missing absolute static target", `b{c:url(/static/css/nope.png)}`, errNotFound, "css/nope.png"},
		{"hand-written hashed name", `b{c:url(/static/css/img/a.0123456789.png)}`, errNotFound, "a.0123456789.png"},
		{"outside the tree", `b{c:url(../../secret.png)}`, nil, "outside the static files"},
		{"unterminated string", `b{c:url("img/a.png)}`, nil, "unterminated"},
		{"no closing parenthesis", `b{c:url(img/a.png`, nil, "closing parenthesis"},
		{"garbage after string", `b{c:url("img/a.png" x)}`, nil, "closing parenthesis"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rewriteCSS("css/site.css", []byte(tt.in), resolve)
			if err == nil {
				t.Fatalf("rewriteCSS(%q) = %q, want an error", tt.in, got)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("error %v is not %v", err, tt.wantIs)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q does not mention %q", err, tt.wantText)
			}
			if !strings.Contains(err.Error(), "css/site.css") {
				t.Errorf("error %q does not name the stylesheet", err)
			}
		})
	}
}

func TestHasScheme(t *testing.T) {
	tests := map[string]bool{
		"https://x":       true,
		"data:x":          true,
		"svn+ssh://x":     true,
		"img/a.png":       false,
		"a.png":           false,
		"../a:b.png":      false,
		":x":              false,
		"1http://x":       false,
		"fonts/x.woff2#a": false,
	}
	for in, want := range tests {
		if got := hasScheme(in); got != want {
			t.Errorf("hasScheme(%q) = %v, want %v", in, got, want)
		}
	}
}
