package assets

import (
	"path"
	"strings"
)

// contentType is deliberately a closed list: responses carry
// "X-Content-Type-Options: nosniff", so a file served with a guessed type
// would silently break in browsers. An unknown extension fails New instead.
func contentType(name string) (ctype string, compressible bool, ok bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".css":
		return "text/css; charset=utf-8", true, true
	case ".js":
		return "text/javascript; charset=utf-8", true, true
	case ".json", ".map":
		return "application/json", true, true
	case ".webmanifest":
		return "application/manifest+json", true, true
	case ".svg":
		return "image/svg+xml", true, true
	case ".txt", "": // licence files such as LICENSE have no extension
		return "text/plain; charset=utf-8", true, true
	case ".ico":
		return "image/x-icon", true, true
	case ".woff2":
		return "font/woff2", false, true
	case ".png":
		return "image/png", false, true
	case ".jpg", ".jpeg":
		return "image/jpeg", false, true
	case ".webp":
		return "image/webp", false, true
	}
	return "", false, false
}

func isCSS(name string) bool {
	return strings.EqualFold(path.Ext(name), ".css")
}
