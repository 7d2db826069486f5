package opendata

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
)

// The OpenAPI 3.1 description is a hand-kept JSON file embedded in the
// binary: it is the contract, reviewed like code, and a test checks it
// against routes.go and validates real answers against its schemas.

//go:embed api_openapi.json
var openAPIDocument []byte

// APIOpenAPI serves the OpenAPI document.
func (s *Handler) APIOpenAPI(w http.ResponseWriter, r *http.Request) {
	p := s.readAPIParams(r)
	if !p.ok() {
		s.apiBadParams(w, r, p.bad)
		return
	}
	s.apiWrite(w, r, http.StatusOK, contentJSON, openAPIDocument)
}

// openAPIDoc is the part of the document the /api page shows.
type openAPIDoc struct {
	Paths      map[string]map[string]openAPIOperation `json:"paths"`
	Components struct {
		Parameters map[string]openAPIParameter `json:"parameters"`
	} `json:"components"`
}

type openAPIOperation struct {
	OperationID string `json:"operationId"`
	// ExampleLink, when set, is the request the API page links instead of
	// one built from the parameters' examples: for a resource the default
	// data may not hold (a network starts with no pacts).
	ExampleLink string                     `json:"x-example-link"`
	Tags        []string                   `json:"tags"`
	Parameters  []openAPIParameter         `json:"parameters"`
	Responses   map[string]json.RawMessage `json:"responses"`
}

type openAPIParameter struct {
	Ref      string          `json:"$ref"`
	Name     string          `json:"name"`
	In       string          `json:"in"`
	Required bool            `json:"required"`
	Example  any             `json:"example"`
	Schema   json.RawMessage `json:"schema"`
}

// apiEndpoint is one operation as the /api page lists it.
type apiEndpoint struct {
	Method      string
	Path        string
	OperationID string
	Tag         string
	Params      []openAPIParameter
	Statuses    []string
	Example     string // a request that works on the default data
}

// apiEndpoints reads the embedded document into the page's list, in the
// document's tag order and then by path.
func apiEndpoints() ([]apiEndpoint, error) {
	var doc openAPIDoc
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		return nil, fmt.Errorf("parse the OpenAPI document: %w", err)
	}
	var out []apiEndpoint
	for path, ops := range doc.Paths {
		for method, op := range ops {
			e := apiEndpoint{Method: strings.ToUpper(method), Path: path, OperationID: op.OperationID}
			if len(op.Tags) > 0 {
				e.Tag = op.Tags[0]
			}
			example, query := path, []string{}
			for _, p := range op.Parameters {
				if p.Ref != "" {
					name := strings.TrimPrefix(p.Ref, "#/components/parameters/")
					resolved, ok := doc.Components.Parameters[name]
					if !ok {
						return nil, fmt.Errorf("OpenAPI %s %s: unknown parameter %q", method, path, p.Ref)
					}
					p = resolved
				}
				e.Params = append(e.Params, p)
				if p.Example == nil {
					continue
				}
				v := fmt.Sprint(p.Example)
				if p.In == "path" {
					example = strings.ReplaceAll(example, "{"+p.Name+"}", v)
				} else if len(query) == 0 {
					query = append(query, p.Name+"="+v) // one filter is enough to show the idea
				}
			}
			if len(query) > 0 {
				example += "?" + query[0]
			}
			e.Example = example
			if op.ExampleLink != "" {
				e.Example = op.ExampleLink
			}
			for code := range op.Responses {
				e.Statuses = append(e.Statuses, code)
			}
			sort.Strings(e.Statuses)
			out = append(out, e)
		}
	}
	tagOrder := map[string]int{"API": 0, "Activities": 1, "Bodies": 2, "Network": 3, "Registry": 4, "CSV": 5}
	sort.Slice(out, func(i, j int) bool {
		if tagOrder[out[i].Tag] != tagOrder[out[j].Tag] {
			return tagOrder[out[i].Tag] < tagOrder[out[j].Tag]
		}
		return out[i].Path < out[j].Path
	})
	return out, nil
}
