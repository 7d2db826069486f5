package opendata

import (
	"encoding/json"
	"net/http"

	"benicommunity/internal/web/core"
)

type apiPageData struct {
	Groups []apiEndpointGroup
}

type apiEndpointGroup struct {
	Tag       string
	Endpoints []apiEndpointView
}

type apiEndpointView struct {
	apiEndpoint
	Params []apiParamView
}

type apiParamView struct {
	Name     string
	In       string
	Required bool
	Example  string
	Values   []string // allowed values, when the parameter is an enumeration
}

// APIPage is the human guide to the API and the CSV files, built from the
// OpenAPI document so the two cannot disagree; the words come from the catalogue.
func (s *Handler) APIPage(w http.ResponseWriter, r *http.Request) {
	endpoints, err := apiEndpoints()
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	enums, err := openAPIEnums()
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	var data apiPageData
	for _, e := range endpoints {
		if len(data.Groups) == 0 || data.Groups[len(data.Groups)-1].Tag != e.Tag {
			data.Groups = append(data.Groups, apiEndpointGroup{Tag: e.Tag})
		}
		view := apiEndpointView{apiEndpoint: e}
		for _, p := range e.Params {
			pv := apiParamView{Name: p.Name, In: p.In, Required: p.Required, Values: schemaEnum(p.Schema, enums)}
			if p.Example != nil {
				pv.Example = jsonScalar(p.Example)
			}
			view.Params = append(view.Params, pv)
		}
		g := &data.Groups[len(data.Groups)-1]
		g.Endpoints = append(g.Endpoints, view)
	}
	l := s.Localizer(r)
	s.Render(w, r, http.StatusOK, "api_index", core.Page{L: l, Title: l.T("api.page.title"), Description: l.T("api.page.description"), Data: data})
}

func jsonScalar(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

type enumSchema struct {
	Ref  string   `json:"$ref"`
	Enum []string `json:"enum"`
}

// openAPIEnums returns the enumerations among the document's named schemas.
func openAPIEnums() (map[string][]string, error) {
	var doc struct {
		Components struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for name, raw := range doc.Components.Schemas {
		var e enumSchema
		if json.Unmarshal(raw, &e) == nil && len(e.Enum) > 0 {
			out["#/components/schemas/"+name] = e.Enum
		}
	}
	return out, nil
}

func schemaEnum(raw json.RawMessage, named map[string][]string) []string {
	var e enumSchema
	if json.Unmarshal(raw, &e) != nil {
		return nil
	}
	if e.Ref != "" {
		return named[e.Ref]
	}
	return e.Enum
}
