package classifier

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
)

// FuzzLoad feeds arbitrary bytes to Load: it must return a model or an
// error, never panic, and a model it returns must classify and round-trip.
func FuzzLoad(f *testing.F) {
	good := modelBytes(f, trained(f))
	f.Add(good)
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(good)
	zw.Close()
	f.Add(z.Bytes())
	f.Add([]byte(""))
	f.Add([]byte("{}"))
	f.Add([]byte(`{"format":"parley-model","version":2}`))
	f.Add(good[:len(good)/2])
	f.Add([]byte{0x1f, 0x8b, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		checkLoaded(t, b)
	})
}

// FuzzLoadEnvelope mutates the fields of a valid model and then repairs
// the checksum, so the fuzzer reaches the consistency checks behind it
// (labels, priors, token totals, goml's counts) instead of stopping at the
// hash.
func FuzzLoadEnvelope(f *testing.F) {
	good := modelBytes(f, trained(f))
	var env envelope
	if err := json.Unmarshal(good, &env); err != nil {
		f.Fatal(err)
	}
	header, err := json.Marshal(struct {
		Labels      []string  `json:"labels"`
		Priors      []float64 `json:"priors"`
		Alpha       float64   `json:"alpha"`
		Temperature float64   `json:"temperature"`
		ClassTokens []uint64  `json:"class_tokens"`
	}{env.Labels, env.Priors, env.Alpha, env.Temperature, env.ClassTokens})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(header, []byte(env.Goml))
	f.Add([]byte(`{"labels":["a","a"]}`), []byte(env.Goml))
	f.Add(header, []byte(`{"Words":{"f:x":{"Count":[1,2,3],"Seen":1,"DocsSeen":[1,1,1]}},"Count":[1,1,1],"DocumentCount":3,"DictCount":1}`))
	f.Fuzz(func(t *testing.T, head, goml []byte) {
		e := env
		if json.Unmarshal(head, &e) != nil {
			return
		}
		e.Format, e.Version = FormatName, FormatVersion
		e.Goml = json.RawMessage(goml)
		sum := sha256.Sum256(goml)
		e.GomlSHA256 = hex.EncodeToString(sum[:])
		b, err := json.Marshal(e)
		if err != nil {
			return // goml is not valid JSON: Marshal refuses a bad RawMessage
		}
		checkLoaded(t, b)
	})
}

func checkLoaded(t *testing.T, b []byte) {
	c, err := Load(bytes.NewReader(b))
	if err != nil {
		if c != nil {
			t.Fatalf("Load returned a model and an error: %v", err)
		}
		return
	}
	p := c.Classify("The minister warned of consequences but offered talks.")
	if len(p.Probabilities) != len(c.Labels()) {
		t.Fatalf("%d probabilities for %d labels", len(p.Probabilities), len(c.Labels()))
	}
	var out bytes.Buffer
	if _, err := c.WriteTo(&out); err != nil {
		t.Fatalf("a loaded model does not write: %v", err)
	}
	if _, err := Load(&out); err != nil {
		t.Fatalf("a loaded model does not reload: %v", err)
	}
}
