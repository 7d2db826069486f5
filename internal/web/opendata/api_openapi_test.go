package opendata_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

const openAPIBase = "https://benicommunity.test/openapi.json"

// openAPI is the served OpenAPI document, as a generic tree and compiled on demand.
type openAPI struct {
	doc      map[string]any
	compiler *jsonschema.Compiler
}

func loadOpenAPI(t *testing.T, s *Site) *openAPI {
	t.Helper()
	res := s.APIGet(t, "/api/openapi.json")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/openapi.json: %d", res.StatusCode)
	}
	var doc map[string]any
	if err := json.Unmarshal(res.Body, &doc); err != nil {
		t.Fatalf("the OpenAPI document is not JSON: %v", err)
	}
	if doc["openapi"] != "3.1.0" {
		t.Fatalf("openapi = %v, want 3.1.0", doc["openapi"])
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(res.Body))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource(openAPIBase, inst); err != nil {
		t.Fatal(err)
	}
	return &openAPI{doc: doc, compiler: c}
}

func pointerEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// at follows a JSON pointer from the document's root.
func (o *openAPI) at(pointer string) (any, error) {
	var cur any = o.doc
	for _, part := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: %q is not inside an object", pointer, part)
		}
		if cur, ok = m[part]; !ok {
			return nil, fmt.Errorf("%s: no %q", pointer, part)
		}
	}
	return cur, nil
}

// response returns the pointer of a documented response, following a $ref.
func (o *openAPI) Response(path, method, status string) (string, map[string]any, bool) {
	ptr := "/paths/" + pointerEscape(path) + "/" + method + "/responses/" + status
	v, err := o.at(ptr)
	if err != nil {
		return "", nil, false
	}
	m := v.(map[string]any)
	if ref, ok := m["$ref"].(string); ok {
		ptr = strings.TrimPrefix(ref, "#")
		v, err = o.at(ptr)
		if err != nil {
			return "", nil, false
		}
		m = v.(map[string]any)
	}
	return ptr, m, true
}

// validate checks a real answer against the documented response: its
// content type is documented, the headers documented are there, and a JSON
// body validates against the schema.
func (o *openAPI) validate(t *testing.T, path, method string, res APIResponse) {
	t.Helper()
	status := fmt.Sprint(res.StatusCode)
	ptr, resp, ok := o.Response(path, method, status)
	if !ok {
		t.Errorf("%s %s answered %s, which is not documented", method, path, status)
		return
	}
	if headers, ok := resp["headers"].(map[string]any); ok {
		for name := range headers {
			if res.Header.Get(name) == "" {
				t.Errorf("%s %s (%s): documented header %s is missing", method, path, status, name)
			}
		}
	}
	content, _ := resp["content"].(map[string]any)
	if len(content) == 0 {
		if len(res.Body) != 0 {
			t.Errorf("%s %s (%s): documented without a body, got %q", method, path, status, res.Body)
		}
		return
	}
	mediaType, _, _ := strings.Cut(res.Header.Get("Content-Type"), ";")
	if _, ok := content[mediaType]; !ok {
		t.Errorf("%s %s (%s): content type %q is not documented", method, path, status, mediaType)
		return
	}
	if !strings.HasSuffix(mediaType, "json") {
		return
	}
	sch, err := o.compiler.Compile(openAPIBase + "#" + ptr + "/content/" + pointerEscape(mediaType) + "/schema")
	if err != nil {
		t.Fatalf("compile the schema of %s %s %s: %v", method, path, status, err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(res.Body))
	if err != nil {
		t.Errorf("%s %s (%s): the body is not JSON: %v", method, path, status, err)
		return
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s %s (%s): the answer does not match the schema: %v\n%s", method, path, status, err, res.Body)
	}
}

// operations lists the documented (path, method) pairs, sorted.
func (o *openAPI) operations() [][2]string {
	var out [][2]string
	for path, item := range o.doc["paths"].(map[string]any) {
		for method := range item.(map[string]any) {
			out = append(out, [2]string{path, method})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0]+out[i][1] < out[j][0]+out[j][1] })
	return out
}

// exampleURL fills the path parameters and, when withQuery, every query
// parameter with its documented example.
func (o *openAPI) exampleURL(t *testing.T, path, method string, withQuery bool) string {
	t.Helper()
	op, err := o.at("/paths/" + pointerEscape(path) + "/" + method)
	if err != nil {
		t.Fatal(err)
	}
	params, _ := op.(map[string]any)["parameters"].([]any)
	q := url.Values{}
	for _, raw := range params {
		p := raw.(map[string]any)
		if ref, ok := p["$ref"].(string); ok {
			v, err := o.at(strings.TrimPrefix(ref, "#"))
			if err != nil {
				t.Fatal(err)
			}
			p = v.(map[string]any)
		}
		name, in := p["name"].(string), p["in"].(string)
		example, has := p["example"]
		if in == "path" {
			if !has {
				t.Fatalf("%s: path parameter %s has no example", path, name)
			}
			path = strings.ReplaceAll(path, "{"+name+"}", fmt.Sprint(example))
			continue
		}
		if withQuery && has {
			q.Set(name, fmt.Sprint(example))
		}
	}
	if enc := q.Encode(); enc != "" {
		return path + "?" + enc
	}
	return path
}

