package assets

import (
	"embed"
	"fmt"
	"io/fs"
)

// The vendor/ subtree is written by scripts/vendor-frontend.sh; do not edit
// it by hand.
//
//go:embed static
var embedded embed.FS

// New loads the static files embedded in the binary.
func New() (*Assets, error) {
	sub, err := fs.Sub(embedded, "static")
	if err != nil {
		return nil, fmt.Errorf("open embedded static files: %w", err)
	}
	return NewFS(sub)
}
