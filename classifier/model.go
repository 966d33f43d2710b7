package classifier

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"

	"github.com/cdipaolo/goml/text"

	"github.com/parley-nlp/parley/features"
)

// FormatName and FormatVersion identify Parley model files. A file of
// another version is refused by Load with a *VersionError.
const (
	FormatName    = "parley-model"
	FormatVersion = 1
)

// Errors Load reports (test them with errors.Is).
var (
	// ErrNotModel: the input is not a Parley model (another file, or JSON
	// without Parley's format marker).
	ErrNotModel = errors.New("not a Parley model file")
	// ErrDamaged: the input is a Parley model that is truncated or
	// corrupted.
	ErrDamaged = errors.New("damaged Parley model file")
)

// VersionError reports a model file of a format version this build does not
// read.
type VersionError struct {
	Got int
}

func (e *VersionError) Error() string {
	return fmt.Sprintf("model file has format version %d; this build of Parley reads version %d (retrain the model, or use a matching Parley)", e.Got, FormatVersion)
}

// envelope is the model file: Parley's header around goml's JSON. Field
// order is the file's order; goml's counts come last.
type envelope struct {
	Format      string          `json:"format"`
	Version     int             `json:"version"`
	Labels      []string        `json:"labels"`
	Features    features.Config `json:"features"`
	Alpha       float64         `json:"alpha"`
	Priors      []float64       `json:"priors"`
	Temperature float64         `json:"temperature"`
	ClassTokens []uint64        `json:"class_tokens"`
	Training    TrainingInfo    `json:"training"`
	// Surfaces maps a term (a stem) to the word it was most often written
	// as in the training data ("negoti": "negotiations"), for terms whose
	// word differs. It is optional: files written before it existed load,
	// and their features show as stems.
	Surfaces json.RawMessage `json:"surfaces,omitempty"`
	// GomlSHA256 is the hex SHA-256 of the Goml bytes as written.
	GomlSHA256 string          `json:"goml_sha256"`
	Goml       json.RawMessage `json:"goml"`
}

// WriteTo writes the model as JSON: a versioned envelope holding the
// labels, the feature settings, smoothing, priors, temperature, per-class
// token totals, a description and hash of the training data, and goml's
// model with a checksum. The same model always gives the same bytes.
func (c *Classifier) WriteTo(w io.Writer) (int64, error) {
	nb, err := c.goml()
	if err != nil {
		return 0, fmt.Errorf("write model: %w", err)
	}
	raw, err := json.Marshal(nb)
	if err != nil {
		return 0, fmt.Errorf("write model: encode goml counts: %w", err)
	}
	sum := sha256.Sum256(raw)
	env := envelope{
		Format:      FormatName,
		Version:     FormatVersion,
		Labels:      c.labels,
		Features:    c.pipe.Config(),
		Alpha:       c.alpha,
		Priors:      c.priors,
		Temperature: c.temperature,
		ClassTokens: c.classTokens,
		Training:    c.training,
		Surfaces:    c.surfacesJSON,
		GomlSHA256:  hex.EncodeToString(sum[:]),
		Goml:        raw,
	}
	b, err := json.Marshal(env)
	if err != nil {
		return 0, fmt.Errorf("write model: %w", err)
	}
	b = append(b, '\n')
	n, err := w.Write(b)
	if err != nil {
		return int64(n), fmt.Errorf("write model: %w", err)
	}
	return int64(n), nil
}

// maxModelBytes bounds what Load reads: 2 GiB.
const maxModelBytes = 2 << 30

// Load reads a model written by WriteTo, plain or gzip-compressed. It
// refuses, with an error saying which, input that is not a Parley model
// (ErrNotModel), a model of another format version (*VersionError), and a
// damaged or truncated model (ErrDamaged).
func Load(r io.Reader) (*Classifier, error) {
	hint := sizeHint(r)
	br := bufio.NewReader(r)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		z, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%w: gzip: %v", ErrDamaged, err)
		}
		defer z.Close()
		if hint > 0 && hint <= maxModelBytes {
			return loadStream(z, hint)
		}
		r = z
	} else {
		r = br
	}
	var buf bytes.Buffer
	buf.Grow(min(hint, maxModelBytes) + bytes.MinRead)
	_, err := buf.ReadFrom(io.LimitReader(r, maxModelBytes+1))
	return decodeRead(buf.Bytes(), err)
}

// decodeRead decodes what Load read, or reports the error that stopped
// the reading.
func decodeRead(b []byte, err error) (*Classifier, error) {
	if err != nil {
		if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		return nil, fmt.Errorf("read model: %w", err)
	}
	if len(b) > maxModelBytes {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrNotModel, maxModelBytes)
	}
	return decode(b)
}

