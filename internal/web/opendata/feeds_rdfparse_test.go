package opendata_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
) // A small RDF reader for the tests: a Turtle parser and a JSON-LD reader
// written from the W3C grammars, independent of the code that writes the
// catalogue, so that the two serialisations can be compared as graphs.

const (
	xsdNS     = "http://www.w3.org/2001/XMLSchema#"
	rdfTypeNS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
)

// rdfNode is an IRI, a blank node or a literal, written as in N-Triples.
type rdfNode string

func iriNode(iri string) rdfNode { return rdfNode("<" + iri + ">") }

func literalNode(value, lang, datatype string) rdfNode {
	v := strconv.Quote(value)
	if lang != "" {
		return rdfNode(v + "@" + strings.ToLower(lang))
	}
	if datatype == "" {
		datatype = xsdNS + "string"
	}
	return rdfNode(v + "^^<" + datatype + ">")
}

func (n rdfNode) isIRI() bool { return strings.HasPrefix(string(n), "<") }
func (n rdfNode) iri() string { return strings.TrimSuffix(strings.TrimPrefix(string(n), "<"), ">") }

// literal returns the lexical value, language and datatype of a literal.
func (n rdfNode) literal() (value, lang, datatype string, ok bool) {
	s := string(n)
	if !strings.HasPrefix(s, `"`) {
		return "", "", "", false
	}
	end := strings.LastIndex(s, `"`)
	value, err := strconv.Unquote(s[:end+1])
	if err != nil {
		return "", "", "", false
	}
	rest := s[end+1:]
	switch {
	case strings.HasPrefix(rest, "@"):
		return value, rest[1:], "", true
	case strings.HasPrefix(rest, "^^<"):
		return value, "", strings.TrimSuffix(rest[3:], ">"), true
	}
	return value, "", "", true
}

type rdfTriple struct{ S, P, O rdfNode }

func (t rdfTriple) String() string { return fmt.Sprintf("%s %s %s .", t.S, t.P, t.O) }

// rdfGraph is a set of triples with lookups.
type rdfGraph map[rdfTriple]bool

