package web_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// dom is a parsed page, queried by structure (ids, landmarks, headings) rather
// than by CSS classes, so restyling a page does not break what tests check.
type dom struct{ n *html.Node }

func parseDOM(t *testing.T, body string) dom {
	t.Helper()
	n, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	return dom{n}
}

func (d dom) ok() bool { return d.n != nil }

// findAll returns every element below d for which match is true, in document order.
func (d dom) findAll(match func(*html.Node) bool) []dom {
	var out []dom
	if d.n == nil {
		return nil
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && match(c) {
				out = append(out, dom{c})
			}
			walk(c)
		}
	}
	walk(d.n)
	return out
}

func (d dom) find(match func(*html.Node) bool) dom {
	if all := d.findAll(match); len(all) > 0 {
		return all[0]
	}
	return dom{}
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func (d dom) attr(key string) string {
	if d.n == nil {
		return ""
	}
	return attrOf(d.n, key)
}

// tag returns every element with the given tag name.
func (d dom) tag(name string) []dom {
	return d.findAll(func(n *html.Node) bool { return n.Data == name })
}

func (d dom) first(name string) dom {
	return d.find(func(n *html.Node) bool { return n.Data == name })
}

// labelled returns the element (a section) labelled by the heading with this id.
func (d dom) labelled(headingID string) dom {
	return d.find(func(n *html.Node) bool { return attrOf(n, "aria-labelledby") == headingID })
}

// main returns the page's main landmark.
func (d dom) main() dom { return d.first("main") }

// text is the visible text, whitespace collapsed.
func (d dom) text() string {
	if d.n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		if block {
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte(' ')
		}
	}
	walk(d.n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// texts returns the text of each element.
func texts(ds []dom) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.text()
	}
	return out
}

// items returns the text of every list item below d.
func (d dom) items() []string { return texts(d.tag("li")) }

// hrefs returns the target of every link below d.
func (d dom) hrefs() []string {
	var out []string
	for _, a := range d.tag("a") {
		out = append(out, a.attr("href"))
	}
	return out
}

// facts reads a definition list: term text → definition text.
func (d dom) facts() map[string]string {
	out := map[string]string{}
	for _, dt := range d.tag("dt") {
		dd := dt.n.NextSibling
		for dd != nil && (dd.Type != html.ElementNode || dd.Data != "dd") {
			dd = dd.NextSibling
		}
		if dd != nil {
			out[dt.text()] = dom{dd}.text()
		}
	}
	return out
}

// headedLists reads a section made of headings each followed by a list:
// heading text → the list's items.
func (d dom) headedLists(headingTag string) map[string][]string {
	out := map[string][]string{}
	for _, h := range d.tag(headingTag) {
		next := h.n.NextSibling
		for next != nil && next.Type != html.ElementNode {
			next = next.NextSibling
		}
		if next != nil && (next.Data == "ul" || next.Data == "ol") {
			out[h.text()] = dom{next}.items()
		}
	}
	return out
}

type htmlNode = html.Node

func hasAttr(d dom, key string) bool {
	if d.n == nil {
		return false
	}
	for _, a := range d.n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// blockTags separate words in text(); inline elements do not.
var blockTags = map[string]bool{"p": true, "div": true, "li": true, "ul": true, "ol": true, "dt": true, "dd": true, "dl": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "td": true, "th": true, "tr": true, "table": true,
	"caption": true, "section": true, "article": true, "header": true, "footer": true, "nav": true, "main": true, "br": true,
	"form": true, "label": true, "option": true, "select": true, "button": true}
