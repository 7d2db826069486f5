package dataset

import _ "embed"

// DefaultRevision is the revision of default.json. It rises whenever the
// texts of the default network change, so databases loaded from an older
// revision can be brought up to date (see store.ReviseDefaultData).
const DefaultRevision = 2

// defaultHistory holds the earlier revisions of default.json, by revision.
// Revision 1 carried texts the source page does not support (figures,
// regions, outcome reports); revision 2 says only what the page says.
//
//go:embed history/default-1.json
var defaultRevision1 []byte

// DefaultAt returns the default network as it was at an earlier revision,
// so a database still holding those untouched texts can be corrected.
func DefaultAt(revision int) (Dataset, bool, error) {
	switch revision {
	case 1:
		ds, err := Parse(defaultRevision1)
		return ds, true, err
	case DefaultRevision:
		ds, err := Default()
		return ds, true, err
	}
	return Dataset{}, false, nil
}
