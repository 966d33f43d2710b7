package classifier

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/parley-nlp/parley/data"
	"github.com/parley-nlp/parley/features"
	"github.com/parley-nlp/parley/models"
)

// This file checks that the fast paths change nothing: scoring by term IDs
// gives the same bits as scoring by keys, and the fast model decoder reads
// what encoding/json reads.

// corpusSentences reads the sentences of Parley's corpus.
func corpusSentences(t testing.TB) []string {
	t.Helper()
	ex, err := data.ReadFiles([]string{"../data/corpus"}, "")
	require.NoError(t, err)
	require.NotEmpty(t, ex)
	return texts(ex)
}

// trickySentences are sentences for the scoring comparison besides the
// corpus: repeats (binary counting), negation, contractions, unknown
// words, nothing at all.
var trickySentences = []string{
	"", "...", "not not not", "talks talks talks, talks; TALKS",
	"Iran didn't rule out talks with the U.S., officials said, but won't negotiate.",
	"Zxqv blorf wibble frobnicates the quux.",
	"He vowed to retaliate; Москва 警告 حرب 🔥 against any attack.",
	strings.Repeat("The president vowed to retaliate against the rebels and refused talks. ", 40),
}

// keyPath returns a copy of c that scores by feature keys.
func keyPath(c *Classifier) *Classifier {
	cp := *c
	t := *c.table
	t.ids = &idState{off: true}
	cp.table = &t
	return &cp
}

func TestIDScoringMatchesKeyScoring(t *testing.T) {
	sentences := append(corpusSentences(t), trickySentences...)
	def, err := Default()
	require.NoError(t, err)
	models := []*Classifier{def}
	for _, cfg := range []features.Config{
		{Language: "english", NGrams: 1},
		{Language: "english", Negation: true, Stopwords: true, Stem: true, Numbers: true, NGrams: 3, Binary: true},
		{Language: "english", Negation: true, NegationScope: 2, Stem: true, NGrams: 2, Binary: false},
	} {
		c, err := Train(smallCorpus(), Options{Features: cfg})
		require.NoError(t, err)
		models = append(models, c)
	}
	// Four labels: the general summing path.
	four := append(smallCorpus(), data.Example{Label: "other", Text: "The weather was fine and the talks went on."})
	c4, err := Train(four, Options{})
	require.NoError(t, err)
	models = append(models, c4)

	for _, c := range models {
		require.NotNil(t, c.table.ids.build(c.table), "the ID path is in use")
		slow := keyPath(c)
		step := 1
		if c != def {
			step = 5
		}
		for i := 0; i < len(sentences); i += step {
			s := sentences[i]
			got, want := c.Classify(s), slow.Classify(s)
			for k := range got.Probabilities {
				if math.Float64bits(got.Probabilities[k]) != math.Float64bits(want.Probabilities[k]) {
					t.Fatalf("%v: %q: label %d: ID path %v, key path %v", c.Features(), s, k, got.Probabilities, want.Probabilities)
				}
			}
		}
	}
}

// TestIDPathAfterTermTableIsFull: a model whose terms the pipeline cannot
// all number scores by keys, with the same results.
func TestIDPathAfterTermTableIsFull(t *testing.T) {
	c := trained(t)
	pipe, err := features.New(c.Features())
	require.NoError(t, err)
	for i := 0; ; i++ {
		if _, ok := pipe.TermID(fmt.Sprintf("filler%d", i)); !ok {
			break
		}
		if i > features.NoTermID {
			t.Fatal("the term table never fills")
		}
	}
	tb := compile(pipe, c.table.n, countsOf(c), c.classTokens, c.alpha, c.priors)
	assert.NotNil(t, tb.index, "a trained model has its string index")
	assert.Nil(t, tb.ids.build(tb))
	cp := *c
	cp.table, cp.pipe = tb, pipe
	for _, s := range append(texts(smallCorpus()), trickySentences...) {
		assert.Equal(t, c.Classify(s).Probabilities, cp.Classify(s).Probabilities, s)
	}
}

func countsOf(c *Classifier) map[string][]uint64 {
	m := make(map[string][]uint64, len(c.table.keys))
	for row, k := range c.table.keys {
		m[k] = c.table.counts[row*c.table.n : (row+1)*c.table.n]
	}
	return m
}