// loadStream reads a gzip-compressed model of about size bytes: it
// decompresses on one goroutine while parseFast reads what has arrived on
// another, so that the two take turns on two cores instead of one after
// the other. Whatever the fast path does not take goes the usual way.
func loadStream(z io.Reader, size int) (*Classifier, error) {
	st := startStream(z, size+1)
	fm, ok := parseFast(&source{st: st})
	b, extra, err := st.finish()
	if err == nil && len(extra) > 0 {
		// The size was wrong: read the rest.
		b = append(append([]byte(nil), b...), extra...)
		var rest bytes.Buffer
		_, err = rest.ReadFrom(io.LimitReader(z, maxModelBytes+1-int64(len(b))))
		b = append(b, rest.Bytes()...)
		ok = false
	}
	if err != nil || !ok {
		return decodeRead(b, err)
	}
	return decodeEnvelope(fm.env, fm)
}

// sizeHint guesses the size of the model r holds, so that Load reads it
// into a buffer of the right size at once: for a reader that knows its
// size (a bytes.Reader, as Default uses), the size, or for gzip data the
// uncompressed size that gzip keeps in its last four bytes. It returns 0
// when it cannot tell. A wrong guess costs speed, not correctness.
func sizeHint(r io.Reader) int {
	ra, ok := r.(interface {
		io.ReaderAt
		Size() int64
	})
	if !ok {
		return 0
	}
	size := ra.Size()
	var head, tail [4]byte
	if size < 18 { // smaller than any gzip file
		return int(max(size, 0))
	}
	if _, err := ra.ReadAt(head[:2], 0); err != nil {
		return 0
	}
	if head[0] != 0x1f || head[1] != 0x8b {
		return int(min(size, maxModelBytes))
	}
	if _, err := ra.ReadAt(tail[:], size-4); err != nil {
		return 0
	}
	// The trailer of a damaged file may claim anything: believe it only
	// within what JSON plausibly compresses to (about 1/8 here).
	isize := int64(binary.LittleEndian.Uint32(tail[:]))
	if isize > 64*size {
		return 0
	}
	return int(isize)
}

// decode decodes a model file. The model keeps references into b, which
// must not change afterwards.
func decode(b []byte) (*Classifier, error) { return decodeWith(b, true) }

// decodeWith decodes a model file, trying parseFast first when fast is
// set (tests turn it off to compare the two paths).
func decodeWith(b []byte, fast bool) (*Classifier, error) {
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("%w: the file is empty", ErrNotModel)
	}
	if trimmed[0] != '{' {
		return nil, fmt.Errorf("%w: it does not start with a JSON object", ErrNotModel)
	}
	var fm *fastModel
	ok := false
	if fast {
		fm, ok = parseFast(&source{all: trimmed, b: trimmed})
	}
	var env envelope
	if ok {
		env = fm.env
	} else if err := json.Unmarshal(trimmed, &env); err != nil {
		// Invalid JSON that opens like a Parley model is a damaged one
		// (typically truncated); other invalid JSON is some other file;
		// valid JSON of the wrong shape is a damaged model.
		switch {
		case json.Valid(trimmed):
			return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
		case bytes.Contains(trimmed[:min(len(trimmed), 64)], []byte(`"format":"`+FormatName)):
			return nil, fmt.Errorf("%w: invalid JSON (truncated?): %v", ErrDamaged, err)
		default:
			return nil, fmt.Errorf("%w: invalid JSON: %v", ErrNotModel, err)
		}
	}
	return decodeEnvelope(env, fm)
}

// decodeEnvelope checks a decoded envelope and builds the classifier; fm
// holds the counts when parseFast read the file.
func decodeEnvelope(env envelope, fm *fastModel) (*Classifier, error) {
	if env.Format != FormatName {
		return nil, fmt.Errorf("%w: no %q format marker", ErrNotModel, FormatName)
	}
	if env.Version != FormatVersion {
		return nil, &VersionError{Got: env.Version}
	}
	var sum [32]byte
	if fm != nil {
		sum = fm.sum
	} else {
		sum = sha256.Sum256(env.Goml)
	}
	if hex.EncodeToString(sum[:]) != env.GomlSHA256 {
		return nil, fmt.Errorf("%w: the checksum of the counts does not match", ErrDamaged)
	}
	c, err := fromEnvelope(env, fm)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return c, nil
}

