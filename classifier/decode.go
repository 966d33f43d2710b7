package classifier

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// This file reads model files fast. encoding/json takes about half a
// second to decode the default model (3.7 MB of JSON, most of it goml's
// counts of some 84,000 features), which every run of the command line
// would pay. parseFast reads the same format with a scanner written for
// it: it accepts only files laid out exactly as WriteTo writes them
// (compact, every key at most once, goml's counts in goml's field order
// and its features in sorted order), and for anything else reports false,
// so that decode falls back to encoding/json. Whatever it accepts,
// encoding/json reads to the same values; a test and a fuzz target compare
// the two.

// fastModel is a model file as parseFast reads it.
type fastModel struct {
	env envelope
	// goml's counts: the features (without gomlPrefix) in sorted order,
	// their per-class counts in one slice (counts[row*n+c]), and the
	// per-class document counts.
	keys   []string
	counts []uint64
	docs   []uint64
	vocab  uint64
	// sum is the SHA-256 of env.Goml, computed while the counts are read.
	sum [32]byte
}

// headerKeys are the envelope's fields that parseFast hands to
// encoding/json: they are small.
var headerKeys = map[string]bool{
	"format": true, "version": true, "labels": true, "features": true, "alpha": true, "priors": true,
	"temperature": true, "class_tokens": true, "training": true, "goml_sha256": true,
}

// parseFast reads a model file, or reports false when src departs from the
// layout WriteTo writes. It keeps references into src's bytes, which must
// not change afterwards.
func parseFast(src *source) (*fastModel, bool) {
	s := &scanner{src: src}
	s.refresh()
	m := &fastModel{}
	header := make([]byte, 0, 1024)
	header = append(header, '{')
	seen := make(map[string]bool)
	var sum <-chan hashed
	gomlStart := -1
	if !s.retry(func() bool { s.spaces(); return s.lit("{") }, nil) {
		return nil, false
	}
	for closed := false; !closed; {
		var key string
		if !s.retry(func() bool {
			var ok bool
			key, ok = s.str()
			return ok && s.lit(":")
		}, nil) || seen[key] {
			return nil, false
		}
		seen[key] = true
		start := s.i
		switch {
		case headerKeys[key]:
			if !s.retry(func() bool { return s.skip() && s.peekEnd() }, nil) {
				return nil, false
			}
			if len(header) > 1 {
				header = append(header, ',')
			}
			header = strconv.AppendQuote(header, key)
			header = append(header, ':')
			header = append(header, s.s[start:s.i]...)
		case key == "surfaces":
			if !s.stringMap() {
				return nil, false
			}
			m.env.Surfaces = json.RawMessage(s.s[start:s.i])
		case key == "goml":
			// goml's counts are normally the last field: hash them on
			// another core while they are read.
			sum = src.hashFrom(start)
			if !s.goml(m) {
				return nil, false
			}
			gomlStart = start
			m.env.Goml = json.RawMessage(s.s[start:s.i])
		default:
			return nil, false
		}
		if !s.retry(func() bool {
			closed = s.lit("}")
			return closed || s.lit(",")
		}, nil) {
			return nil, false
		}
	}
	// Only space may follow, and only once all the bytes are in.
	for s.src.more() {
		s.refresh()
	}
	s.spaces()
	if s.i != len(s.s) || gomlStart < 0 {
		return nil, false
	}
	header = append(header, '}')
	if err := json.Unmarshal(header, &m.env); err != nil {
		return nil, false
	}
	if h := <-sum; h.end == gomlStart+len(m.env.Goml) {
		m.sum = h.sum
	} else {
		m.sum = sha256.Sum256(m.env.Goml)
	}
	return m, true
}

// hashed is the SHA-256 of src[start:end].
type hashed struct {
	sum [32]byte
	end int
}

// hashFrom hashes, on another goroutine, the bytes from start to the last
// closing brace of the input (goml's counts, when they are the last
// field), as they arrive.
func (src *source) hashFrom(start int) <-chan hashed {
	out := make(chan hashed, 1)
	go func() {
		h := sha256.New()
		pos := start
		for have := 0; ; {
			b, complete := src.wait(have)
			have = len(b)
			end := len(b) - 64 // leave the tail: it may turn out to be past the end
			if complete {
				end = bytes.LastIndexByte(b, '}')
			}
			if end > pos {
				h.Write(b[pos:end])
				pos = end
			}
			if complete {
				var r hashed
				if pos == end {
					copy(r.sum[:], h.Sum(nil))
					r.end = end
				}
				out <- r
				return
			}
		}
	}()
	return out
}

