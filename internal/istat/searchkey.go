package istat

// SearchKey reduces a name to the form used for matching names: lower case,
// accents removed, runs of punctuation and spaces made a single space.
func SearchKey(s string) string { return searchKey(s) }
