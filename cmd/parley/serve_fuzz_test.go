package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzHandlers sends arbitrary bodies to every POST endpoint and checks
// that each answers, without panicking, with JSON and a 2xx or 4xx status:
// bad input is the client's error, never the server's.
func FuzzHandlers(f *testing.F) {
	for _, s := range []string{
		`{"sentences":["He vowed to retaliate against any attack on the border."],"explain":3}`,
		`{"sentences":["The two governments agreed to resume talks.","Talks resume."],"min_confidence":0.9}`,
		`{"articles":[{"id":"a","date":"2024-05-14","title":"T","source":"S","text":"KABUL: Officials met. They agreed to talk.\n\nThe army warned of a response."}],"explain":2}`,
		`{"articles":[{"text":"<script>alert(1)</script> said the minister."}]}`,
		`{"articles":[{"text":"x","date":"2024-02-30"}]}`,
		`{"sentences":[]}`, `{"sentences":[" "]}`, `{"explain":-1,"sentences":["x"]}`, `{"sentences":["x"],"explain":1e400}`,
		`{"sentences":["x"]}{"sentences":["y"]}`, `{"sentences":"x"}`, `{"articles":{}}`, `{"articles":[null]}`,
		`null`, `[]`, `"x"`, `{`, ``, "\xff\xfe", `{"sentences":["\ud800"]}`,
	} {
		f.Add([]byte(s))
	}
	h, _ := testAPI(f, 64<<10)
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, path := range []string{"/v1/classify", "/v1/score", "/v1/render"} {
			rec := do(h, "POST", path, jsonType, string(body))
			if rec.Code/100 != 2 && rec.Code/100 != 4 {
				t.Fatalf("%s: status %d for %q: %s", path, rec.Code, body, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Fatalf("%s: Content-Type %q", path, ct)
			}
			if !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("%s: the answer is not JSON: %q", path, rec.Body)
			}
			if rec.Code/100 == 4 {
				var e struct {
					Error struct{ Code, Message string }
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
					t.Fatalf("%s: status %d without an error object: %s", path, rec.Code, rec.Body)
				}
				continue
			}
			if path == "/v1/render" {
				var r struct{ HTML string }
				if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil || !strings.HasPrefix(r.HTML, "<article") {
					t.Fatalf("render answered %s", rec.Body)
				}
			}
		}
	})
}
