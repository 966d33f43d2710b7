package classifier

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"

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
	// GomlSHA256 is the hex SHA-256 of the Goml bytes as written.
	GomlSHA256 string          `json:"goml_sha256"`
	Goml       json.RawMessage `json:"goml"`
}

// WriteTo writes the model as JSON: a versioned envelope holding the
// labels, the feature settings, smoothing, priors, temperature, per-class
// token totals, a description and hash of the training data, and goml's
// model with a checksum. The same model always gives the same bytes.
func (c *Classifier) WriteTo(w io.Writer) (int64, error) {
	raw, err := json.Marshal(c.nb)
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
	br := bufio.NewReader(r)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		z, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%w: gzip: %v", ErrDamaged, err)
		}
		defer z.Close()
		r = z
	} else {
		r = br
	}
	b, err := io.ReadAll(io.LimitReader(r, maxModelBytes+1))
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

func decode(b []byte) (*Classifier, error) {
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("%w: the file is empty", ErrNotModel)
	}
	if trimmed[0] != '{' {
		return nil, fmt.Errorf("%w: it does not start with a JSON object", ErrNotModel)
	}
	var env envelope
	if err := json.Unmarshal(trimmed, &env); err != nil {
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
	if env.Format != FormatName {
		return nil, fmt.Errorf("%w: no %q format marker", ErrNotModel, FormatName)
	}
	if env.Version != FormatVersion {
		return nil, &VersionError{Got: env.Version}
	}
	sum := sha256.Sum256(env.Goml)
	if hex.EncodeToString(sum[:]) != env.GomlSHA256 {
		return nil, fmt.Errorf("%w: the checksum of the counts does not match", ErrDamaged)
	}
	c, err := fromEnvelope(env)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return c, nil
}

// fromEnvelope checks that the header and goml's counts agree and compiles
// the scoring table.
func fromEnvelope(env envelope) (*Classifier, error) {
	n := len(env.Labels)
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
	nb, gc, err := restoreGoml(env.Goml, n)
	if err != nil {
		return nil, fmt.Errorf("goml counts: %v", err)
	}
	if len(gc.Count) != n {
		return nil, fmt.Errorf("goml model has %d classes, header has %d labels", len(gc.Count), n)
	}
	counts := make(map[string][]uint64, len(gc.Words))
	tokens := make([]uint64, n)
	for key, w := range gc.Words {
		if len(key) <= len(gomlPrefix) || key[:len(gomlPrefix)] != gomlPrefix || len(w.Count) != n {
			return nil, fmt.Errorf("goml word %q is not a Parley feature", key)
		}
		for c, k := range w.Count {
			tokens[c] += k
		}
		counts[key[len(gomlPrefix):]] = w.Count
	}
	for c := range tokens {
		if tokens[c] != env.ClassTokens[c] {
			return nil, fmt.Errorf("class %q has %d feature occurrences in the counts but %d in the header", env.Labels[c], tokens[c], env.ClassTokens[c])
		}
	}
	if uint64(len(counts)) != gc.DictCount {
		return nil, fmt.Errorf("vocabulary size %d does not match %d words", gc.DictCount, len(counts))
	}
	return &Classifier{
		labels:      env.Labels,
		pipe:        pipe,
		nb:          nb,
		classTokens: env.ClassTokens,
		alpha:       env.Alpha,
		priors:      env.Priors,
		temperature: env.Temperature,
		training:    env.Training,
		table:       compile(n, counts, tokens, env.Alpha, env.Priors),
	}, nil
}