func (g rdfGraph) objects(s rdfNode, p string) []rdfNode {
	var out []rdfNode
	for t := range g {
		if t.S == s && t.P == iriNode(p) {
			out = append(out, t.O)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func (g rdfGraph) subjectsOfType(typ string) []rdfNode {
	var out []rdfNode
	for t := range g {
		if t.P == iriNode(rdfTypeNS) && t.O == iriNode(typ) {
			out = append(out, t.S)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func (g rdfGraph) sorted() []string {
	var out []string
	for t := range g {
		out = append(out, t.String())
	}
	sort.Strings(out)
	return out
}

// ---- Turtle ----

type turtleParser struct {
	src      string
	pos      int
	prefixes map[string]string
	graph    rdfGraph
	blank    int
}

func parseTurtle(src string) (rdfGraph, error) {
	p := &turtleParser{src: src, prefixes: map[string]string{}, graph: rdfGraph{}}
	for {
		p.skip()
		if p.pos >= len(p.src) {
			return p.graph, nil
		}
		if err := p.statement(); err != nil {
			line := strings.Count(p.src[:min(p.pos, len(p.src))], "\n") + 1
			return nil, fmt.Errorf("turtle line %d: %w", line, err)
		}
	}
}

func (p *turtleParser) skip() {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.pos++
		case c == '#':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		default:
			return
		}
	}
}

func (p *turtleParser) peek(s string) bool { return strings.HasPrefix(p.src[p.pos:], s) }

func (p *turtleParser) expect(s string) error {
	p.skip()
	if !p.peek(s) {
		return fmt.Errorf("want %q at %.30q", s, p.src[p.pos:])
	}
	p.pos += len(s)
	return nil
}

func (p *turtleParser) statement() error {
	switch {
	case p.peek("@prefix"):
		p.pos += len("@prefix")
		if err := p.prefixDecl(); err != nil {
			return err
		}
		return p.expect(".")
	case strings.HasPrefix(strings.ToUpper(p.src[p.pos:min(p.pos+7, len(p.src))]), "PREFIX "):
		p.pos += len("PREFIX")
		return p.prefixDecl()
	case p.peek("@base"), strings.HasPrefix(strings.ToUpper(p.src[p.pos:min(p.pos+5, len(p.src))]), "BASE "):
		return fmt.Errorf("@base is not supported by this reader")
	}
	subj, err := p.subject()
	if err != nil {
		return err
	}
	p.skip()
	if !(p.peek(".") && strings.HasPrefix(string(subj), "_:anon")) {
		if err := p.predicateObjectList(subj); err != nil {
			return err
		}
	}
	return p.expect(".")
}

func (p *turtleParser) prefixDecl() error {
	p.skip()
	colon := strings.IndexByte(p.src[p.pos:], ':')
	if colon < 0 {
		return fmt.Errorf("prefix without ':'")
	}
	name := p.src[p.pos : p.pos+colon]
	p.pos += colon + 1
	p.skip()
	iri, err := p.iriRef()
	if err != nil {
		return err
	}
	p.prefixes[name] = iri
	return nil
}

func (p *turtleParser) iriRef() (string, error) {
	if !p.peek("<") {
		return "", fmt.Errorf("want an IRI at %.30q", p.src[p.pos:])
	}
	end := strings.IndexByte(p.src[p.pos:], '>')
	if end < 0 {
		return "", fmt.Errorf("unterminated IRI")
	}
	iri := p.src[p.pos+1 : p.pos+end]
	p.pos += end + 1
	if strings.ContainsAny(iri, " <\"{}|^`\\") {
		return "", fmt.Errorf("character not allowed in IRI %q", iri)
	}
	if !strings.Contains(iri, ":") {
		return "", fmt.Errorf("relative IRI %q without a base", iri)
	}
	return iri, nil
}

func isNameChar(c byte) bool {
	return c == '_' || c == '-' || c == '.' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || c >= 0x80
}

func (p *turtleParser) name() string {
	start := p.pos
	for p.pos < len(p.src) && isNameChar(p.src[p.pos]) {
		p.pos++
	}
	// A name never ends with '.': that dot closes the statement.
	for p.pos > start && p.src[p.pos-1] == '.' {
		p.pos--
	}
	return p.src[start:p.pos]
}

func (p *turtleParser) iri() (rdfNode, error) {
	p.skip()
	if p.peek("<") {
		iri, err := p.iriRef()
		return iriNode(iri), err
	}
	prefix := p.name()
	if !p.peek(":") {
		return "", fmt.Errorf("want an IRI or prefixed name at %.30q", p.src[p.pos:])
	}
	p.pos++
	local := p.name()
	ns, ok := p.prefixes[prefix]
	if !ok {
		return "", fmt.Errorf("undeclared prefix %q", prefix)
	}
	return iriNode(ns + local), nil
}

func (p *turtleParser) subject() (rdfNode, error) {
	p.skip()
	switch {
	case p.peek("_:"):
		p.pos += 2
		return rdfNode("_:" + p.name()), nil
	case p.peek("["):
		return p.blankNodePropertyList()
	}
	return p.iri()
}

func (p *turtleParser) blankNodePropertyList() (rdfNode, error) {
	p.pos++ // [
	p.blank++
	node := rdfNode(fmt.Sprintf("_:anon%d", p.blank))
	p.skip()
	if !p.peek("]") {
		if err := p.predicateObjectList(node); err != nil {
			return "", err
		}
	}
	return node, p.expect("]")
}

func (p *turtleParser) predicateObjectList(subj rdfNode) error {
	for {
		p.skip()
		var pred rdfNode
		if p.peek("a") && p.pos+1 < len(p.src) && !isNameChar(p.src[p.pos+1]) && p.src[p.pos+1] != ':' {
			p.pos++
			pred = iriNode(rdfTypeNS)
		} else {
			var err error
			if pred, err = p.iri(); err != nil {
				return err
			}
		}
		for {
			obj, err := p.object()
			if err != nil {
				return err
			}
			p.graph[rdfTriple{subj, pred, obj}] = true
			p.skip()
			if !p.peek(",") {
				break
			}
			p.pos++
		}
		p.skip()
		if !p.peek(";") {
			return nil
		}
		for p.peek(";") {
			p.pos++
			p.skip()
		}
		if p.peek(".") || p.peek("]") {
			return nil
		}
	}
}

func (p *turtleParser) object() (rdfNode, error) {
	p.skip()
	switch {
	case p.peek(`"`), p.peek("'"):
		return p.literal()
	case p.peek("_:"), p.peek("["):
		return p.subject()
	case p.peek("true"), p.peek("false"):
		v := "true"
		if p.peek("false") {
			v = "false"
		}
		p.pos += len(v)
		return literalNode(v, "", xsdNS+"boolean"), nil
	case p.pos < len(p.src) && (p.src[p.pos] == '-' || p.src[p.pos] == '+' || ('0' <= p.src[p.pos] && p.src[p.pos] <= '9')):
		start := p.pos
		p.pos++
		for p.pos < len(p.src) && ('0' <= p.src[p.pos] && p.src[p.pos] <= '9' || p.src[p.pos] == '.' && p.pos+1 < len(p.src) && '0' <= p.src[p.pos+1] && p.src[p.pos+1] <= '9') {
			p.pos++
		}
		num := p.src[start:p.pos]
		if strings.Contains(num, ".") {
			return literalNode(num, "", xsdNS+"decimal"), nil
		}
		return literalNode(num, "", xsdNS+"integer"), nil
	}
	return p.iri()
}

func (p *turtleParser) literal() (rdfNode, error) {
	q := p.src[p.pos : p.pos+1]
	long := p.peek(q + q + q)
	delim := q
	if long {
		delim = q + q + q
	}
	p.pos += len(delim)
	var b strings.Builder
	for {
		if p.pos >= len(p.src) {
			return "", fmt.Errorf("unterminated string")
		}
		if p.peek(delim) {
			p.pos += len(delim)
			break
		}
		c := p.src[p.pos]
		if !long && (c == '\n' || c == '\r') {
			return "", fmt.Errorf("line break in a short string")
		}
		if c != '\\' {
			r, size := utf8.DecodeRuneInString(p.src[p.pos:])
			b.WriteRune(r)
			p.pos += size
			continue
		}
		if p.pos+1 >= len(p.src) {
			return "", fmt.Errorf("dangling escape")
		}
		e := p.src[p.pos+1]
		p.pos += 2
		switch e {
		case 't':
			b.WriteByte('\t')
		case 'b':
			b.WriteByte('\b')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 'f':
			b.WriteByte('\f')
		case '"', '\'', '\\':
			b.WriteByte(e)
		case 'u', 'U':
			n := 4
			if e == 'U' {
				n = 8
			}
			if p.pos+n > len(p.src) {
				return "", fmt.Errorf("short \\%c escape", e)
			}
			code, err := strconv.ParseUint(p.src[p.pos:p.pos+n], 16, 32)
			if err != nil {
				return "", fmt.Errorf("bad \\%c escape: %v", e, err)
			}
			b.WriteRune(rune(code))
			p.pos += n
		default:
			return "", fmt.Errorf("unknown escape \\%c", e)
		}
	}
	value := b.String()
	switch {
	case p.peek("@"):
		p.pos++
		start := p.pos
		for p.pos < len(p.src) && (isNameChar(p.src[p.pos]) && p.src[p.pos] != '.' && p.src[p.pos] != '_') {
			p.pos++
		}
		return literalNode(value, p.src[start:p.pos], ""), nil
	case p.peek("^^"):
		p.pos += 2
		dt, err := p.iri()
		if err != nil {
			return "", err
		}
		return literalNode(value, "", dt.iri()), nil
	}
	return literalNode(value, "", ""), nil
}

// ---- JSON-LD ----

// parseJSONLD reads the JSON-LD this site writes: a context of prefixes and
// terms, and node objects (top level or in @graph) whose values are IRIs,
// value objects, plain JSON scalars or nested node objects. Anything beyond
// that is refused rather than guessed.
func parseJSONLD(data []byte) (rdfGraph, error) {
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	r := &jsonldReader{ctx: map[string]string{}, graph: rdfGraph{}}
	if c, ok := doc["@context"]; ok {
		m, ok := c.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("@context must be an object")
		}
		for k, v := range m {
			s, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("context term %q is not a plain IRI mapping", k)
			}
			r.ctx[k] = s
		}
	}
	nodes := []any{doc}
	if g, ok := doc["@graph"]; ok {
		l, ok := g.([]any)
		if !ok {
			return nil, fmt.Errorf("@graph must be an array")
		}
		nodes = l
	}
	for _, n := range nodes {
		m, ok := n.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("node %v is not an object", n)
		}
		if _, err := r.node(m); err != nil {
			return nil, err
		}
	}
	return r.graph, nil
}

type jsonldReader struct {
	ctx   map[string]string
	graph rdfGraph
	blank int
}

func (r *jsonldReader) expandIRI(s string) (string, error) {
	if iri, ok := r.ctx[s]; ok {
		return r.expandIRI(iri)
	}
	prefix, local, found := strings.Cut(s, ":")
	if !found {
		return "", fmt.Errorf("cannot expand %q", s)
	}
	if ns, ok := r.ctx[prefix]; ok && !strings.HasPrefix(local, "//") {
		return ns + local, nil
	}
	return s, nil
}

func (r *jsonldReader) node(m map[string]any) (rdfNode, error) {
	var subj rdfNode
	if id, ok := m["@id"].(string); ok {
		iri, err := r.expandIRI(id)
		if err != nil {
			return "", err
		}
		subj = iriNode(iri)
	} else {
		r.blank++
		subj = rdfNode(fmt.Sprintf("_:b%d", r.blank))
	}
	for k, v := range m {
		switch k {
		case "@id", "@context", "@graph":
			continue
		case "@type":
			for _, t := range asList(v) {
				s, ok := t.(string)
				if !ok {
					return "", fmt.Errorf("@type %v is not a string", t)
				}
				iri, err := r.expandIRI(s)
				if err != nil {
					return "", err
				}
				r.graph[rdfTriple{subj, iriNode(rdfTypeNS), iriNode(iri)}] = true
			}
			continue
		}
		if strings.HasPrefix(k, "@") {
			return "", fmt.Errorf("keyword %s is not supported", k)
		}
		pred, err := r.expandIRI(k)
		if err != nil {
			return "", err
		}
		for _, item := range asList(v) {
			obj, err := r.value(item)
			if err != nil {
				return "", fmt.Errorf("%s: %w", k, err)
			}
			r.graph[rdfTriple{subj, iriNode(pred), obj}] = true
		}
	}
	return subj, nil
}

func (r *jsonldReader) value(v any) (rdfNode, error) {
	switch x := v.(type) {
	case string:
		return literalNode(x, "", ""), nil
	case bool:
		return literalNode(strconv.FormatBool(x), "", xsdNS+"boolean"), nil
	case float64:
		if x == float64(int64(x)) {
			return literalNode(strconv.FormatInt(int64(x), 10), "", xsdNS+"integer"), nil
		}
		return literalNode(strconv.FormatFloat(x, 'E', -1, 64), "", xsdNS+"double"), nil
	case map[string]any:
		if val, ok := x["@value"]; ok {
			s, ok := val.(string)
			if !ok {
				return "", fmt.Errorf("@value %v is not a string", val)
			}
			lang, _ := x["@language"].(string)
			dt := ""
			if t, ok := x["@type"].(string); ok {
				iri, err := r.expandIRI(t)
				if err != nil {
					return "", err
				}
				dt = iri
			}
			return literalNode(s, lang, dt), nil
		}
		if id, ok := x["@id"].(string); ok && len(x) == 1 {
			iri, err := r.expandIRI(id)
			return iriNode(iri), err
		}
		return r.node(x)
	}
	return "", fmt.Errorf("unsupported value %v", v)
}

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}
