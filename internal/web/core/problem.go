package core

// problem is an RFC 9457 problem document. Type is a URI reference to the
// section of the /api page that explains the problem.
type Problem struct {
	Type          string         `json:"type"`
	Title         string         `json:"title"`
	Status        int            `json:"status"`
	Detail        string         `json:"detail,omitempty"`
	Instance      string         `json:"instance,omitempty"`
	InvalidParams []InvalidParam `json:"invalid_params,omitempty"`
}

// invalidParam names a query parameter that was wrong and why.
type InvalidParam struct {
	Name   string `json:"name"`
	Reason string `json:"reason"`
}
