package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/parley-nlp/parley/classifier"
	"github.com/parley-nlp/parley/data"
)

// loadRequest is one request of TestServeLoad and the answer the
// classifier gives it when called directly.
type loadRequest struct {
	path, body string
	want       []string // each prediction or article, as JSON
}

// loadRequests builds requests to /v1/classify and /v1/score from the
// corpus and the example articles, with the answer of each computed by
// calling c directly. Sentences come back in several batches.
func loadRequests(t *testing.T, c *classifier.Classifier) []loadRequest {
	t.Helper()
	examples, err := data.ReadFiles([]string{"../../data/corpus"}, "")
	require.NoError(t, err)
	require.Greater(t, len(examples), 1000)
	var sentences []string
	for i := 0; i < len(examples) && len(sentences) < 40; i += len(examples) / 40 {
		sentences = append(sentences, examples[i].Text)
	}
	files, err := filepath.Glob("../../data/articles/*.txt")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 6)
	var arts []data.Article
	for _, f := range files[:6] {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		a, err := data.ParseArticle(f, string(b))
		require.NoError(t, err)
		arts = append(arts, a)
	}

	var reqs []loadRequest
	// Batches of 1 to 5 sentences, overlapping.
	for i := 0; i+5 <= len(sentences); i += 3 {
		batch := sentences[i : i+1+i%5]
		body, err := json.Marshal(map[string]any{"sentences": batch})
		require.NoError(t, err)
		r := loadRequest{path: "/v1/classify", body: string(body)}
		for _, s := range batch {
			var b bytes.Buffer
			require.NoError(t, writeSentenceJSON(&b, s, c.Classify(s)))
			r.want = append(r.want, strings.TrimSpace(b.String()))
		}
		reqs = append(reqs, r)
	}
	// One or two articles.
	for i := range arts {
		batch := arts[i:min(i+1+i%2, len(arts))]
		body, err := json.Marshal(map[string]any{"articles": batch})
		require.NoError(t, err)
		r := loadRequest{path: "/v1/score", body: string(body)}
		for _, a := range batch {
			var b bytes.Buffer
			require.NoError(t, newJSONLWriter(&b, formatOptions{model: c}).WriteArticle(a, c.ClassifyText(a.Text)))
			r.want = append(r.want, strings.TrimSpace(b.String()))
		}
		reqs = append(reqs, r)
	}
	return reqs
}

// loadPost sends one request and returns its status and body.
func loadPost(client *http.Client, url string, r loadRequest) (int, []byte, error) {
	resp, err := client.Post(url+r.path, jsonType, strings.NewReader(r.body))
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// answerParts splits an answer into its predictions or articles.
func answerParts(body []byte) ([]string, error) {
	var a struct {
		Predictions []json.RawMessage `json:"predictions"`
		Articles    []json.RawMessage `json:"articles"`
	}
	if err := json.Unmarshal(body, &a); err != nil {
		return nil, err
	}
	var parts []string
	for _, p := range append(a.Predictions, a.Articles...) {
		parts = append(parts, string(p))
	}
	return parts, nil
}

// TestServeLoad serves the default model over HTTP with the real handler
// and server settings, sends every request once, one at a time, and checks
// each answer against the classifier called directly; then it sends them
// again, several hundred times, from 8 goroutines at once, and checks that
// every answer is 200 and byte for byte the serial one.
func TestServeLoad(t *testing.T) {
	c, err := loadModel("")
	require.NoError(t, err)
	logger := slog.New(slog.DiscardHandler)
	h, err := newAPI(c, 1<<20, logger)
	require.NoError(t, err)
	srv := httptest.NewUnstartedServer(nil)
	srv.Config = newHTTPServer(h, logger, defaultTimeouts)
	srv.Start()
	defer srv.Close()
	client := srv.Client()
	client.Transport.(*http.Transport).MaxIdleConnsPerHost = 8

	reqs := loadRequests(t, c)
	serial := make([][]byte, len(reqs))
	for i, r := range reqs {
		status, body, err := loadPost(client, srv.URL, r)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, status, "%s %s: %s", r.path, r.body, body)
		parts, err := answerParts(body)
		require.NoError(t, err, string(body))
		require.Equal(t, r.want, parts, "%s %s", r.path, r.body)
		serial[i] = body
	}

	const workers, total = 8, 400
	var wg sync.WaitGroup
	var mu sync.Mutex
	answered := 0
	for w := range workers {
		wg.Go(func() {
			for n := w; n < total; n += workers {
				i := n % len(reqs)
				status, body, err := loadPost(client, srv.URL, reqs[i])
				if !assert.NoError(t, err) ||
					!assert.Equal(t, http.StatusOK, status, string(body)) ||
					!assert.Equal(t, string(serial[i]), string(body), fmt.Sprintf("request %d: %s %s", n, reqs[i].path, reqs[i].body)) {
					return
				}
				mu.Lock()
				answered++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	assert.Equal(t, total, answered)
}
