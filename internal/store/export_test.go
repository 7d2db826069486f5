package store

import "testing"

// ProbeNewBodiesByBody makes NewBodiesAt probe each member's own
// participations whatever the activity's place in the history, until the
// test ends, so the tests cover both ways on small networks.
func ProbeNewBodiesByBody(t testing.TB) {
	old := newBodiesByActivityBelow
	newBodiesByActivityBelow = -1
	t.Cleanup(func() { newBodiesByActivityBelow = old })
}