// source is the input of parseFast: all of it, or a stream whose bytes
// arrive while it is read.
type source struct {
	all []byte  // the input, when st is nil
	st  *stream // the input as it is decompressed
	b   []byte  // what has arrived so far
}

// size is how many bytes the input has, or at most has.
func (src *source) size() int {
	if src.st == nil {
		return len(src.all)
	}
	return len(src.st.buf)
}

// more waits for more bytes, and reports false when there are none.
func (src *source) more() bool {
	if src.st == nil {
		src.b = src.all
		return false
	}
	b, _ := src.st.wait(len(src.b))
	grew := len(b) > len(src.b)
	src.b = b
	return grew
}

// wait returns the bytes that have arrived once there are more than have
// (or all of them), and whether they are all.
func (src *source) wait(have int) ([]byte, bool) {
	if src.st == nil {
		return src.all, true
	}
	return src.st.wait(have)
}

// stream decompresses into a buffer on its own goroutine; parseFast reads
// the part that has arrived meanwhile. The bytes below filled never change
// once there.
type stream struct {
	mu     sync.Mutex
	cond   sync.Cond
	buf    []byte // never reallocated: its length is the most it takes
	filled int
	done   bool
	err    error  // what ended the stream, when not io.EOF
	extra  []byte // a byte read past a full buffer
}

// streamStep is how much a reader waits for before it looks again.
const streamStep = 64 << 10

func startStream(r io.Reader, size int) *stream {
	st := &stream{buf: make([]byte, size)}
	st.cond.L = &st.mu
	go st.fill(r)
	return st
}

func (st *stream) fill(r io.Reader) {
	filled := 0
	var err error
	for err == nil {
		if filled == len(st.buf) {
			// Full: the size was wrong. Note whether there is more; Load
			// then reads the rest itself.
			var one [1]byte
			var k int
			k, err = io.ReadFull(r, one[:])
			st.mu.Lock()
			st.extra = one[:k]
			st.mu.Unlock()
			break
		}
		var k int
		k, err = r.Read(st.buf[filled:min(filled+streamStep/2, len(st.buf))])
		filled += k
		st.mu.Lock()
		st.filled = filled
		st.cond.Broadcast()
		st.mu.Unlock()
	}
	st.mu.Lock()
	st.done = true
	if err != io.EOF {
		st.err = err // nil after a full buffer
	}
	st.cond.Broadcast()
	st.mu.Unlock()
}

// wait blocks until a step more than have bytes have arrived, or all of
// them, and returns them and whether they are all.
func (st *stream) wait(have int) ([]byte, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for !st.done && st.filled < have+streamStep {
		st.cond.Wait()
	}
	return st.buf[:st.filled], st.done
}

// finish waits for the end of the stream and returns all its bytes (with
// a byte read past a full buffer), and the error that ended it.
func (st *stream) finish() ([]byte, []byte, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for !st.done {
		st.cond.Wait()
	}
	return st.buf[:st.filled], st.extra, st.err
}

// scanner reads JSON from s at i. Its methods report false on anything
// they do not accept, and then i is meaningless. s is a string view of the
// bytes of src that have arrived, without a copy: they never change.
type scanner struct {
	s   string
	i   int
	src *source
}

// refresh updates s to what has arrived.
func (s *scanner) refresh() {
	if len(s.src.b) > 0 {
		s.s = unsafe.String(&s.src.b[0], len(s.src.b))
	}
}

// retry runs step; if it fails where the bytes that have arrived end, it
// waits for more and runs it again from the same place, after undo (if
// not nil) has undone what step changed. A step that fails before the end
// fails again, until all bytes are in.
func (s *scanner) retry(step func() bool, undo func()) bool {
	mark := s.i
	for !step() {
		if !s.src.more() {
			return false
		}
		s.refresh()
		s.i = mark
		if undo != nil {
			undo()
		}
	}
	return true
}

// spaces skips ASCII white space.
func (s *scanner) spaces() {
	for s.i < len(s.s) && (s.s[s.i] == ' ' || s.s[s.i] == '\t' || s.s[s.i] == '\n' || s.s[s.i] == '\r') {
		s.i++
	}
}

// peekEnd reports whether the input continues with the end of a value in
// an object: a comma or a closing brace (so that a number that has only
// partly arrived is not taken for all of it).
func (s *scanner) peekEnd() bool {
	return s.i < len(s.s) && (s.s[s.i] == ',' || s.s[s.i] == '}')
}

// lit consumes x if the input continues with it.
func (s *scanner) lit(x string) bool {
	if len(x) == 1 {
		if s.i < len(s.s) && s.s[s.i] == x[0] {
			s.i++
			return true
		}
		return false
	}
	if len(s.s)-s.i >= len(x) && s.s[s.i:s.i+len(x)] == x {
		s.i += len(x)
		return true
	}
	return false
}

