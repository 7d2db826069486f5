package opendata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// rdfPrefixes are the vocabularies of the catalogue, in the order both
// serialisations declare them.
var rdfPrefixes = []struct{ Prefix, IRI string }{
	{"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
	{"dcat", "http://www.w3.org/ns/dcat#"},
	{"dcatapit", "http://dati.gov.it/onto/dcatapit#"},
	{"dct", "http://purl.org/dc/terms/"},
	{"foaf", "http://xmlns.com/foaf/0.1/"},
	{"vcard", "http://www.w3.org/2006/vcard/ns#"},
	{"xsd", "http://www.w3.org/2001/XMLSchema#"},
}

const rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

// rdfTerm is the object of a triple: an IRI, or a literal with an optional
// datatype or language.
type rdfTerm struct {
	IRI      string
	Value    string
	Datatype string
	Lang     string
}

type triple struct {
	S, P string
	O    rdfTerm
}

// graph is an ordered list of triples; subjects stay in the order first seen.
type graph struct {
	triples []triple
}

// expand turns a prefixed name such as dct:title into its IRI.
func expand(curie string) string {
	if strings.HasPrefix(curie, "http://") || strings.HasPrefix(curie, "https://") {
		return curie
	}
	prefix, local, _ := strings.Cut(curie, ":")
	for _, p := range rdfPrefixes {
		if p.Prefix == prefix {
			return p.IRI + local
		}
	}
	return curie // an absolute IRI of another scheme, such as mailto:
}

func (g *graph) iri(s, p, o string) { g.add(s, p, rdfTerm{IRI: expand(o)}) }
func (g *graph) text(s, p, v string) {
	if v != "" {
		g.add(s, p, rdfTerm{Value: v, Lang: "it"})
	}
}
func (g *graph) plain(s, p, v string) {
	if v != "" {
		g.add(s, p, rdfTerm{Value: v})
	}
}
func (g *graph) date(s, p string, t time.Time) {
	g.add(s, p, rdfTerm{Value: t.UTC().Format(time.DateOnly), Datatype: expand("xsd:date")})
}
func (g *graph) add(s, p string, o rdfTerm) {
	g.triples = append(g.triples, triple{S: s, P: expand(p), O: o})
}

// dcatGraph states the catalogue in the DCAT-AP_IT profile: every node has an
// IRI (no blank nodes), so the two serialisations are the same graph, triple
// for triple.
func dcatGraph(c catalogue) *graph {
	g := &graph{}
	g.catalogNode(c)
	g.publisherNode(c)
	g.contactNode(c)
	g.licenseNode(c)
	for _, d := range c.Datasets {
		g.datasetNode(c, d)
		for _, dist := range d.Distributions {
			g.distributionNode(c, dist)
		}
	}
	return g
}

// catalogNode states the catalogue itself and lists its datasets.
func (g *graph) catalogNode(c catalogue) {
	g.iri(c.URI, "rdf:type", "dcatapit:Catalog")
	g.iri(c.URI, "rdf:type", "dcat:Catalog")
	g.text(c.URI, "dct:title", c.Title)
	g.text(c.URI, "dct:description", c.Description)
	g.iri(c.URI, "dct:publisher", c.Publisher.URI)
	g.date(c.URI, "dct:issued", c.Issued)
	g.date(c.URI, "dct:modified", c.Modified)
	g.iri(c.URI, "dct:language", euLanguageITA)
	g.iri(c.URI, "foaf:homepage", c.Homepage)
	g.iri(c.URI, "dcat:themeTaxonomy", euThemeTaxonomy)
	for _, d := range c.Datasets {
		g.iri(c.URI, "dcat:dataset", d.URI)
	}
}

// publisherNode states the body that publishes the catalogue.
func (g *graph) publisherNode(c catalogue) {
	g.iri(c.Publisher.URI, "rdf:type", "dcatapit:Agent")
	g.iri(c.Publisher.URI, "rdf:type", "foaf:Agent")
	g.plain(c.Publisher.URI, "dct:identifier", c.Publisher.ID)
	g.text(c.Publisher.URI, "foaf:name", c.Publisher.Name)
}

// contactNode states the contact point of every dataset.
func (g *graph) contactNode(c catalogue) {
	g.iri(c.Contact.URI, "rdf:type", "dcatapit:Organization")
	g.iri(c.Contact.URI, "rdf:type", "vcard:Organization")
	g.text(c.Contact.URI, "vcard:fn", c.Contact.Name)
	if c.Contact.Email != "" {
		g.iri(c.Contact.URI, "vcard:hasEmail", "mailto:"+c.Contact.Email)
	}
	g.iri(c.Contact.URI, "vcard:hasURL", c.Contact.URL)
}

// licenseNode states the licence of every distribution.
func (g *graph) licenseNode(c catalogue) {
	g.iri(c.License.URI, "rdf:type", "dcatapit:LicenseDocument")
	g.iri(c.License.URI, "rdf:type", "dct:LicenseDocument")
	g.text(c.License.URI, "foaf:name", c.License.Name)
	if c.License.Attribution {
		g.iri(c.License.URI, "dct:type", admsAttribution)
	}
}

// datasetNode states one dataset and lists its distributions.
func (g *graph) datasetNode(c catalogue, d dataset) {
	g.iri(d.URI, "rdf:type", "dcatapit:Dataset")
	g.iri(d.URI, "rdf:type", "dcat:Dataset")
	g.plain(d.URI, "dct:identifier", d.Identifier)
	g.text(d.URI, "dct:title", d.Title)
	g.text(d.URI, "dct:description", d.Description)
	g.date(d.URI, "dct:issued", c.Issued)
	g.date(d.URI, "dct:modified", d.Modified)
	g.iri(d.URI, "dcat:theme", euThemeGOVE)
	g.iri(d.URI, "dct:publisher", c.Publisher.URI)
	g.iri(d.URI, "dct:rightsHolder", c.Publisher.URI)
	g.iri(d.URI, "dct:accrualPeriodicity", euFrequencyIrr)
	g.iri(d.URI, "dct:language", euLanguageITA)
	g.iri(d.URI, "dcat:contactPoint", c.Contact.URI)
	g.iri(d.URI, "dcat:landingPage", c.URI)
	for _, dist := range d.Distributions {
		g.iri(d.URI, "dcat:distribution", dist.URI)
	}
}

// distributionNode states one downloadable file of a dataset.
func (g *graph) distributionNode(c catalogue, dist distribution) {
	g.iri(dist.URI, "rdf:type", "dcatapit:Distribution")
	g.iri(dist.URI, "rdf:type", "dcat:Distribution")
	g.text(dist.URI, "dct:title", dist.Title)
	g.iri(dist.URI, "dct:format", euFileType+dist.Format)
	g.iri(dist.URI, "dcat:accessURL", dist.URL)
	g.iri(dist.URI, "dcat:downloadURL", dist.URL)
	g.iri(dist.URI, "dct:license", c.License.URI)
}

// subjects returns the subjects in first-seen order with their triples.
func (g *graph) subjects() ([]string, map[string][]triple) {
	var order []string
	by := map[string][]triple{}
	for _, t := range g.triples {
		if _, ok := by[t.S]; !ok {
			order = append(order, t.S)
		}
		by[t.S] = append(by[t.S], t)
	}
	return order, by
}

var pnLocal = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)