// fromEnvelope checks that the header and goml's counts agree and compiles
// the scoring table. The counts come from fast when parseFast read the
// file, and else from goml's JSON in env.
func fromEnvelope(env envelope, fast *fastModel) (*Classifier, error) {
	n := len(env.Labels)
	if fast != nil && (len(fast.counts) != n*len(fast.keys) || len(fast.docs) != n) {
		// Counts that do not fit the labels: let the general path find
		// and name the fault.
		fast = nil
	}
	if n < 2 || n > MaxLabels {
		return nil, fmt.Errorf("%d labels; a model has 2 to %d", n, MaxLabels)
	}
	seen := make(map[string]bool, n)
	for _, l := range env.Labels {
		if l == "" || seen[l] {
			return nil, fmt.Errorf("labels must be distinct and non-empty: %q", env.Labels)
		}
		seen[l] = true
	}
	pipe, err := features.New(env.Features)
	if err != nil {
		return nil, err
	}
	if len(env.Priors) != n || len(env.ClassTokens) != n {
		return nil, fmt.Errorf("priors and class token totals must have one entry per label")
	}
	var psum float64
	for _, p := range env.Priors {
		if !(p > 0) {
			return nil, fmt.Errorf("priors must be positive: %v", env.Priors)
		}
		psum += p
	}
	if psum < 0.999 || psum > 1.001 {
		return nil, fmt.Errorf("priors sum to %v, not 1", psum)
	}
	if !(env.Alpha > 0) || !(env.Temperature > 0) {
		return nil, fmt.Errorf("alpha and temperature must be positive")
	}
	c := &Classifier{
		labels:       env.Labels,
		pipe:         pipe,
		classTokens:  env.ClassTokens,
		alpha:        env.Alpha,
		priors:       env.Priors,
		temperature:  env.Temperature,
		training:     env.Training,
		surfacesJSON: env.Surfaces,
	}
	var keys []string
	var counts []uint64
	var vocab uint64
	if fast != nil {
		// parseFast took only counts that goml restores without error; it
		// is restored when needed (WriteTo), not on every start.
		keys, counts, vocab = fast.keys, fast.counts, fast.vocab
		raw := env.Goml
		c.gomlLazy = sync.OnceValues(func() (*text.NaiveBayes, error) {
			nb, err := restoreNB(raw, n)
			if err != nil {
				return nil, fmt.Errorf("goml counts: %w", err)
			}
			return nb, nil
		})
		c.surfaces = sync.OnceValue(func() map[string]string {
			m, _ := decodeSurfaces(env.Surfaces) // checked by parseFast
			return m
		})
	} else {
		nb, gc, err := restoreGoml(env.Goml, n)
		if err != nil {
			return nil, fmt.Errorf("goml counts: %v", err)
		}
		if len(gc.Count) != n {
			return nil, fmt.Errorf("goml model has %d classes, header has %d labels", len(gc.Count), n)
		}
		byKey := make(map[string][]uint64, len(gc.Words))
		for key, w := range gc.Words {
			if len(key) <= len(gomlPrefix) || key[:len(gomlPrefix)] != gomlPrefix || len(w.Count) != n {
				return nil, fmt.Errorf("goml word %q is not a Parley feature", key)
			}
			byKey[key[len(gomlPrefix):]] = w.Count
		}
		keys = make([]string, 0, len(byKey))
		for f := range byKey {
			keys = append(keys, f)
		}
		sort.Strings(keys)
		counts = make([]uint64, 0, n*len(keys))
		for _, f := range keys {
			counts = append(counts, byKey[f]...)
		}
		vocab = gc.DictCount
		c.nb = nb
		m, err := decodeSurfaces(env.Surfaces)
		if err != nil {
			return nil, err
		}
		c.surfaces = func() map[string]string { return m }
	}
	tokens := make([]uint64, n)
	for i, k := range counts {
		tokens[i%n] += k
	}
	for c := range tokens {
		if tokens[c] != env.ClassTokens[c] {
			return nil, fmt.Errorf("class %q has %d feature occurrences in the counts but %d in the header", env.Labels[c], tokens[c], env.ClassTokens[c])
		}
	}
	if uint64(len(keys)) != vocab {
		return nil, fmt.Errorf("vocabulary size %d does not match %d words", vocab, len(keys))
	}
	c.table = compileSorted(pipe, n, keys, counts, tokens, env.Alpha, env.Priors)
	return c, nil
}

// decodeSurfaces decodes the optional surfaces field.
func decodeSurfaces(raw json.RawMessage) (map[string]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("surfaces: %v", err)
	}
	return m, nil
}
