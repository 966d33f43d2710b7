// Command loadtest drives a running 'parley serve' and checks every answer.
// scripts/loadtest.sh builds the server, starts it and runs each mode.
//
// By default it sends -n requests from -c concurrent clients, a share -mix
// of them to /v1/classify (1 to 8 sentences of data/corpus each) and the
// rest to /v1/score (1 or 2 articles of data/articles each). Every answer
// must have status 200 and valid JSON with one prediction per sentence, a
// label among the model's labels that is the most probable one, and
// probabilities that sum to 1. The first answer for each distinct sentence
// or article is its reference: every later answer for it, in whatever batch
// and under whatever concurrency, must be byte for byte the same. It prints
// the number of requests and failures by kind, the throughput in requests
// and sentences per second, and the latency percentiles, and exits 1 on any
// failure.
//
//	go run ./scripts/loadtest -addr 127.0.0.1:8080 -c 16 -n 5000 -mix 0.8
//
// The other modes each check one thing and exit 1 when it fails:
//
//	-healthz    wait up to -timeout for GET /healthz to answer 200
//	-oversize   a body over -max-body bytes gets 413 and a JSON error
//	-slowloris  a client that sends its headers, then a byte of its body
//	            every -trickle, is cut off within -read-timeout + -margin
//	-drain      SIGTERM to the server -pid during a burst of requests: every
//	            request the server accepted is answered 200 and correctly,
//	            and new connections are refused afterwards
//
// It uses the standard library only.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// config holds the flags.
type config struct {
	addr     string
	clients  int
	requests int
	mix      float64
	timeout  time.Duration
	dataDir  string
	pool     int
	seed     uint64

	healthz bool

	oversize bool
	maxBody  int64

	slowloris   bool
	readTimeout time.Duration
	margin      time.Duration
	trickle     time.Duration

	drain        bool
	pid          int
	burst        int
	drainTimeout time.Duration
}

func run(args []string, stdout, stderr io.Writer) int {
	var cfg config
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "the server's host:port")
	fs.IntVar(&cfg.clients, "c", 16, "concurrent clients")
	fs.IntVar(&cfg.requests, "n", 5000, "total requests")
	fs.Float64Var(&cfg.mix, "mix", 0.8, "share of requests sent to /v1/classify; the rest go to /v1/score")
	fs.DurationVar(&cfg.timeout, "timeout", 30*time.Second, "time limit of one request (and of the wait in -healthz)")
	fs.StringVar(&cfg.dataDir, "data", "data", "folder holding corpus/ (TSV sentences) and articles/ (.txt articles)")
	fs.IntVar(&cfg.pool, "pool", 1000, "distinct corpus sentences to draw from, so that each comes back many times")
	fs.Uint64Var(&cfg.seed, "seed", 1, "seed of the random choice of requests")
	fs.BoolVar(&cfg.healthz, "healthz", false, "mode: wait for GET /healthz to answer 200")
	fs.BoolVar(&cfg.oversize, "oversize", false, "mode: check that a body over -max-body gets 413")
	fs.Int64Var(&cfg.maxBody, "max-body", 1<<20, "with -oversize: the server's -max-body, in bytes")
	fs.BoolVar(&cfg.slowloris, "slowloris", false, "mode: check that a client trickling its body is cut off")
	fs.DurationVar(&cfg.readTimeout, "read-timeout", 60*time.Second, "with -slowloris: the server's read timeout")
	fs.DurationVar(&cfg.margin, "margin", 5*time.Second, "with -slowloris: how much later than -read-timeout the cut may come")
	fs.DurationVar(&cfg.trickle, "trickle", time.Second, "with -slowloris: the time between two bytes of the body")
	fs.BoolVar(&cfg.drain, "drain", false, "mode: send SIGTERM to -pid during a burst and check the drain")
	fs.IntVar(&cfg.pid, "pid", 0, "with -drain: the process id of the server")
	fs.IntVar(&cfg.burst, "burst", 8, "with -drain: requests held in flight when the signal is sent")
	fs.DurationVar(&cfg.drainTimeout, "drain-timeout", 15*time.Second, "with -drain: how long the drain may take")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	modes := 0
	for _, m := range []bool{cfg.healthz, cfg.oversize, cfg.slowloris, cfg.drain} {
		if m {
			modes++
		}
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "loadtest: unexpected argument %q\n", fs.Arg(0))
		return 2
	case modes > 1:
		fmt.Fprintln(stderr, "loadtest: -healthz, -oversize, -slowloris and -drain exclude one another")
		return 2
	case cfg.clients < 1 || cfg.requests < 1 || cfg.pool < 1 || cfg.burst < 1:
		fmt.Fprintln(stderr, "loadtest: -c, -n, -pool and -burst must be at least 1")
		return 2
	case cfg.mix < 0 || cfg.mix > 1:
		fmt.Fprintln(stderr, "loadtest: -mix must be between 0 and 1")
		return 2
	case cfg.timeout <= 0 || cfg.trickle <= 0 || cfg.readTimeout <= 0 || cfg.margin < 0 || cfg.drainTimeout <= 0:
		fmt.Fprintln(stderr, "loadtest: durations must be positive")
		return 2
	case cfg.maxBody < 1:
		fmt.Fprintln(stderr, "loadtest: -max-body must be positive")
		return 2
	case cfg.drain && cfg.pid <= 0:
		fmt.Fprintln(stderr, "loadtest: -drain needs the server's -pid")
		return 2
	}
	var err error
	switch {
	case cfg.healthz:
		err = waitHealthy(cfg, stdout)
	case cfg.oversize:
		err = checkOversize(cfg, stdout)
	case cfg.slowloris:
		err = checkSlowloris(cfg, stdout)
	case cfg.drain:
		err = checkDrain(cfg, stdout)
	default:
		err = loadTest(cfg, stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "loadtest: %v\n", err)
		return 1
	}
	return 0
}