// str reads a string and returns its value. Strings without escapes (the
// rule) are returned as slices of the input, without copying.
func (s *scanner) str() (string, bool) {
	if s.i >= len(s.s) || s.s[s.i] != '"' {
		return "", false
	}
	start := s.i + 1
	for i := start; i < len(s.s); i++ {
		c := s.s[i]
		switch {
		case c == '"':
			s.i = i + 1
			return s.s[start:i], true
		case c == '\\':
			return s.escaped(start)
		case c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			// encoding/json turns invalid UTF-8 into U+FFFD; this path does
			// not: it only takes valid text.
			r, size := utf8.DecodeRuneInString(s.s[i:])
			if r == utf8.RuneError && size == 1 {
				return "", false
			}
			i += size - 1
		}
	}
	return "", false
}

// escaped reads the rest of a string that holds escapes, from start (just
// after the opening quote).
func (s *scanner) escaped(start int) (string, bool) {
	var b strings.Builder
	for i := start; i < len(s.s); {
		c := s.s[i]
		switch {
		case c == '"':
			s.i = i + 1
			return b.String(), true
		case c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s.s[i:])
			if r == utf8.RuneError && size == 1 {
				return "", false
			}
			b.WriteString(s.s[i : i+size])
			i += size
		case c != '\\':
			b.WriteByte(c)
			i++
		default:
			if i+1 >= len(s.s) {
				return "", false
			}
			e := s.s[i+1]
			i += 2
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, ok := hex4(s.s, i)
				if !ok {
					return "", false
				}
				i += 4
				if utf16.IsSurrogate(r) {
					// A pair makes one rune; a lone half is U+FFFD, as in
					// encoding/json.
					r2, ok2 := rune(0), false
					if strings.HasPrefix(s.s[i:], `\u`) {
						r2, ok2 = hex4(s.s, i+2)
					}
					if dec := utf16.DecodeRune(r, r2); ok2 && dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				b.WriteRune(r)
			default:
				return "", false
			}
		}
	}
	return "", false
}

// hex4 reads 4 hexadecimal digits at s[i:].
func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// uint reads a non-negative integer that fits in a uint64, written as
// encoding/json writes one.
func (s *scanner) uint() (uint64, bool) {
	i := s.i
	if i >= len(s.s) || s.s[i] < '0' || s.s[i] > '9' {
		return 0, false
	}
	if s.s[i] == '0' {
		s.i = i + 1
		return 0, !s.numberGoesOn()
	}
	var v uint64
	for ; i < len(s.s) && '0' <= s.s[i] && s.s[i] <= '9'; i++ {
		d := uint64(s.s[i] - '0')
		if v > (1<<64-1-d)/10 {
			return 0, false
		}
		v = v*10 + d
	}
	s.i = i
	return v, !s.numberGoesOn()
}

// numberGoesOn reports whether a number continues past an integer part
// (a fraction or an exponent, which a count must not have).
func (s *scanner) numberGoesOn() bool {
	if s.i >= len(s.s) {
		return false
	}
	c := s.s[s.i]
	return c == '.' || c == 'e' || c == 'E' || '0' <= c && c <= '9'
}

// number reads a JSON number and returns its text.
func (s *scanner) number() (string, bool) {
	start, i := s.i, s.i
	digits := func() bool {
		j := i
		for i < len(s.s) && '0' <= s.s[i] && s.s[i] <= '9' {
			i++
		}
		return i > j
	}
	if i < len(s.s) && s.s[i] == '-' {
		i++
	}
	switch {
	case i < len(s.s) && s.s[i] == '0':
		i++
	case !digits():
		return "", false
	}
	if i < len(s.s) && s.s[i] == '.' {
		i++
		if !digits() {
			return "", false
		}
	}
	if i < len(s.s) && (s.s[i] == 'e' || s.s[i] == 'E') {
		i++
		if i < len(s.s) && (s.s[i] == '+' || s.s[i] == '-') {
			i++
		}
		if !digits() {
			return "", false
		}
	}
	s.i = i
	return s.s[start:i], true
}

// float reads a number that fits in a float64.
func (s *scanner) float() (float64, bool) {
	text, ok := s.number()
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(text, 64)
	return f, err == nil
}

