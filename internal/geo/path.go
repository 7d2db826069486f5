package geo

import (
	"fmt"
	"strconv"
)

// point is a position in the map's SVG user space.
type point struct{ X, Y float64 }

// curveSteps is how many segments approximate one Bézier curve: enough for
// point-in-polygon tests at the map's scale, where one unit is about 2 km.
const curveSteps = 8

// parsePath turns SVG path data into closed rings (one per subpath).
// It understands M, L, H, V, C, S, Q, T and Z in both absolute and relative
// form; curves are flattened by sampling. Arcs are rejected because the
// source map has none and silently mis-drawing one would be worse.
func parsePath(d string) ([][]point, error) {
	p := pathParser{s: d}
	var (
		rings      [][]point
		ring       []point
		cur, start point
		ctrl       point // last control point, for S and T reflection
		prevCmd    byte
		cmd        byte
	)
	flush := func() {
		if len(ring) >= 3 {
			rings = append(rings, ring)
		}
		ring = nil
	}
	for {
		p.skipSeparators()
		if p.done() {
			break
		}
		if c := p.s[p.i]; isCommand(c) {
			cmd = c
			p.i++
		} else if cmd == 0 {
			return nil, fmt.Errorf("path data starts with %q instead of a command", p.s[p.i])
		}
		rel := cmd >= 'a'
		base := cur
		if !rel {
			base = point{}
		}
		switch cmd {
		case 'M', 'm':
			pt, err := p.pair()
			if err != nil {
				return nil, err
			}
			flush()
			cur = point{base.X + pt.X, base.Y + pt.Y}
			start = cur
			ring = append(ring, cur)
			// Further pairs after a moveto are implicit linetos.
			if rel {
				cmd = 'l'
			} else {
				cmd = 'L'
			}
		case 'L', 'l':
			pt, err := p.pair()
			if err != nil {
				return nil, err
			}
			cur = point{base.X + pt.X, base.Y + pt.Y}
			ring = append(ring, cur)
		case 'H', 'h':
			v, err := p.number()
			if err != nil {
				return nil, err
			}
			cur.X = base.X + v
			ring = append(ring, cur)
		case 'V', 'v':
			v, err := p.number()
			if err != nil {
				return nil, err
			}
			cur.Y = base.Y + v
			ring = append(ring, cur)
		case 'C', 'c', 'S', 's':
			var c1 point
			if cmd == 'C' || cmd == 'c' {
				q, err := p.pair()
				if err != nil {
					return nil, err
				}
				c1 = point{base.X + q.X, base.Y + q.Y}
			} else {
				c1 = reflect(cur, ctrl, prevCmd, "CcSs")
			}
			pts, err := p.pairs(2)
			if err != nil {
				return nil, err
			}
			c2 := point{base.X + pts[0].X, base.Y + pts[0].Y}
			end := point{base.X + pts[1].X, base.Y + pts[1].Y}
			ring = append(ring, cubic(cur, c1, c2, end)...)
			cur, ctrl = end, c2
		case 'Q', 'q', 'T', 't':
			var c1 point
			if cmd == 'Q' || cmd == 'q' {
				q, err := p.pair()
				if err != nil {
					return nil, err
				}
				c1 = point{base.X + q.X, base.Y + q.Y}
			} else {
				c1 = reflect(cur, ctrl, prevCmd, "QqTt")
			}
			q, err := p.pair()
			if err != nil {
				return nil, err
			}
			end := point{base.X + q.X, base.Y + q.Y}
			// A quadratic curve is the cubic with control points at 2/3.
			a := point{cur.X + 2.0/3*(c1.X-cur.X), cur.Y + 2.0/3*(c1.Y-cur.Y)}
			b := point{end.X + 2.0/3*(c1.X-end.X), end.Y + 2.0/3*(c1.Y-end.Y)}
			ring = append(ring, cubic(cur, a, b, end)...)
			cur, ctrl = end, c1
		case 'Z', 'z':
			flush()
			cur = start
		default:
			return nil, fmt.Errorf("unsupported path command %q at offset %d", cmd, p.i-1)
		}
		prevCmd = cmd
	}
	flush()
	return rings, nil
}

// reflect gives the implicit first control point of S and T commands.
func reflect(cur, ctrl point, prev byte, family string) point {
	for i := 0; i < len(family); i++ {
		if prev == family[i] {
			return point{2*cur.X - ctrl.X, 2*cur.Y - ctrl.Y}
		}
	}
	return cur
}

func cubic(p0, p1, p2, p3 point) []point {
	out := make([]point, 0, curveSteps)
	for i := 1; i <= curveSteps; i++ {
		t := float64(i) / curveSteps
		u := 1 - t
		a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
		out = append(out, point{
			a*p0.X + b*p1.X + c*p2.X + d*p3.X,
			a*p0.Y + b*p1.Y + c*p2.Y + d*p3.Y,
		})
	}
	return out
}

func isCommand(c byte) bool {
	switch c {
	case 'M', 'm', 'L', 'l', 'H', 'h', 'V', 'v', 'C', 'c', 'S', 's', 'Q', 'q', 'T', 't', 'A', 'a', 'Z', 'z':
		return true
	}
	return false
}

type pathParser struct {
	s string
	i int
}

func (p *pathParser) done() bool { return p.i >= len(p.s) }

func (p *pathParser) skipSeparators() {
	for !p.done() {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r', '\f', ',':
			p.i++
		default:
			return
		}
	}
}

// number reads one SVG number, which may follow the previous one with no
// separator when its sign or a second decimal point makes the boundary clear.
func (p *pathParser) number() (float64, error) {
	p.skipSeparators()
	begin := p.i
	if !p.done() && (p.s[p.i] == '+' || p.s[p.i] == '-') {
		p.i++
	}
	digits, dot := 0, false
	for !p.done() {
		c := p.s[p.i]
		if c >= '0' && c <= '9' {
			digits++
		} else if c == '.' && !dot {
			dot = true
		} else {
			break
		}
		p.i++
	}
	if digits > 0 && !p.done() && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		j := p.i + 1
		if j < len(p.s) && (p.s[j] == '+' || p.s[j] == '-') {
			j++
		}
		if j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
			for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
				j++
			}
			p.i = j
		}
	}
	if digits == 0 {
		return 0, fmt.Errorf("expected a number at offset %d", begin)
	}
	v, err := strconv.ParseFloat(p.s[begin:p.i], 64)
	if err != nil {
		return 0, fmt.Errorf("number at offset %d: %w", begin, err)
	}
	return v, nil
}

func (p *pathParser) pair() (point, error) {
	x, err := p.number()
	if err != nil {
		return point{}, err
	}
	y, err := p.number()
	if err != nil {
		return point{}, err
	}
	return point{x, y}, nil
}

func (p *pathParser) pairs(n int) ([]point, error) {
	out := make([]point, n)
	for i := range out {
		var err error
		if out[i], err = p.pair(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
