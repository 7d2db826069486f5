package core_test

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// fontFaces reads the Titillium Web faces of fonts.css: weight → file, for
// the normal style, and whether an italic is declared.
func fontFaces(t *testing.T) map[int]string {
	t.Helper()
	css, err := os.ReadFile("../../assets/static/css/fonts.css")
	if err != nil {
		t.Fatal(err)
	}
	faces := map[int]string{}
	for _, block := range regexp.MustCompile(`(?s)@font-face\s*\{(.*?)\}`).FindAllStringSubmatch(string(css), -1) {
		body := block[1]
		if !strings.Contains(body, `font-family: "Titillium Web"`) || !strings.Contains(body, "font-style: normal") {
			continue
		}
		if !strings.Contains(body, "font-display: optional") {
			t.Errorf("a Titillium Web face lacks font-display: optional: %s", body)
		}
		w := regexp.MustCompile(`font-weight:\s*(\d+)`).FindStringSubmatch(body)
		src := regexp.MustCompile(`url\("\.\./([^"]+)"\)`).FindStringSubmatch(body)
		if w == nil || src == nil {
			t.Fatalf("unreadable @font-face: %s", body)
		}
		n, _ := strconv.Atoi(w[1])
		faces[n] = src[1]
	}
	return faces
}

// matchWeight picks the face the browser uses for a weight (CSS Fonts 4,
// font-weight matching), so a weight with no face of its own is checked
// against the face that stands in for it.
func matchWeight(faces map[int]string, want int) (int, bool) {
	if _, ok := faces[want]; ok {
		return want, true
	}
	best, found := 0, false
	try := func(w int, better func(a, b int) bool) {
		if _, ok := faces[w]; ok && (!found || better(w, best)) {
			best, found = w, true
		}
	}
	down := func(a, b int) bool { return a > b }
	up := func(a, b int) bool { return a < b }
	switch {
	case want >= 400 && want <= 500:
		for w := range faces {
			if w > want && w <= 500 {
				try(w, up)
			}
		}
		if !found {
			for w := range faces {
				if w < want {
					try(w, down)
				}
			}
		}
		if !found {
			for w := range faces {
				try(w, up)
			}
		}
	case want < 400:
		for w := range faces {
			if w < want {
				try(w, down)
			}
		}
		if !found {
			for w := range faces {
				try(w, up)
			}
		}
	default:
		for w := range faces {
			if w > want {
				try(w, up)
			}
		}
		if !found {
			for w := range faces {
				try(w, down)
			}
		}
	}
	return best, found
}

// The first screen of the home page uses only faces that are declared and
// preloaded: with font-display: optional a face that is not preloaded misses
// the first paint and that text stays in the fallback font, next to Titillium
// Web elsewhere.
func TestFirstScreenFontsArePreloaded(t *testing.T) {
	faces := fontFaces(t)
	layout, err := os.ReadFile("templates/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	preloaded := map[string]bool{}
	for _, m := range regexp.MustCompile(`<link rel="preload" href="\{\{asset "([^"]+)"\}\}" as="font"`).FindAllStringSubmatch(string(layout), -1) {
		preloaded[m[1]] = true
	}
	vendor, err := os.ReadFile("../../assets/static/vendor/bootstrap-italia@2.18.3/css/bootstrap-italia.min.css")
	if err != nil {
		t.Fatal(err)
	}
	app, err := os.ReadFile("../../assets/static/css/app.css")
	if err != nil {
		t.Fatal(err)
	}
	home, err := os.ReadFile("../public/templates/home.html")
	if err != nil {
		t.Fatal(err)
	}
	// The weights of the text on the home page's first screen, as the
	// stylesheets set them: body text, headings, the lead paragraph,
	// buttons, and every weight of the site's own stylesheet.
	weights := map[string]int{}
	for what, re := range map[string]string{
		"body":     `--bs-body-font-weight:\s*(\d+)`,
		"headings": `h1,\.h1\{margin-top:0;margin-bottom:\.5rem;font-weight:(\d+)`,
		"lead":     `\.lead\{font-size:1\.25rem;font-weight:(\d+)`,
		"buttons":  `--bs-btn-font-weight:\s*(\d+)`,
	} {
		m := regexp.MustCompile(re).FindSubmatch(vendor)
		if m == nil {
			t.Fatalf("bootstrap-italia.min.css: no weight for %s (%s)", what, re)
		}
		weights[what], _ = strconv.Atoi(string(m[1]))
	}
	if !strings.Contains(string(home), `class="lead"`) {
		t.Error("the home page no longer has its lead paragraph: review this test's list of weights")
	}
	for _, m := range regexp.MustCompile(`font-weight:\s*(\d+)`).FindAllStringSubmatch(string(app), -1) {
		weights["app.css "+m[1]], _ = strconv.Atoi(m[1])
	}
	for what, w := range weights {
		face, ok := matchWeight(faces, w)
		if !ok {
			t.Errorf("%s: weight %d has no Titillium Web face", what, w)
			continue
		}
		if face != w && w >= 600 && face < 600 {
			t.Errorf("%s: weight %d would be synthesised from the %d face", what, w, face)
		}
		if !preloaded[faces[face]] {
			t.Errorf("%s: weight %d uses %s, which layout.html does not preload", what, w, faces[face])
		}
	}
}
