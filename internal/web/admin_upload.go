package web

// DefaultMaxUpload is the largest attachment accepted unless configured.
const DefaultMaxUpload = 10 << 20
