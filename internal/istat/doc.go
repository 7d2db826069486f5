// Package istat is the registry of every Italian comune, with its province,
// region and geographic zone, as published by ISTAT (list of 1 January 2020,
// populations from the 2011 census).
//
// The data are embedded in the binary; MANIFEST.md names their source,
// licence and how to regenerate them. Load decodes them into an immutable
// Registry that is safe for concurrent use, so a program loads it once at
// start-up and passes it to whoever needs it.
package istat

//go:generate go run ./internal/gen