// ---- Inputs ----

// readSentences returns the distinct sentences of the TSV files under dir
// (label<TAB>text[<TAB>tags], with # comments), in file and line order.
func readSentences(dir string) ([]string, error) {
	var out []string
	seen := make(map[string]bool)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || filepath.Ext(path) != ".tsv" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			line = strings.TrimRight(line, "\r")
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) < 2 {
				return fmt.Errorf("%s:%d: want label<TAB>text", path, i+1)
			}
			if s := strings.TrimSpace(f[1]); s != "" && !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read sentences: %w", err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("read sentences: no TSV sentences under %s", dir)
	}
	return out, nil
}

// article is an article of /v1/score.
type article struct {
	ID     string `json:"id"`
	Date   string `json:"date,omitempty"`
	Title  string `json:"title,omitempty"`
	Source string `json:"source,omitempty"`
	Text   string `json:"text"`
}

// dateHeader is the date that may open an article: "date YYYY-MM-DD", then
// a line break or the text on the same line.
var dateHeader = regexp.MustCompile(`^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]*\r?\n|[ \t]+|$)`)

// readArticles reads the .txt articles in dir. An article may open with a
// "date YYYY-MM-DD" header, then "title:" and "source:" lines.
func readArticles(dir string) ([]article, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("read articles: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("read articles: no .txt files in %s", dir)
	}
	arts := make([]article, 0, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read articles: %w", err)
		}
		a := article{ID: strings.TrimSuffix(filepath.Base(f), ".txt")}
		rest := string(b)
		if m := dateHeader.FindStringSubmatch(rest); m != nil {
			a.Date, rest = m[1], rest[len(m[0]):]
			// Title and source lines follow a date on its own line.
			for strings.HasSuffix(m[0], "\n") {
				line, after, _ := strings.Cut(rest, "\n")
				if v, ok := strings.CutPrefix(line, "title:"); ok {
					a.Title = strings.TrimSpace(v)
				} else if v, ok := strings.CutPrefix(line, "source:"); ok {
					a.Source = strings.TrimSpace(v)
				} else {
					break
				}
				rest = after
			}
		}
		if a.Text = strings.TrimSpace(rest); a.Text == "" {
			return nil, fmt.Errorf("read articles: %s has no text", f)
		}
		arts = append(arts, a)
	}
	return arts, nil
}

// ---- Checking answers ----

// checker checks answers against the model's labels and against the first
// answer for the same input.
type checker struct {
	labels []string

	mu      sync.Mutex
	refs    map[string][]byte // "classify\x00sentence" or "score\x00id" -> first answer
	maxDev  float64           // largest |sum of probabilities - 1| seen
	repeats int               // answers compared with a reference
}

// tolerance is how far the printed probabilities may sum from 1: 1e-6, plus
// the rounding of each of them to 6 decimals by the server.
func (c *checker) tolerance() float64 { return 1e-6 + float64(len(c.labels))*0.5e-6 }