// compact writes an IRI with a known prefix where Turtle and JSON-LD allow it.
func compact(iri string) (string, bool) {
	for _, p := range rdfPrefixes {
		if local, ok := strings.CutPrefix(iri, p.IRI); ok && pnLocal.MatchString(local) {
			return p.Prefix + ":" + local, true
		}
	}
	return iri, false
}

// Characters an IRIREF may not hold; configured URLs are percent-encoded
// already, this is the last line of defence.
var iriEscaper = strings.NewReplacer(" ", "%20", "<", "%3C", ">", "%3E", `"`, "%22", "{", "%7B", "}", "%7D",
	"|", "%7C", "^", "%5E", "`", "%60", `\`, "%5C")

func turtleIRI(iri string) string {
	if c, ok := compact(iri); ok {
		return c
	}
	return "<" + iriEscaper.Replace(iri) + ">"
}

var turtleStringEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)

func turtleTerm(o rdfTerm) string {
	if o.IRI != "" {
		return turtleIRI(o.IRI)
	}
	s := `"` + turtleStringEscaper.Replace(o.Value) + `"`
	switch {
	case o.Lang != "":
		s += "@" + o.Lang
	case o.Datatype != "":
		s += "^^" + turtleIRI(o.Datatype)
	}
	return s
}

// turtle serialises the graph as RDF 1.1 Turtle, one block per subject.
func (g *graph) turtle() []byte {
	var b bytes.Buffer
	for _, p := range rdfPrefixes {
		fmt.Fprintf(&b, "@prefix %s: <%s> .\n", p.Prefix, p.IRI)
	}
	order, by := g.subjects()
	for _, s := range order {
		b.WriteString("\n" + turtleIRI(s))
		ts := by[s]
		for i, t := range ts {
			pred := turtleIRI(t.P)
			if t.P == rdfType {
				pred = "a"
			}
			if i > 0 && ts[i-1].P == t.P {
				b.WriteString(" ,\n        " + turtleTerm(t.O))
				continue
			}
			if i > 0 {
				b.WriteString(" ;")
			}
			b.WriteString("\n    " + pred + " " + turtleTerm(t.O))
		}
		b.WriteString(" .\n")
	}
	return b.Bytes()
}

// jsonLD serialises the graph as JSON-LD: a context with the prefixes and
// one node object per subject in @graph.
func (g *graph) jsonLD() ([]byte, error) {
	ctx := map[string]string{}
	for _, p := range rdfPrefixes {
		ctx[p.Prefix] = p.IRI
	}
	order, by := g.subjects()
	nodes := make([]map[string]any, 0, len(order))
	for _, s := range order {
		node := map[string]any{"@id": s}
		var types []string
		props := map[string][]any{}
		var keys []string
		for _, t := range by[s] {
			if t.P == rdfType {
				c, _ := compact(t.O.IRI)
				types = append(types, c)
				continue
			}
			key, _ := compact(t.P)
			if _, ok := props[key]; !ok {
				keys = append(keys, key)
			}
			props[key] = append(props[key], jsonLDValue(t.O))
		}
		if len(types) > 0 {
			node["@type"] = types
		}
		for _, k := range keys {
			node[k] = props[k]
		}
		nodes = append(nodes, node)
	}
	return json.MarshalIndent(map[string]any{"@context": ctx, "@graph": nodes}, "", "  ")
}

func jsonLDValue(o rdfTerm) map[string]string {
	switch {
	case o.IRI != "":
		return map[string]string{"@id": o.IRI}
	case o.Lang != "":
		return map[string]string{"@value": o.Value, "@language": o.Lang}
	case o.Datatype != "":
		dt, _ := compact(o.Datatype)
		return map[string]string{"@value": o.Value, "@type": dt}
	}
	return map[string]string{"@value": o.Value}
}

// CatalogueJSONLD serves the catalogue as JSON-LD: /opendata/catalogo.jsonld.
func (s *Handler) CatalogueJSONLD(w http.ResponseWriter, r *http.Request) {
	c, err := s.catalogue(r, s.Bundle.Localizer("it"))
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	body, err := dcatGraph(c).jsonLD()
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	writeFeed(w, r, "application/ld+json; charset=utf-8", body)
}

// CatalogueTurtle serves the catalogue as Turtle: /opendata/catalogo.ttl.
func (s *Handler) CatalogueTurtle(w http.ResponseWriter, r *http.Request) {
	c, err := s.catalogue(r, s.Bundle.Localizer("it"))
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	writeFeed(w, r, "text/turtle; charset=utf-8", dcatGraph(c).turtle())
}