// defaultJSON is the embedded default model, uncompressed.
func defaultJSON(t testing.TB) []byte {
	t.Helper()
	z, err := gzip.NewReader(bytes.NewReader(models.Default))
	require.NoError(t, err)
	b, err := io.ReadAll(z)
	require.NoError(t, err)
	return b
}

// sameDecoding decodes b both ways and checks the results agree: the same
// error, or models with the same description, predictions and file.
func sameDecoding(t *testing.T, b []byte) {
	t.Helper()
	fast, ferr := decodeWith(b, true)
	slow, serr := decodeWith(b, false)
	if serr != nil || ferr != nil {
		require.Error(t, ferr, "the fast path accepts what encoding/json refuses: %v", serr)
		require.Error(t, serr, "the fast path refuses what encoding/json accepts: %v", ferr)
		assert.Equal(t, serr.Error(), ferr.Error())
		for _, target := range []error{ErrNotModel, ErrDamaged} {
			assert.Equal(t, errors.Is(serr, target), errors.Is(ferr, target))
		}
		return
	}
	assert.Equal(t, slow.Info(), fast.Info())
	assert.Equal(t, slow.table.keys, fast.table.keys)
	assert.Equal(t, slow.table.counts, fast.table.counts)
	assert.Equal(t, slow.surfaceMap(), fast.surfaceMap())
	for _, s := range trickySentences {
		assert.Equal(t, slow.Classify(s), fast.Classify(s), s)
	}
	var wf, ws bytes.Buffer
	_, err := fast.WriteTo(&wf)
	require.NoError(t, err)
	_, err = slow.WriteTo(&ws)
	require.NoError(t, err)
	assert.Equal(t, ws.String(), wf.String())
}

func TestFastDecodeReadsTheDefaultModel(t *testing.T) {
	b := defaultJSON(t)
	tb := bytes.TrimSpace(b)
	m, ok := parseFast(&source{all: tb, b: tb})
	require.True(t, ok, "the fast path reads the file WriteTo wrote")
	assert.NotEmpty(t, m.keys)
	sameDecoding(t, b)
}

