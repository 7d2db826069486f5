package webtest

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// dom is a parsed page, queried by structure (ids, landmarks, headings) rather
// than by CSS classes, so restyling a page does not break what tests check.
type DOM struct{ n *html.Node }

func ParseDOM(t *testing.T, body string) DOM {
	t.Helper()
	n, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	return DOM{n}
}

func (d DOM) OK() bool { return d.n != nil }

// findAll returns every element below d for which match is true, in document order.
func (d DOM) FindAll(match func(*html.Node) bool) []DOM {
	var out []DOM
	if d.n == nil {
		return nil
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && match(c) {
				out = append(out, DOM{c})
			}
			walk(c)
		}
	}
	walk(d.n)
	return out
}

func (d DOM) Find(match func(*html.Node) bool) DOM {
	if all := d.FindAll(match); len(all) > 0 {
		return all[0]
	}
	return DOM{}
}

func AttrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func (d DOM) Attr(key string) string {
	if d.n == nil {
		return ""
	}
	return AttrOf(d.n, key)
}

// tag returns every element with the given tag name.
func (d DOM) Tag(name string) []DOM {
	return d.FindAll(func(n *html.Node) bool { return n.Data == name })
}

func (d DOM) First(name string) DOM {
	return d.Find(func(n *html.Node) bool { return n.Data == name })
}

// labelled returns the element (a section) labelled by the heading with this id.
func (d DOM) Labelled(headingID string) DOM {
	return d.Find(func(n *html.Node) bool { return AttrOf(n, "aria-labelledby") == headingID })
}

// main returns the page's main landmark.
func (d DOM) Main() DOM { return d.First("main") }

// text is the visible text, whitespace collapsed.
func (d DOM) Text() string {
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
func Texts(ds []DOM) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Text()
	}
	return out
}

// items returns the text of every list item below d.
func (d DOM) Items() []string { return Texts(d.Tag("li")) }

// hrefs returns the target of every link below d.
func (d DOM) Hrefs() []string {
	var out []string
	for _, a := range d.Tag("a") {
		out = append(out, a.Attr("href"))
	}
	return out
}

// facts reads a definition list: term text → definition text.
func (d DOM) Facts() map[string]string {
	out := map[string]string{}
	for _, dt := range d.Tag("dt") {
		dd := dt.n.NextSibling
		for dd != nil && (dd.Type != html.ElementNode || dd.Data != "dd") {
			dd = dd.NextSibling
		}
		if dd != nil {
			out[dt.Text()] = DOM{dd}.Text()
		}
	}
	return out
}

// headedLists reads a section made of headings each followed by a list:
// heading text → the list's items.
func (d DOM) HeadedLists(headingTag string) map[string][]string {
	out := map[string][]string{}
	for _, h := range d.Tag(headingTag) {
		next := h.n.NextSibling
		for next != nil && next.Type != html.ElementNode {
			next = next.NextSibling
		}
		if next != nil && (next.Data == "ul" || next.Data == "ol") {
			out[h.Text()] = DOM{next}.Items()
		}
	}
	return out
}

type HTMLNode = html.Node

func HasAttr(d DOM, key string) bool {
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