// fetchLabels asks /v1/model for the model's labels.
func fetchLabels(client *http.Client, base string) ([]string, error) {
	resp, err := client.Get(base + "/v1/model")
	if err != nil {
		return nil, fmt.Errorf("get /v1/model: %w", err)
	}
	defer resp.Body.Close()
	var m struct {
		Labels []string `json:"labels"`
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("get /v1/model: status %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		return nil, fmt.Errorf("get /v1/model: %w", err)
	}
	if len(m.Labels) < 2 {
		return nil, fmt.Errorf("get /v1/model: %d labels", len(m.Labels))
	}
	return m.Labels, nil
}

// failure is one thing wrong with an answer.
type failure struct{ kind, msg string }

// checkPrediction checks one label with its probabilities.
func (c *checker) checkPrediction(where, label string, confidence float64, probs map[string]float64) []failure {
	var fs []failure
	if !slices.Contains(c.labels, label) {
		fs = append(fs, failure{"label", fmt.Sprintf("%s: label %q is not one of %v", where, label, c.labels)})
	}
	if len(probs) != len(c.labels) {
		fs = append(fs, failure{"probabilities", fmt.Sprintf("%s: %d probabilities for %d labels", where, len(probs), len(c.labels))})
	}
	sum := 0.0
	for _, l := range c.labels {
		p, ok := probs[l]
		if !ok || p < 0 || p > 1 || math.IsNaN(p) {
			fs = append(fs, failure{"probabilities", fmt.Sprintf("%s: probability of %q is %v (present %v)", where, l, p, ok)})
			continue
		}
		sum += p
		if p > probs[label] {
			fs = append(fs, failure{"label", fmt.Sprintf("%s: label %q (p=%v) is less probable than %q (p=%v)", where, label, probs[label], l, p)})
		}
	}
	dev := math.Abs(sum - 1)
	c.mu.Lock()
	c.maxDev = max(c.maxDev, dev)
	c.mu.Unlock()
	if dev > c.tolerance() {
		fs = append(fs, failure{"probabilities", fmt.Sprintf("%s: probabilities sum to %v", where, sum)})
	}
	if confidence != probs[label] {
		fs = append(fs, failure{"probabilities", fmt.Sprintf("%s: confidence %v is not P(%s)=%v", where, confidence, label, probs[label])})
	}
	return fs
}

// sameAsFirst compares an answer with the first answer for the same key,
// or makes it the reference. labelsOf lists an answer's labels, to tell a
// changed label from another change.
func (c *checker) sameAsFirst(key, where string, answer []byte, labelsOf func([]byte) []string) []failure {
	c.mu.Lock()
	ref, ok := c.refs[key]
	if !ok {
		c.refs[key] = bytes.Clone(answer)
	} else {
		c.repeats++
	}
	c.mu.Unlock()
	if !ok || bytes.Equal(ref, answer) {
		return nil
	}
	if a, b := labelsOf(ref), labelsOf(answer); !slices.Equal(a, b) {
		return []failure{{"label-changed", fmt.Sprintf("%s: labels %v, first answered %v", where, b, a)}}
	}
	return []failure{{"answer-changed", fmt.Sprintf("%s: %s, first answered %s", where, clip(answer), clip(ref))}}
}

// prediction is a prediction of /v1/classify.
type prediction struct {
	Text          string             `json:"text"`
	Label         string             `json:"label"`
	Confidence    float64            `json:"confidence"`
	Probabilities map[string]float64 `json:"probabilities"`
}

func predictionLabels(b []byte) []string {
	var p prediction
	json.Unmarshal(b, &p)
	return []string{p.Label}
}

// checkClassify checks the answer of /v1/classify for sentences and
// returns the number of sentences classified.
func (c *checker) checkClassify(sentences []string, body []byte) (int, []failure) {
	var resp struct {
		Predictions []json.RawMessage `json:"predictions"`
	}
	if err := strictUnmarshal(body, &resp); err != nil {
		return 0, []failure{{"json", fmt.Sprintf("classify: %v: %s", err, clip(body))}}
	}
	if len(resp.Predictions) != len(sentences) {
		return 0, []failure{{"count", fmt.Sprintf("classify: %d predictions for %d sentences", len(resp.Predictions), len(sentences))}}
	}
	var fs []failure
	for i, raw := range resp.Predictions {
		where := fmt.Sprintf("classify %q", clip([]byte(sentences[i])))
		var p prediction
		if err := json.Unmarshal(raw, &p); err != nil {
			fs = append(fs, failure{"json", fmt.Sprintf("%s: %v", where, err)})
			continue
		}
		if p.Text != sentences[i] {
			fs = append(fs, failure{"text", fmt.Sprintf("%s: prediction %d is for %q", where, i, clip([]byte(p.Text)))})
		}
		fs = append(fs, c.checkPrediction(where, p.Label, p.Confidence, p.Probabilities)...)
		fs = append(fs, c.sameAsFirst("classify\x00"+sentences[i], where, raw, predictionLabels)...)
	}
	return len(sentences), fs
}

// scored is an article of /v1/score.
type scored struct {
	ID        string `json:"id"`
	Date      string `json:"date"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	Sentences []struct {
		Text          string             `json:"text"`
		Start         int                `json:"start"`
		End           int                `json:"end"`
		Label         string             `json:"label"`
		Confidence    float64            `json:"confidence"`
		Probabilities map[string]float64 `json:"probabilities"`
	} `json:"sentences"`
	Summary struct {
		Sentences int            `json:"sentences"`
		Counts    map[string]int `json:"counts"`
	} `json:"summary"`
}

func scoredLabels(b []byte) []string {
	var s scored
	json.Unmarshal(b, &s)
	var ls []string
	for _, x := range s.Sentences {
		ls = append(ls, x.Label)
	}
	return ls
}

// checkScore checks the answer of /v1/score for arts and returns the
// number of sentences scored.
func (c *checker) checkScore(arts []article, body []byte) (int, []failure) {
	var resp struct {
		Articles []json.RawMessage `json:"articles"`
	}
	if err := strictUnmarshal(body, &resp); err != nil {
		return 0, []failure{{"json", fmt.Sprintf("score: %v: %s", err, clip(body))}}
	}
	if len(resp.Articles) != len(arts) {
		return 0, []failure{{"count", fmt.Sprintf("score: %d results for %d articles", len(resp.Articles), len(arts))}}
	}
	var fs []failure
	n := 0
	for i, raw := range resp.Articles {
		in := arts[i]
		where := "score " + in.ID
		var s scored
		if err := json.Unmarshal(raw, &s); err != nil {
			fs = append(fs, failure{"json", fmt.Sprintf("%s: %v", where, err)})
			continue
		}
		if s.ID != in.ID || s.Date != in.Date || s.Title != in.Title || s.Source != in.Source {
			fs = append(fs, failure{"text", fmt.Sprintf("%s: answered for id %q date %q title %q source %q", where, s.ID, s.Date, s.Title, s.Source)})
		}
		if len(s.Sentences) == 0 {
			fs = append(fs, failure{"count", where + ": no sentences"})
		}
		counts := make(map[string]int)
		for j, x := range s.Sentences {
			w := fmt.Sprintf("%s sentence %d", where, j+1)
			if x.Start < 0 || x.Start > x.End || x.End > len(in.Text) || in.Text[x.Start:x.End] != x.Text {
				fs = append(fs, failure{"text", fmt.Sprintf("%s: offsets %d-%d do not hold %q", w, x.Start, x.End, clip([]byte(x.Text)))})
			}
			fs = append(fs, c.checkPrediction(w, x.Label, x.Confidence, x.Probabilities)...)
			counts[x.Label]++
		}
		if s.Summary.Sentences != len(s.Sentences) {
			fs = append(fs, failure{"summary", fmt.Sprintf("%s: summary counts %d sentences, not %d", where, s.Summary.Sentences, len(s.Sentences))})
		}
		for _, l := range c.labels {
			if s.Summary.Counts[l] != counts[l] {
				fs = append(fs, failure{"summary", fmt.Sprintf("%s: summary counts %d %s, not %d", where, s.Summary.Counts[l], l, counts[l])})
			}
		}
		fs = append(fs, c.sameAsFirst("score\x00"+in.ID, where, raw, scoredLabels)...)
		n += len(s.Sentences)
	}
	return n, fs
}

// strictUnmarshal decodes one JSON value into v, refusing unknown fields
// and anything after the value.
func strictUnmarshal(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("more than one JSON value")
	}
	return nil
}

// clip shortens b for a message.
func clip(b []byte) string {
	const n = 120
	if len(b) > n {
		return string(b[:n]) + "..."
	}
	return string(b)
}

// tally counts failures by kind and keeps a few examples of each.
type tally struct {
	mu       sync.Mutex
	failed   int // requests with at least one failure
	byKind   map[string]int
	examples map[string][]string
}

func newTally() *tally {
	return &tally{byKind: make(map[string]int), examples: make(map[string][]string)}
}

// count returns the number of requests that failed.
func (t *tally) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.failed
}

func (t *tally) add(fs ...failure) {
	if len(fs) == 0 {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.failed++
	for _, f := range fs {
		t.byKind[f.kind]++
		if len(t.examples[f.kind]) < 3 {
			t.examples[f.kind] = append(t.examples[f.kind], f.msg)
		}
	}
}

// print writes the failures by kind, with examples.
func (t *tally) print(w io.Writer) {
	kinds := make([]string, 0, len(t.byKind))
	for k := range t.byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	if len(kinds) == 0 {
		fmt.Fprintln(w, "failures by kind: none")
		return
	}
	var parts []string
	for _, k := range kinds {
		parts = append(parts, fmt.Sprintf("%s %d", k, t.byKind[k]))
	}
	fmt.Fprintf(w, "failures by kind: %s\n", strings.Join(parts, ", "))
	for _, k := range kinds {
		for _, e := range t.examples[k] {
			fmt.Fprintf(w, "  %s: %s\n", k, e)
		}
	}
}

// ---- Requests ----

// job is one request to send.
type job struct {
	path      string // /v1/classify or /v1/score
	sentences []string
	articles  []article
	body      []byte
}

func classifyJob(sentences []string) job {
	b, _ := json.Marshal(struct {
		Sentences []string `json:"sentences"`
	}{sentences}) // strings only: cannot fail
	return job{path: "/v1/classify", sentences: sentences, body: b}
}

func scoreJob(arts []article) job {
	b, _ := json.Marshal(struct {
		Articles []article `json:"articles"`
	}{arts}) // strings only: cannot fail
	return job{path: "/v1/score", articles: arts, body: b}
}

// result is what one request gave.
type result struct {
	answered  bool // a response came (whatever its status)
	status    int
	sentences int
	latency   time.Duration
	failures  []failure
}

// send sends j and checks its answer.
func send(client *http.Client, base string, c *checker, j job) result {
	start := time.Now()
	resp, err := client.Post(base+j.path, "application/json", bytes.NewReader(j.body))
	if err != nil {
		return result{failures: []failure{{"transport", fmt.Sprintf("%s: %v", j.path, err)}}}
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	r := result{answered: true, status: resp.StatusCode, latency: time.Since(start)}
	switch {
	case err != nil:
		r.failures = []failure{{"truncated", fmt.Sprintf("%s: status %d, body cut after %d bytes: %v", j.path, resp.StatusCode, len(body), err)}}
	case resp.StatusCode != http.StatusOK:
		r.failures = []failure{{"status", fmt.Sprintf("%s: status %d: %s", j.path, resp.StatusCode, clip(body))}}
	case !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json"):
		r.failures = []failure{{"content-type", fmt.Sprintf("%s: Content-Type %q", j.path, resp.Header.Get("Content-Type"))}}
	case j.path == "/v1/classify":
		r.sentences, r.failures = c.checkClassify(j.sentences, body)
	default:
		r.sentences, r.failures = c.checkScore(j.articles, body)
	}
	return r
}

func newClient(cfg config) *http.Client {
	return &http.Client{
		Timeout: cfg.timeout,
		Transport: &http.Transport{
			MaxIdleConns:        cfg.clients,
			MaxIdleConnsPerHost: cfg.clients,
			IdleConnTimeout:     30 * time.Second,
		},
	}
}

// ---- Load ----

func loadTest(cfg config, stdout io.Writer) error {
	corpusDir, articlesDir := filepath.Join(cfg.dataDir, "corpus"), filepath.Join(cfg.dataDir, "articles")
	all, err := readSentences(corpusDir)
	if err != nil {
		return err
	}
	arts, err := readArticles(articlesDir)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(cfg.seed, 0x10ad))
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	pool := all[:min(cfg.pool, len(all))]

	jobs := make([]job, cfg.requests)
	classifies := 0
	for i := range jobs {
		if rng.Float64() < cfg.mix {
			ss := make([]string, 1+rng.IntN(8))
			for k := range ss {
				ss[k] = pool[rng.IntN(len(pool))]
			}
			jobs[i] = classifyJob(ss)
			classifies++
		} else {
			as := make([]article, 1+rng.IntN(2))
			for k := range as {
				as[k] = arts[rng.IntN(len(arts))]
			}
			jobs[i] = scoreJob(as)
		}
	}

	base := "http://" + cfg.addr
	client := newClient(cfg)
	labels, err := fetchLabels(client, base)
	if err != nil {
		return err
	}
	c := &checker{labels: labels, refs: make(map[string][]byte)}
	fmt.Fprintf(stdout, "load: %d requests from %d clients to %s: %d to /v1/classify (1-8 of %d sentences of %s), %d to /v1/score (1-2 of %d articles of %s)\n",
		cfg.requests, cfg.clients, base, classifies, len(pool), corpusDir, cfg.requests-classifies, len(arts), articlesDir)

	t := newTally()
	latencies := make([]time.Duration, 0, cfg.requests)
	var mu sync.Mutex
	var sentences int
	next := make(chan job)
	var wg sync.WaitGroup
	start := time.Now()
	for range cfg.clients {
		wg.Go(func() {
			for j := range next {
				r := send(client, base, c, j)
				t.add(r.failures...)
				mu.Lock()
				if r.answered {
					latencies = append(latencies, r.latency)
				}
				sentences += r.sentences
				mu.Unlock()
			}
		})
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(start)

	slices.Sort(latencies)
	fmt.Fprintf(stdout, "requests: %d, failed: %d\n", cfg.requests, t.count())
	t.print(stdout)
	fmt.Fprintf(stdout, "throughput: %.0f requests/s, %.0f sentences/s (%d sentences in %.2f s)\n",
		float64(cfg.requests)/elapsed.Seconds(), float64(sentences)/elapsed.Seconds(), sentences, elapsed.Seconds())
	if len(latencies) > 0 {
		fmt.Fprintf(stdout, "latency: p50 %v, p90 %v, p99 %v, max %v\n",
			percentile(latencies, 0.50), percentile(latencies, 0.90), percentile(latencies, 0.99), latencies[len(latencies)-1])
	}
	fmt.Fprintf(stdout, "consistency: %d distinct inputs, %d later answers compared with the first, byte for byte\n", len(c.refs), c.repeats)
	fmt.Fprintf(stdout, "probabilities: largest |sum - 1| = %.2g (tolerance %.2g: 1e-6 plus the rounding to 6 decimals)\n", c.maxDev, c.tolerance())
	if n := t.count(); n > 0 {
		return fmt.Errorf("%d of %d requests failed", n, cfg.requests)
	}
	return nil
}

// percentile returns the nearest-rank percentile p of sorted ds.
func percentile(ds []time.Duration, p float64) time.Duration {
	i := int(math.Ceil(p*float64(len(ds)))) - 1
	return ds[max(0, min(i, len(ds)-1))].Round(10 * time.Microsecond)
}

// ---- Health ----

func waitHealthy(cfg config, stdout io.Writer) error {
	client := &http.Client{Timeout: time.Second}
	start := time.Now()
	for {
		resp, err := client.Get("http://" + cfg.addr + "/healthz")
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				fmt.Fprintf(stdout, "healthz: %d %s after %v\n", resp.StatusCode, bytes.TrimSpace(body), time.Since(start).Round(time.Millisecond))
				return nil
			}
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
		if time.Since(start) > cfg.timeout {
			return fmt.Errorf("healthz: no 200 within %v: %v", cfg.timeout, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// ---- Oversized body ----

func checkOversize(cfg config, stdout io.Writer) error {
	sentences, err := readSentences(filepath.Join(cfg.dataDir, "corpus"))
	if err != nil {
		return err
	}
	// A valid request of real sentences, 64 KiB over the limit.
	var b bytes.Buffer
	b.WriteString(`{"sentences":[`)
	for i := 0; int64(b.Len()) <= cfg.maxBody+64<<10; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		q, _ := json.Marshal(sentences[i%len(sentences)])
		b.Write(q)
	}
	b.WriteString(`]}`)
	size := b.Len()
	client := &http.Client{Timeout: cfg.timeout}
	resp, err := client.Post("http://"+cfg.addr+"/v1/classify", "application/json", &b)
	if err != nil {
		return fmt.Errorf("oversize: POST of %d bytes: %w", size, err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return fmt.Errorf("oversize: read the answer: %w", err)
	}
	var e struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	jerr := strictUnmarshal(body, &e)
	fmt.Fprintf(stdout, "oversize: a %d-byte body (limit %d) got %d, Content-Type %q, %s\n",
		size, cfg.maxBody, resp.StatusCode, resp.Header.Get("Content-Type"), bytes.TrimSpace(body))
	switch {
	case resp.StatusCode != http.StatusRequestEntityTooLarge:
		return fmt.Errorf("oversize: status %d, want 413", resp.StatusCode)
	case !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json"):
		return fmt.Errorf("oversize: Content-Type %q, want application/json", resp.Header.Get("Content-Type"))
	case jerr != nil:
		return fmt.Errorf("oversize: the error is not JSON: %v", jerr)
	case e.Error.Code == "" || e.Error.Message == "":
		return fmt.Errorf("oversize: the JSON error has no code or message")
	}
	return checkAlive(cfg.addr, "oversize", stdout)
}

// checkAlive checks that the server still answers /healthz on a new
// connection.
func checkAlive(addr, mode string, stdout io.Writer) error {
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Get("http://" + addr + "/healthz")
	if err != nil {
		return fmt.Errorf("%s: the server no longer answers: %w", mode, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: /healthz answers %d afterwards", mode, resp.StatusCode)
	}
	fmt.Fprintf(stdout, "%s: the server still answers /healthz with 200 afterwards\n", mode)
	return nil
}

// ---- Slow client ----

func checkSlowloris(cfg config, stdout io.Writer) error {
	conn, err := net.DialTimeout("tcp", cfg.addr, 5*time.Second)
	if err != nil {
		return fmt.Errorf("slowloris: %w", err)
	}
	defer conn.Close()
	// A body that would take Content-Length × -trickle to send.
	const length = 64 << 10
	body := `{"sentences":["` + strings.Repeat("a", length-len(`{"sentences":[""]}`)) + `"]}`
	_, err = fmt.Fprintf(conn, "POST /v1/classify HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", cfg.addr, len(body))
	if err != nil {
		return fmt.Errorf("slowloris: send the headers: %w", err)
	}
	start := time.Now()
	type closed struct {
		after  time.Duration
		answer string
		err    error
	}
	done := make(chan closed, 1)
	go func() {
		answer, err := io.ReadAll(io.LimitReader(conn, 64<<10)) // until the server closes
		status, rest, _ := strings.Cut(string(answer), "\r\n")
		if _, body, ok := strings.Cut(rest, "\r\n\r\n"); ok && body != "" {
			status += ": " + strings.TrimSpace(body)
		}
		done <- closed{time.Since(start), status, err}
	}()
	limit := cfg.readTimeout + cfg.margin
	deadline := time.After(limit)
	tick := time.NewTicker(cfg.trickle)
	defer tick.Stop()
	sent := 0
	var writeErr error
	for {
		select {
		case c := <-done:
			how := "closed (EOF)"
			if c.err != nil {
				how = fmt.Sprintf("reset (%v)", c.err)
			}
			if c.answer == "" {
				c.answer = "nothing"
			}
			fmt.Fprintf(stdout, "slowloris: headers sent, then 1 body byte every %v: the server %s the connection after %v (read timeout %v, limit %v), having answered %q; %d of %d body bytes sent\n",
				cfg.trickle, how, c.after.Round(10*time.Millisecond), cfg.readTimeout, limit, c.answer, sent, len(body))
			return checkAlive(cfg.addr, "slowloris", stdout)
		case <-deadline:
			return fmt.Errorf("slowloris: the connection is still open after %v (read timeout %v + margin %v); %d body bytes sent", limit, cfg.readTimeout, cfg.margin, sent)
		case <-tick.C:
			if writeErr == nil && sent < len(body) {
				if _, writeErr = io.WriteString(conn, body[sent:sent+1]); writeErr == nil {
					sent++
				}
			}
		}
	}
}

// ---- Drain on SIGTERM ----

// held is a request whose handler is running: its head was sent with
// "Expect: 100-continue" and the server answered "100 Continue", which it
// does when the handler starts to read the body.
type held struct {
	j    job
	conn net.Conn
	r    *bufio.Reader
}

func holdRequest(addr string, j job) (*held, error) {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	_, err = fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n", j.path, addr, len(j.body))
	if err != nil {
		conn.Close()
		return nil, err
	}
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		conn.Close()
		return nil, err
	}
	if resp.StatusCode != http.StatusContinue {
		conn.Close()
		return nil, fmt.Errorf("status %d, want 100 Continue", resp.StatusCode)
	}
	return &held{j: j, conn: conn, r: r}, nil
}

// finish sends the body of a held request and reads its answer.
func (h *held) finish(c *checker, timeout time.Duration) result {
	defer h.conn.Close()
	h.conn.SetDeadline(time.Now().Add(timeout))
	start := time.Now()
	if _, err := h.conn.Write(h.j.body); err != nil {
		return result{failures: []failure{{"transport", fmt.Sprintf("held request: send the body: %v", err)}}}
	}
	resp, err := http.ReadResponse(h.r, nil)
	if err != nil {
		return result{failures: []failure{{"transport", fmt.Sprintf("held request: no answer: %v", err)}}}
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	r := result{answered: true, status: resp.StatusCode, latency: time.Since(start)}
	switch {
	case err != nil:
		r.failures = []failure{{"truncated", fmt.Sprintf("held request: body cut after %d bytes: %v", len(body), err)}}
	case resp.StatusCode != http.StatusOK:
		r.failures = []failure{{"status", fmt.Sprintf("held request: status %d: %s", resp.StatusCode, clip(body))}}
	default:
		r.sentences, r.failures = c.checkClassify(h.j.sentences, body)
	}
	return r
}

// refused reports whether a new connection to addr is refused.
func refused(addr string) bool {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return true
	}
	conn.Close()
	return false
}

func checkDrain(cfg config, stdout io.Writer) error {
	all, err := readSentences(filepath.Join(cfg.dataDir, "corpus"))
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(cfg.seed, 0xd4a1))
	pick := func() job {
		ss := make([]string, 1+rng.IntN(8))
		for k := range ss {
			ss[k] = all[rng.IntN(len(all))]
		}
		return classifyJob(ss)
	}
	base := "http://" + cfg.addr
	client := newClient(cfg)
	var answered atomic.Int64 // every response received, to compare with the server's log
	labels, err := fetchLabels(client, base)
	if err != nil {
		return err
	}
	answered.Add(1)
	c := &checker{labels: labels, refs: make(map[string][]byte)}
	t := newTally()

	// The held requests, each answered once first as a reference.
	heldJobs := make([]job, cfg.burst)
	for i := range heldJobs {
		heldJobs[i] = pick()
		r := send(client, base, c, heldJobs[i])
		if r.answered {
			answered.Add(1)
		}
		if len(r.failures) > 0 {
			t.add(r.failures...)
			t.print(stdout)
			return errors.New("drain: the reference answers failed")
		}
	}
	floodJobs := make([]job, 256)
	for i := range floodJobs {
		floodJobs[i] = pick()
	}

	// The burst: -c clients sending requests without pause.
	var (
		signalled                   atomic.Bool
		stop                        = make(chan struct{})
		inFlight, before, after, ok atomic.Int64
		notAccepted                 atomic.Int64
		wg                          sync.WaitGroup
	)
	for w := range cfg.clients {
		wg.Go(func() {
			for i := w; ; i += cfg.clients {
				select {
				case <-stop:
					return
				default:
				}
				inFlight.Add(1)
				late := signalled.Load()
				r := send(client, base, c, floodJobs[i%len(floodJobs)])
				inFlight.Add(-1)
				switch {
				case r.answered:
					answered.Add(1)
					if signalled.Load() {
						after.Add(1)
					} else {
						before.Add(1)
					}
					if len(r.failures) == 0 {
						ok.Add(1)
					}
					t.add(r.failures...)
				case late || signalled.Load():
					// Sent during the shutdown and never read by the
					// server: refused, or reset in the accept queue.
					notAccepted.Add(1)
				default:
					t.add(r.failures...)
				}
			}
		})
	}
	var hs []*held
	for _, j := range heldJobs {
		h, err := holdRequest(cfg.addr, j)
		if err != nil {
			close(stop)
			wg.Wait()
			return fmt.Errorf("drain: hold a request in flight: %w", err)
		}
		hs = append(hs, h)
	}
	// Let the burst run before the signal.
	for warm := time.Now(); before.Load() < int64(4*cfg.clients) && t.count() == 0; {
		if time.Since(warm) > cfg.drainTimeout {
			close(stop)
			wg.Wait()
			return fmt.Errorf("drain: fewer than %d requests answered in %v", 4*cfg.clients, cfg.drainTimeout)
		}
		time.Sleep(5 * time.Millisecond)
	}

	proc, err := os.FindProcess(cfg.pid)
	if err != nil {
		return fmt.Errorf("drain: %w", err)
	}
	burstInFlight := inFlight.Load()
	signalled.Store(true)
	sigAt := time.Now()
	if err := proc.Signal(syscall.SIGTERM); err != nil {
		close(stop)
		wg.Wait()
		return fmt.Errorf("drain: signal pid %d: %w", cfg.pid, err)
	}
	fmt.Fprintf(stdout, "drain: SIGTERM to pid %d with %d held requests and about %d burst requests in flight (%d burst requests answered before)\n",
		cfg.pid, len(hs), burstInFlight, before.Load())

	// The listener closes first ...
	for !refused(cfg.addr) {
		if time.Since(sigAt) > cfg.drainTimeout {
			close(stop)
			wg.Wait()
			return fmt.Errorf("drain: new connections still accepted %v after SIGTERM", cfg.drainTimeout)
		}
		time.Sleep(5 * time.Millisecond)
	}
	closedAfter := time.Since(sigAt)
	close(stop)
	wg.Wait()
	// ... then the held requests, still in flight, are finished.
	heldOK := 0
	for _, h := range hs {
		r := h.finish(c, cfg.drainTimeout)
		if r.answered {
			answered.Add(1)
		}
		if r.answered && len(r.failures) == 0 {
			heldOK++
		}
		t.add(r.failures...)
	}
	fmt.Fprintf(stdout, "drain: new connections refused %v after SIGTERM; then the %d held requests were finished: %d answered 200 with the same predictions as before\n",
		closedAfter.Round(time.Millisecond), len(hs), heldOK)
	fmt.Fprintf(stdout, "drain: burst: %d requests answered before SIGTERM and %d after it, %d of these %d with 200 and correct; %d sent during the shutdown were not accepted (refused, or closed before the server read them)\n",
		before.Load(), after.Load(), ok.Load(), before.Load()+after.Load(), notAccepted.Load())
	// No new connection is accepted while the server exits.
	for time.Since(sigAt) < closedAfter+500*time.Millisecond {
		if !refused(cfg.addr) {
			t.add(failure{"accepted", "a new connection was accepted after the listener closed"})
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	fmt.Fprintf(stdout, "drain: answered=%d\n", answered.Load())
	t.print(stdout)
	if n := t.count(); n > 0 {
		return fmt.Errorf("drain: %d requests failed", n)
	}
	return nil
}
