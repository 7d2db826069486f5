package markdown

import (
	"strings"
	"testing"
)

func TestRenderFormats(t *testing.T) {
	out, err := New().Render("Il **Comune di Chieri** ha ospitato.\n\n- uno\n- due\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<strong>Comune di Chieri</strong>", "<li>uno</li>", "<p>"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output %q lacks %q", out, want)
		}
	}
}

func TestRenderRemovesDangerousContent(t *testing.T) {
	cases := map[string]string{
		"script tag":        "ciao <script>alert(1)</script>",
		"event handler":     `<img src="x.png" onerror="alert(1)">`,
		"javascript link":   "[clicca](javascript:alert(1))",
		"javascript href":   `<a href="javascript:alert(1)">x</a>`,
		"iframe":            `<iframe src="https://example.org"></iframe>`,
		"style attribute":   `<p style="background:url(javascript:alert(1))">x</p>`,
		"data html link":    "[x](data:text/html;base64,PHNjcmlwdD4=)",
		"uppercase handler": `<div ONMOUSEOVER="alert(1)">x</div>`,
	}
	r := New()
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			out, err := r.Render(src)
			if err != nil {
				t.Fatal(err)
			}
			lower := strings.ToLower(string(out))
			for _, bad := range []string{"<script", "onerror", "onmouseover", "javascript:", "<iframe", "style=", "data:text/html"} {
				if strings.Contains(lower, bad) {
					t.Errorf("output %q still contains %q", out, bad)
				}
			}
		})
	}
}
