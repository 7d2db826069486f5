package webtest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"benicommunity/internal/dataset"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
)

// apiResponse is an answer of the open-data endpoints, body already read.
type APIResponse struct {
	*http.Response
	Body []byte
}

// apiDo sends a request with the given headers (no Accept-Encoding unless
// given, so the body is the identity representation) and reads the answer.
func (s *Site) APIDo(t *testing.T, method, path string, headers ...string) APIResponse {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	if req.Header.Get("Accept-Encoding") == "" {
		req.Header.Set("Accept-Encoding", "identity")
	}
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return APIResponse{Response: res, Body: body}
}

func (s *Site) APIGet(t *testing.T, path string, headers ...string) APIResponse {
	t.Helper()
	return s.APIDo(t, http.MethodGet, path, headers...)
}

// apiJSON fetches path, requires 200 and decodes the body into v.
func (s *Site) APIJSON(t *testing.T, path string, v any) APIResponse {
	t.Helper()
	res := s.APIGet(t, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200: %s", path, res.StatusCode, res.Body)
	}
	if err := json.Unmarshal(res.Body, v); err != nil {
		t.Fatalf("GET %s: decode: %v\n%s", path, err, res.Body)
	}
	return res
}

// newSiteChanged serves a database holding the default dataset changed by change.
func NewSiteChanged(t *testing.T, d store.Dialect, change func(ds *dataset.Dataset)) *Site {
	t.Helper()
	st := storetest.Open(t, d)
	load := func() (dataset.Dataset, error) {
		ds, err := dataset.Default()
		if err == nil {
			change(&ds)
		}
		return ds, err
	}
	if err := st.EnsureInitialData(context.Background(), store.InitialDefault, load, storetest.Discard()); err != nil {
		t.Fatalf("load dataset: %v", err)
	}
	return NewSiteOn(t, st)
}

// defaultDataset returns the shipped dataset, the independent source of the
// facts the tests expect.
func DefaultDataset(t *testing.T) dataset.Dataset {
	t.Helper()
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	return ds
}