// envelopeVariants returns model files that differ from good in ways the
// fast path must either read as encoding/json does or leave to it.
func envelopeVariants(t *testing.T, good []byte) map[string][]byte {
	t.Helper()
	var env envelope
	require.NoError(t, json.Unmarshal(good, &env))
	var fields map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(good, &fields))
	var keys []string
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// build writes the fields in the order of keys, with some replaced.
	build := func(keys []string, replace map[string]string) []byte {
		var b bytes.Buffer
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			v, ok := replace[k]
			if !ok {
				v = string(fields[k])
			}
			fmt.Fprintf(&b, "%q:%s", k, v)
		}
		b.WriteByte('}')
		return b.Bytes()
	}
	reorder := func(keys ...string) []byte { return build(keys, nil) }
	surfaces := func(v string) []byte { return build(keys, map[string]string{"surfaces": v}) }
	require.Contains(t, keys, "surfaces")
	rep := func(old, new string) []byte { return bytes.Replace(good, []byte(old), []byte(new), 1) }
	v := map[string][]byte{
		"as written":               good,
		"trailing newline":         append(append([]byte(nil), good...), '\n', '\n'),
		"reordered fields":         reorder(append([]string{"goml", "goml_sha256"}, without(keys, "goml", "goml_sha256")...)...),
		"indented":                 indent(t, good),
		"duplicate field":          rep(`"alpha":`, `"alpha":2,"alpha":`),
		"field in other case":      rep(`"alpha":`, `"ALPHA":`),
		"unknown field":            rep(`"alpha":`, `"extra":[1,{"a":null}],"alpha":`),
		"version 2":                rep(`"version":1`, `"version":2`),
		"no format":                rep(`"format":"parley-model",`, ``),
		"escaped header":           rep(`"labels":["conciliatory"`, `"labels":["concil\u0069atory"`),
		"surfaces null":            surfaces(`null`),
		"surfaces empty":           surfaces(`{}`),
		"surfaces not strings":     surfaces(`{"a":1}`),
		"surfaces escaped":         surfaces(`{"a\n":"\u00e9\ud83d\ude00","b":"\ud800","c":"\"\\\/\b\f\r\t"}`),
		"surfaces bad escape":      surfaces(`{"a":"\x"}`),
		"surfaces twice":           rep(`"goml_sha256"`, `"surfaces":{"a":"b"},"goml_sha256"`),
		"truncated":                good[:len(good)*2/3],
		"garbage after":            append(append([]byte(nil), good...), 'x'),
		"invalid UTF-8 in a label": rep(`"labels":["conciliatory"`, "\"labels\":[\"concil\xffatory\""),
		"wrong checksum":           rep(`"goml_sha256":"`, `"goml_sha256":"0`),
	}
	// goml's counts changed in place, with the checksum repaired, so the
	// checks behind it run.
	gomlVariants := map[string][2]string{
		"tokenizer null":         {`"tokenizer":{}`, `"tokenizer":null`},
		"probabilities overflow": {`"probabilities":[`, `"probabilities":[1e999,`},
		"probabilities exponent": {`"probabilities":[`, `"probabilities":[2.5e-1,`},
		"word with extra field":  {`"Seen":`, `"DocsSeen":3,"Seen":`},
		"negative count":         {`"Count":[`, `"Count":[-1,`},
		"count too large":        {`"Count":[`, `"Count":[18446744073709551616,`},
		"counts with a fraction": {`"Seen":`, `"Seen":1.0,"x":`},
		"unsorted words":         {`{"words":{`, `{"words":{"f:zzzz":{"Count":[1,0,0],"Seen":1},`},
		"duplicate word":         {`{"words":{`, `{"words":{"f:zzzz":{"Count":[1,0,0],"Seen":1},"f:zzzz":{"Count":[1,0,0],"Seen":1},`},
		"escaped word":           {`{"words":{`, `{"words":{"f:\u0001":{"Count":[1,0,0],"Seen":1},`},
		"word without prefix":    {`{"words":{`, `{"words":{"aaa":{"Count":[1,0,0],"Seen":1},`},
		"empty feature":          {`{"words":{`, `{"words":{"f:":{"Count":[1,0,0],"Seen":1},`},
		"short counts":           {`{"words":{`, `{"words":{"f:!":{"Count":[1,0],"Seen":1},`},
		"too few classes":        {`"count":[`, `"count":[1,`},
		"no words":               {`{"words":{`, `{"words":{},"x":{`},
		"spaces":                 {`{"words":{`, `{ "words" : {`},
		"empty count arrays":     {`"Count":[`, `"Count":[],"C":[`},
		"vocabulary off by one":  {`"vocabulary_size":`, `"vocabulary_size":1`},
	}
	for name, r := range gomlVariants {
		raw := bytes.Replace(env.Goml, []byte(r[0]), []byte(r[1]), 1)
		require.NotEqual(t, env.Goml, raw, name)
		b := rep(string(env.Goml), string(raw))
		v[name] = bytes.Replace(b, []byte(env.GomlSHA256), []byte(sha256Hex(raw)), 1)
	}
	return v
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func without(keys []string, drop ...string) []string {
	var out []string
	for _, k := range keys {
		keep := true
		for _, d := range drop {
			keep = keep && k != d
		}
		if keep {
			out = append(out, k)
		}
	}
	return out
}

func indent(t *testing.T, b []byte) []byte {
	var out bytes.Buffer
	require.NoError(t, json.Indent(&out, b, "", "  "))
	return out.Bytes()
}

func TestFastDecodeMatchesEncodingJSON(t *testing.T) {
	good := modelBytes(t, trained(t))
	for name, b := range envelopeVariants(t, good) {
		t.Run(name, func(t *testing.T) { sameDecoding(t, b) })
	}
}

// FuzzFastDecode mutates model files: whatever the fast decoder makes of
// them, encoding/json must make the same.
func FuzzFastDecode(f *testing.F) {
	good := modelBytes(f, trained(f))
	f.Add(good)
	f.Add(bytes.Replace(good, []byte(`"goml_sha256"`), []byte(`"surfaces":{"a":"b"},"goml_sha256"`), 1))
	f.Fuzz(func(t *testing.T, b []byte) {
		fast, ferr := decodeWith(b, true)
		slow, serr := decodeWith(b, false)
		if (ferr == nil) != (serr == nil) {
			t.Fatalf("fast: %v, encoding/json: %v", ferr, serr)
		}
		if ferr != nil {
			if ferr.Error() != serr.Error() {
				t.Fatalf("fast: %v\nencoding/json: %v", ferr, serr)
			}
			return
		}
		var wf, ws bytes.Buffer
		if _, err := fast.WriteTo(&wf); err != nil {
			t.Fatal(err)
		}
		if _, err := slow.WriteTo(&ws); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(wf.Bytes(), ws.Bytes()) {
			t.Fatal("the two decoders read different models")
		}
	})
}