// skip reads any JSON value without spaces, checking its syntax.
func (s *scanner) skip() bool {
	if s.i >= len(s.s) {
		return false
	}
	switch c := s.s[s.i]; {
	case c == '"':
		_, ok := s.str()
		return ok
	case c == '{':
		s.i++
		if s.lit("}") {
			return true
		}
		for {
			if _, ok := s.str(); !ok || !s.lit(":") || !s.skip() {
				return false
			}
			if s.lit("}") {
				return true
			}
			if !s.lit(",") {
				return false
			}
		}
	case c == '[':
		s.i++
		if s.lit("]") {
			return true
		}
		for {
			if !s.skip() {
				return false
			}
			if s.lit("]") {
				return true
			}
			if !s.lit(",") {
				return false
			}
		}
	case c == 't':
		return s.lit("true")
	case c == 'f':
		return s.lit("false")
	case c == 'n':
		return s.lit("null")
	default:
		_, ok := s.number()
		return ok
	}
}

// stringMap reads an object whose values are all strings.
func (s *scanner) stringMap() bool {
	if !s.retry(func() bool { return s.lit("{") }, nil) {
		return false
	}
	closed := false
	if !s.retry(func() bool { closed = s.lit("}"); return closed || s.peekString() }, nil) {
		return false
	}
	for !closed {
		if !s.retry(func() bool {
			if _, ok := s.str(); !ok || !s.lit(":") {
				return false
			}
			if _, ok := s.str(); !ok {
				return false
			}
			closed = s.lit("}")
			return closed || s.lit(",")
		}, nil) {
			return false
		}
	}
	return true
}

// peekString reports whether a string starts here.
func (s *scanner) peekString() bool { return s.i < len(s.s) && s.s[s.i] == '"' }

// uints reads an array of counts, appending them to dst.
func (s *scanner) uints(dst []uint64) ([]uint64, bool) {
	if !s.lit("[") {
		return dst, false
	}
	if s.lit("]") {
		return dst, true
	}
	for {
		v, ok := s.uint()
		if !ok {
			return dst, false
		}
		dst = append(dst, v)
		if s.lit("]") {
			return dst, true
		}
		if !s.lit(",") {
			return dst, false
		}
	}
}

// goml reads goml's NaiveBayes JSON as goml writes it:
//
//	{"words":{"f:feature":{"Count":[...],"Seen":n},...},"count":[...],
//	"probabilities":[...],"document_count":n,"vocabulary_size":n,"tokenizer":{}}
//
// with the features in sorted order, each with one count per class.
func (s *scanner) goml(m *fastModel) bool {
	closed := false
	if !s.retry(func() bool {
		if !s.lit(`{"words":{`) {
			return false
		}
		closed = s.lit("}")
		return closed || s.peekString()
	}, nil) {
		return false
	}
	n := 0 // classes, from the first feature
	prev := ""
	for first := true; !closed; first = false {
		before := len(m.counts)
		if !s.retry(func() bool {
			key, ok := s.str()
			if !ok || len(key) <= len(gomlPrefix) || !strings.HasPrefix(key, gomlPrefix) || !first && key <= prev || !s.lit(`:{"Count":`) {
				return false
			}
			if m.counts, ok = s.uints(m.counts); !ok {
				return false
			}
			if first {
				n = len(m.counts)
			}
			if n == 0 || len(m.counts)-before != n || !s.lit(`,"Seen":`) {
				return false
			}
			if _, ok := s.uint(); !ok || !s.lit("}") {
				return false
			}
			closed = s.lit("}")
			if !closed && !s.lit(",") {
				return false
			}
			if first {
				// Room for as many features as the rest could hold: the
				// shortest is 27+2n bytes, "f:x":{"Count":[0,0,0],"Seen":0},
				est := 1 + (s.src.size()-s.i)/(27+2*n)
				m.counts = append(make([]uint64, 0, n*est), m.counts...)
				m.keys = make([]string, 0, est)
			}
			m.keys = append(m.keys, key[len(gomlPrefix):])
			prev = key
			return true
		}, func() { m.counts = m.counts[:before] }) {
			return false
		}
	}
	return s.retry(func() bool {
		var ok bool
		if !s.lit(`,"count":`) {
			return false
		}
		if m.docs, ok = s.uints(m.docs[:0]); !ok || !s.lit(`,"probabilities":[`) {
			return false
		}
		for first := true; !s.lit("]"); first = false {
			if !first && !s.lit(",") {
				return false
			}
			if _, ok := s.float(); !ok {
				return false
			}
		}
		if !s.lit(`,"document_count":`) {
			return false
		}
		if _, ok := s.uint(); !ok || !s.lit(`,"vocabulary_size":`) {
			return false
		}
		if m.vocab, ok = s.uint(); !ok {
			return false
		}
		return s.lit(`,"tokenizer":{}}`)
	}, nil)
}
