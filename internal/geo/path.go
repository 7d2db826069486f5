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
	st := pathState{p: pathParser{s: d}}
	for {
		st.p.skipSeparators()
		if st.p.done() {
			break
		}
		if err := st.command(); err != nil {
			return nil, err
		}
	}
	st.flush()
	return st.rings, nil
}

// pathState is where parsePath has got to: the rings so far, the ring being
// drawn and the pen.
type pathState struct {
	p          pathParser
	rings      [][]point
	ring       []point
	cur, start point
	ctrl       point // last control point, for S and T reflection
	prevCmd    byte
	cmd        byte
}

// flush closes the ring being drawn, keeping it if it has an area.
func (st *pathState) flush() {
	if len(st.ring) >= 3 {
		st.rings = append(st.rings, st.ring)
	}
	st.ring = nil
}

// command reads one command letter, if there is one (a command repeats
// while numbers follow), and draws it.
func (st *pathState) command() error {
	p := &st.p
	if c := p.s[p.i]; isCommand(c) {
		st.cmd = c
		p.i++
	} else if st.cmd == 0 {
		return fmt.Errorf("path data starts with %q instead of a command", p.s[p.i])
	}
	rel := st.cmd >= 'a'
	base := st.cur
	if !rel {
		base = point{}
	}
	var err error
	switch st.cmd {
	case 'M', 'm':
		err = st.moveTo(base, rel)
	case 'L', 'l':
		err = st.lineTo(base)
	case 'H', 'h', 'V', 'v':
		err = st.axisLineTo(base)
	case 'C', 'c', 'S', 's':
		err = st.cubicTo(base)
	case 'Q', 'q', 'T', 't':
		err = st.quadTo(base)
	case 'Z', 'z':
		st.flush()
		st.cur = st.start
	default:
		return fmt.Errorf("unsupported path command %q at offset %d", st.cmd, p.i-1)
	}
	if err != nil {
		return err
	}
	st.prevCmd = st.cmd
	return nil
}

// moveTo starts a new ring.
func (st *pathState) moveTo(base point, rel bool) error {
	pt, err := st.p.pair()
	if err != nil {
		return err
	}
	st.flush()
	st.cur = point{base.X + pt.X, base.Y + pt.Y}
	st.start = st.cur
	st.ring = append(st.ring, st.cur)
	// Further pairs after a moveto are implicit linetos.
	if rel {
		st.cmd = 'l'
	} else {
		st.cmd = 'L'
	}
	return nil
}

// lineTo draws a straight line.
func (st *pathState) lineTo(base point) error {
	pt, err := st.p.pair()
	if err != nil {
		return err
	}
	st.cur = point{base.X + pt.X, base.Y + pt.Y}
	st.ring = append(st.ring, st.cur)
	return nil
}

// axisLineTo draws a horizontal (H) or vertical (V) line.
func (st *pathState) axisLineTo(base point) error {
	v, err := st.p.number()
	if err != nil {
		return err
	}
	if st.cmd == 'H' || st.cmd == 'h' {
		st.cur.X = base.X + v
	} else {
		st.cur.Y = base.Y + v
	}
	st.ring = append(st.ring, st.cur)
	return nil
}

// cubicTo draws a cubic Bézier curve (C), or its smooth form (S) whose
// first control point reflects the previous one.
func (st *pathState) cubicTo(base point) error {
	var c1 point
	if st.cmd == 'C' || st.cmd == 'c' {
		q, err := st.p.pair()
		if err != nil {
			return err
		}
		c1 = point{base.X + q.X, base.Y + q.Y}
	} else {
		c1 = reflect(st.cur, st.ctrl, st.prevCmd, "CcSs")
	}
	pts, err := st.p.pairs(2)
	if err != nil {
		return err
	}
	c2 := point{base.X + pts[0].X, base.Y + pts[0].Y}
	end := point{base.X + pts[1].X, base.Y + pts[1].Y}
	st.ring = append(st.ring, cubic(st.cur, c1, c2, end)...)
	st.cur, st.ctrl = end, c2
	return nil
}

// quadTo draws a quadratic Bézier curve (Q), or its smooth form (T) whose
// control point reflects the previous one.
func (st *pathState) quadTo(base point) error {
	var c1 point
	if st.cmd == 'Q' || st.cmd == 'q' {
		q, err := st.p.pair()
		if err != nil {
			return err
		}
		c1 = point{base.X + q.X, base.Y + q.Y}
	} else {
		c1 = reflect(st.cur, st.ctrl, st.prevCmd, "QqTt")
	}
	q, err := st.p.pair()
	if err != nil {
		return err
	}
	cur := st.cur
	end := point{base.X + q.X, base.Y + q.Y}
	// A quadratic curve is the cubic with control points at 2/3.
	a := point{cur.X + 2.0/3*(c1.X-cur.X), cur.Y + 2.0/3*(c1.Y-cur.Y)}
	b := point{end.X + 2.0/3*(c1.X-end.X), end.Y + 2.0/3*(c1.Y-end.Y)}
	st.ring = append(st.ring, cubic(cur, a, b, end)...)
	st.cur, st.ctrl = end, c1
	return nil
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