func TestSurfacesRoundTrip(t *testing.T) {
	c := trained(t)
	m := c.surfaceMap()
	assert.Equal(t, "negotiate", m["negoti"])
	assert.Equal(t, "talks", m["talk"])
	_, has := m["envoy"]
	assert.False(t, has, "a term written as itself is not stored")
	_, has = m[features.NumberTerm]
	assert.False(t, has)

	b := modelBytes(t, c)
	assert.Contains(t, string(b), `"surfaces":{`)
	c2, err := Load(bytes.NewReader(b))
	require.NoError(t, err)
	assert.Equal(t, m, c2.surfaceMap())
	assert.Equal(t, b, modelBytes(t, c2))
}

// withoutSurfaces is a model file as written before surfaces existed.
func withoutSurfaces(t *testing.T, b []byte) []byte {
	t.Helper()
	var env envelope
	require.NoError(t, json.Unmarshal(b, &env))
	env.Surfaces = nil
	out, err := json.Marshal(env)
	require.NoError(t, err)
	require.NotContains(t, string(out), "surfaces")
	return append(out, '\n')
}

func TestModelWithoutSurfacesLoads(t *testing.T) {
	c := trained(t)
	old := withoutSurfaces(t, modelBytes(t, c))
	for _, fast := range []bool{true, false} {
		c2, err := decodeWith(old, fast)
		require.NoError(t, err)
		assert.Nil(t, c2.surfaceMap())
		top, err := c2.TopFeatures("warning", 5)
		require.NoError(t, err)
		require.NotEmpty(t, top)
		for _, f := range top {
			assert.Equal(t, surfaceOf(f.Feature, nil), f.Surface, "stems stand in for words")
		}
		assert.Equal(t, old, modelBytes(t, c2), "and it writes back unchanged")
		assert.Equal(t, c.Classify("He refused to negotiate.").Probabilities, c2.Classify("He refused to negotiate.").Probabilities)
	}
}

func TestSurfaceWordsAreDeterministic(t *testing.T) {
	ss := [][]features.Surface{
		{{Term: "talk", Word: "talks"}, {Term: "talk", Word: "talk"}},
		{{Term: "talk", Word: "talk"}, {Term: "talk", Word: "talks"}, {Term: "negoti", Word: "negotiations"}},
		{{Term: features.NumberTerm, Word: "12"}, {Term: "un", Word: "un"}},
	}
	// "talk" and "talks" tie at 2: the word that sorts first wins.
	assert.Equal(t, map[string]string{"negoti": "negotiations"}, surfaceWords(ss))
	ss = append(ss, []features.Surface{{Term: "talk", Word: "talks"}})
	assert.Equal(t, map[string]string{"negoti": "negotiations", "talk": "talks"}, surfaceWords(ss))
}

func TestTopFeatures(t *testing.T) {
	c := trained(t)
	top, err := c.TopFeatures("warning", 10)
	require.NoError(t, err)
	require.Len(t, top, 10)
	for i, f := range top {
		row := c.table.index[f.Feature]
		w := []float64{c.table.weight(row, 0), c.table.weight(row, 1), c.table.weight(row, 2)}
		li := c.labelIndex("warning")
		best := math.Inf(-1)
		for k, x := range w {
			if k != li {
				best = math.Max(best, x)
			}
		}
		assert.InDelta(t, w[li]-best, f.Weight, 1e-6, f.Feature)
		assert.Positive(t, f.Weight)
		if i > 0 {
			assert.GreaterOrEqual(t, top[i-1].Weight, f.Weight)
		}
		assert.Equal(t, f.Counts["warning"], f.Count)
		assert.Len(t, f.Counts, 3)
	}
	all, err := c.TopFeatures("warning", 0)
	require.NoError(t, err)
	assert.Greater(t, len(all), 10)
	assert.Equal(t, top, all[:10])

	_, err = c.TopFeatures("hostile", 3)
	assert.ErrorContains(t, err, `no label "hostile"`)
}

