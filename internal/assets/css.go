package assets

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"
)

type buildState int

const (
	unbuilt buildState = iota
	building
	built
)

// cssBuilder publishes CSS files in dependency order, so that a stylesheet
// referring to another one gets the final hash of the other.
type cssBuilder struct {
	assets  *Assets
	sources map[string][]byte
	state   map[string]buildState
}

func (b *cssBuilder) build(name string) error {
	switch b.state[name] {
	case built:
		return nil
	case building:
		return fmt.Errorf("static file %q: stylesheets refer to each other in a cycle", name)
	}
	b.state[name] = building
	out, err := rewriteCSS(name, b.sources[name], b.publicPath)
	if err != nil {
		return err
	}
	b.state[name] = built
	return b.assets.add(name, out)
}

// publicPath resolves a logical name to its hashed URL path.
func (b *cssBuilder) publicPath(name string) (string, error) {
	if _, ok := b.sources[name]; !ok {
		return "", fmt.Errorf("%w %q", errNotFound, name)
	}
	if isCSS(name) {
		if err := b.build(name); err != nil {
			return "", err
		}
	}
	return Prefix + b.assets.byName[name].hashed, nil
}

// rewriteCSS replaces every local url(...) in the stylesheet src, whose
// logical name is name, with url("<public path>"). Comments and strings are
// skipped, so only real references count. data:, fragment-only and
// absolute URLs (with a scheme, or a path outside Prefix) are left alone.
// A source map comment is pointed at the hashed map, or removed when the map
// is not shipped, so browsers do not ask for a file that does not exist.
func rewriteCSS(name string, src []byte, resolve func(string) (string, error)) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(src))
	last := 0 // src[last:i] has not been copied to out yet
	for i := 0; i < len(src); {
		switch c := src[i]; {
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := commentEnd(src, i)
			repl, keep, err := rewriteSourceMap(name, src[i:end], resolve)
			if err != nil {
				return nil, fmt.Errorf("%s line %d: %w", name, lineOf(src, i), err)
			}
			if !keep {
				out.Write(src[last:i])
				out.WriteString(repl)
				last = end
			}
			i = end
		case c == '"' || c == '\'':
			i, _ = stringEnd(src, i)
		case (c == 'u' || c == 'U') && urlStarts(src, i):
			ref, end, err := parseURL(src, i)
			if err != nil {
				return nil, fmt.Errorf("%s line %d: %w", name, lineOf(src, i), err)
			}
			public, local, err := rewriteRef(name, ref, resolve)
			if err != nil {
				return nil, fmt.Errorf("%s line %d: url(%q): %w", name, lineOf(src, i), ref, err)
			}
			if local {
				out.Write(src[last:i])
				out.WriteString(`url("` + public + `")`)
				last = end
			}
			i = end
		default:
			i++
		}
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// rewriteRef maps a url() value to a public path; local is false for values
// that are left as they are.
func rewriteRef(cssName, ref string, resolve func(string) (string, error)) (public string, local bool, err error) {
	ref = strings.TrimSpace(ref)
	if ref == "" || ref[0] == '#' || strings.HasPrefix(ref, "//") || hasScheme(ref) {
		return "", false, nil
	}
	p, suffix := ref, ""
	if i := strings.IndexAny(ref, "?#"); i >= 0 {
		p, suffix = ref[:i], ref[i:]
	}
	var logical string
	if strings.HasPrefix(p, "/") {
		var ok bool
		if logical, ok = strings.CutPrefix(p, Prefix); !ok {
			return "", false, nil // served by some other route
		}
	} else {
		logical = path.Join(path.Dir(cssName), p)
		if logical == ".." || strings.HasPrefix(logical, "../") {
			return "", false, errors.New("points outside the static files")
		}
	}
	public, err = resolve(logical)
	if err != nil {
		return "", false, err
	}
	return public + suffix, true, nil
}

// rewriteSourceMap returns the replacement of a "/*# sourceMappingURL=x */"
// comment; keep is true for any other comment.
func rewriteSourceMap(cssName string, comment []byte, resolve func(string) (string, error)) (repl string, keep bool, err error) {
	body, ok := bytes.CutPrefix(comment, []byte("/*# sourceMappingURL="))
	if !ok {
		return "", true, nil
	}
	ref := string(bytes.TrimSpace(bytes.TrimSuffix(body, []byte("*/"))))
	public, local, err := rewriteRef(cssName, ref, resolve)
	switch {
	case errors.Is(err, errNotFound):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("source map %q: %w", ref, err)
	case !local:
		return "", true, nil
	}
	return "/*# sourceMappingURL=" + public + " */", false, nil
}

// hasScheme reports whether ref starts with an RFC 3986 scheme ("https:",
// "data:", ...).
func hasScheme(ref string) bool {
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// urlStarts reports whether a url( function starts at src[i], and not as
// the tail of a longer identifier.
func urlStarts(src []byte, i int) bool {
	if i+4 > len(src) || !bytes.EqualFold(src[i:i+4], []byte("url(")) {
		return false
	}
	if i == 0 {
		return true
	}
	c := src[i-1]
	return !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '\\' || c >= 0x80)
}

// parseURL reads the url( function starting at src[start] and returns its
// value, without quotes, and the index just after the closing parenthesis.
func parseURL(src []byte, start int) (ref string, end int, err error) {
	i := skipSpace(src, start+len("url("))
	if i < len(src) && (src[i] == '"' || src[i] == '\'') {
		closing, ok := stringEnd(src, i)
		if !ok {
			return "", 0, errors.New("unterminated string in url(")
		}
		ref = string(src[i+1 : closing-1])
		i = skipSpace(src, closing)
		if i >= len(src) || src[i] != ')' {
			return "", 0, errors.New("url( without closing parenthesis")
		}
		return ref, i + 1, nil
	}
	closing := bytes.IndexByte(src[i:], ')')
	if closing < 0 {
		return "", 0, errors.New("url( without closing parenthesis")
	}
	return string(bytes.TrimSpace(src[i : i+closing])), i + closing + 1, nil
}

// stringEnd returns the index just after the string that starts with the
// quote at src[start]; ok is false, and end is len(src), when the string is
// not terminated.
func stringEnd(src []byte, start int) (end int, ok bool) {
	quote := src[start]
	for i := start + 1; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case quote:
			return i + 1, true
		}
	}
	return len(src), false
}

func commentEnd(src []byte, start int) int {
	if end := bytes.Index(src[start+2:], []byte("*/")); end >= 0 {
		return start + 2 + end + 2
	}
	return len(src)
}

func skipSpace(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r' || src[i] == '\f') {
		i++
	}
	return i
}

func lineOf(src []byte, i int) int {
	return bytes.Count(src[:i], []byte("\n")) + 1
}