var routeLine = regexp.MustCompile(`mux\.Handle(?:Func)?\("(?:([A-Z]+) )?(/[^"]*)"`)

// TestOpenAPIDescribesEveryRoute reads the route list and checks every open-data
// route is in the OpenAPI document, and every documented path is routed.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	src, err := os.ReadFile("../routes.go")
	if err != nil {
		t.Fatal(err)
	}
	s := NewSite(t, store.SQLite)
	o := loadOpenAPI(t, s)
	paths := o.doc["paths"].(map[string]any)
	routed := map[string]bool{}
	for _, m := range routeLine.FindAllStringSubmatch(string(src), -1) {
		method, pattern := m[1], m[2]
		if method != "GET" || !(strings.HasPrefix(pattern, "/api/") || strings.HasPrefix(pattern, "/dati/") && strings.HasSuffix(pattern, ".csv")) {
			continue
		}
		path := strings.TrimSuffix(pattern, "{$}")
		routed[path] = true
		item, ok := paths[path].(map[string]any)
		if !ok {
			t.Errorf("route GET %s is not described in the OpenAPI document", pattern)
			continue
		}
		if _, ok := item["get"]; !ok {
			t.Errorf("route GET %s: the OpenAPI document does not describe its GET operation", pattern)
		}
	}
	if len(routed) < 10 {
		t.Fatalf("found only %d open-data routes in routes.go: the pattern no longer matches the file", len(routed))
	}
	for path := range paths {
		if !routed[path] {
			t.Errorf("the OpenAPI document describes %s, which routes.go does not register", path)
		}
	}
}

// TestOpenAPIAnswersAsDescribed calls every documented operation and checks
// each answer against the document: 200 with and without the example
// filters, 304 on a matching If-None-Match, 400 for an unknown parameter and
// 404 for an unknown slug where documented.
func TestOpenAPIAnswersAsDescribed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		s := NewSite(t, d)
		seedRegistry(t, s.Store) // the default network has no pacts: one makes the registry's examples answer
		o := loadOpenAPI(t, s)
		for _, op := range o.operations() {
			path, method := op[0], op[1]
			if method != "get" {
				t.Errorf("%s %s: the API is read-only, only GET is expected", method, path)
				continue
			}
			t.Run(path, func(t *testing.T) {
				for _, withQuery := range []bool{false, true} {
					u := o.exampleURL(t, path, method, withQuery)
					res := s.APIGet(t, u)
					if res.StatusCode != http.StatusOK {
						t.Fatalf("GET %s: %d, want 200: %s", u, res.StatusCode, res.Body)
					}
					o.validate(t, path, method, res)
					if withQuery && strings.HasPrefix(path, "/api/v1/") && strings.Contains(u, "?") {
						var list struct{ Data []any }
						if json.Unmarshal(res.Body, &list) == nil && list.Data != nil && len(list.Data) == 0 {
							t.Errorf("GET %s: the documented examples find nothing on the default data", u)
						}
					}
					again := s.APIGet(t, u, "If-None-Match", res.Header.Get("ETag"))
					if again.StatusCode != http.StatusNotModified {
						t.Errorf("GET %s with If-None-Match: %d, want 304", u, again.StatusCode)
					} else {
						o.validate(t, path, method, again)
					}
				}
				if _, _, ok := o.Response(path, method, "400"); ok {
					u := o.exampleURL(t, path, method, false) + "?no_such_filter=1"
					res := s.APIGet(t, u)
					if res.StatusCode != http.StatusBadRequest {
						t.Errorf("GET %s: %d, want 400", u, res.StatusCode)
					}
					o.validate(t, path, method, res)
				}
				if _, _, ok := o.Response(path, method, "404"); ok {
					u := strings.ReplaceAll(path, "{slug}", "non-esiste-davvero")
					res := s.APIGet(t, u)
					if res.StatusCode != http.StatusNotFound {
						t.Errorf("GET %s: %d, want 404", u, res.StatusCode)
					}
					o.validate(t, path, method, res)
				}
			})
		}
	})
}

// TestOpenAPISchemasCompile compiles every named schema, so a broken one
// fails here even when no answer uses it.
func TestOpenAPISchemasCompile(t *testing.T) {
	s := NewSite(t, store.SQLite)
	o := loadOpenAPI(t, s)
	schemas := o.doc["components"].(map[string]any)["schemas"].(map[string]any)
	for name := range schemas {
		if _, err := o.compiler.Compile(openAPIBase + "#/components/schemas/" + pointerEscape(name)); err != nil {
			t.Errorf("schema %s: %v", name, err)
		}
	}
}