func TestSurfaceOf(t *testing.T) {
	surfaces := map[string]string{"negoti": "negotiate", "toler": "tolerate", "attack": "attacks", "rule": "rule"}
	tests := []struct{ key, want string }{
		{"negoti", "negotiate"},
		{"not_negoti", "not … negotiate"},
		{"not_rule not_out", "not … rule out"},
		{"not not_toler", "not tolerate"},
		{"not_toler not_attack", "not … tolerate attacks"},
		{"unknown stem", "unknown stem"},
		{features.NumberTerm + " attack", "<num> attacks"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, surfaceOf(tt.key, surfaces), tt.key)
	}
}

func TestTopFeaturesOfTheDefaultModelReadAsWords(t *testing.T) {
	c, err := Default()
	require.NoError(t, err)
	if c.surfaceMap() == nil {
		t.Skip("the embedded model predates surfaces; run go generate ./models")
	}
	top, err := c.TopFeatures("conciliatory", 30)
	require.NoError(t, err)
	surfaces := make([]string, len(top))
	for i, f := range top {
		surfaces[i] = f.Surface
	}
	joined := strings.Join(surfaces, " | ")
	assert.NotContains(t, joined, "negoti ", "stems are shown as words: %s", joined)
}

// chunkReader hands out its bytes a few at a time, and knows its size (as
// a bytes.Reader does), so Load streams it.
type chunkReader struct {
	*bytes.Reader
	n int
}

func (r chunkReader) Read(p []byte) (int, error) { return r.Reader.Read(p[:min(len(p), r.n)]) }

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var z bytes.Buffer
	w, err := gzip.NewWriterLevel(&z, gzip.BestCompression)
	require.NoError(t, err)
	_, err = w.Write(b)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return z.Bytes()
}

// TestLoadStreamsGzip checks the streaming path of Load against decoding
// the plain bytes with encoding/json: compressed files read a few bytes at
// a time, files whose gzip trailer states the wrong size, several gzip
// members, damaged and truncated files.
func TestLoadStreamsGzip(t *testing.T) {
	good := modelBytes(t, trained(t))
	cases := map[string]struct{ plain, z []byte }{}
	for name, b := range envelopeVariants(t, good) {
		cases[name] = struct{ plain, z []byte }{b, gz(t, b)}
	}
	// Two members: the trailer gives the size of the second only.
	half := len(good) / 2
	cases["two gzip members"] = struct{ plain, z []byte }{good, append(gz(t, good[:half]), gz(t, good[half:])...)}
	def := defaultJSON(t)
	cases["default model"] = struct{ plain, z []byte }{def, models.Default}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			slow, serr := decodeWith(append([]byte(nil), c.plain...), false)
			for _, n := range []int{1 << 20, 4096, 7} {
				got, err := Load(chunkReader{bytes.NewReader(c.z), n})
				if serr != nil {
					require.Error(t, err, "%d-byte reads", n)
					assert.Equal(t, serr.Error(), err.Error())
					continue
				}
				require.NoError(t, err, "%d-byte reads", n)
				assert.Equal(t, slow.Info(), got.Info())
				assert.Equal(t, slow.table.keys, got.table.keys)
				for _, s := range trickySentences[:5] {
					assert.Equal(t, slow.Classify(s).Probabilities, got.Classify(s).Probabilities)
				}
				if n == 7 && name == "default model" {
					break // slow enough once
				}
			}
		})
	}
	// Damaged compressed files fail as before.
	z := gz(t, good)
	trunc := z[:len(z)-10]
	_, err := Load(chunkReader{bytes.NewReader(trunc), 100})
	assert.ErrorIs(t, err, ErrDamaged)
	bad := append([]byte(nil), z...)
	bad[len(bad)-8] ^= 0xff // the CRC
	_, err = Load(chunkReader{bytes.NewReader(bad), 100})
	assert.ErrorIs(t, err, ErrDamaged)
	lying := append([]byte(nil), z...)
	binary.LittleEndian.PutUint32(lying[len(lying)-4:], 1<<31) // a huge size
	_, err = Load(bytes.NewReader(lying))
	assert.ErrorIs(t, err, ErrDamaged)
	binary.LittleEndian.PutUint32(lying[len(lying)-4:], 10) // a small one
	_, err = Load(bytes.NewReader(lying))
	assert.ErrorIs(t, err, ErrDamaged)
}
