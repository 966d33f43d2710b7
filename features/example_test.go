package features_test

import (
	"fmt"

	"github.com/parley-nlp/parley/features"
)

func ExampleSegment() {
	text := `TEHRAN (Reuters) - Iran said on Sunday it would resume talks with the U.N. nuclear agency. Mr. Araghchi told reporters: "We are ready." The U.S. State Dept. did not comment.`
	for _, s := range features.Segment(text) {
		fmt.Printf("%d-%d %s\n", s.Start, s.End, s.Text)
	}
	// Output:
	// 19-90 Iran said on Sunday it would resume talks with the U.N. nuclear agency.
	// 91-135 Mr. Araghchi told reporters: "We are ready."
	// 136-173 The U.S. State Dept. did not comment.
}

func ExampleNew() {
	p, err := features.New(features.DefaultConfig())
	if err != nil {
		panic(err)
	}
	for _, key := range p.Features("Pakistan won't tolerate attacks on its troops.") {
		fmt.Printf("%q\n", key)
	}
	// Output:
	// "pakistan"
	// "pakistan will"
	// "will"
	// "will not"
	// "not"
	// "not not_toler"
	// "not_toler"
	// "not_toler not_attack"
	// "not_attack"
	// "not_attack not_troop"
	// "not_troop"
}

func ExamplePipeline_Analyze() {
	cfg := features.DefaultConfig()
	cfg.NGrams = 1
	p, err := features.New(cfg)
	if err != nil {
		panic(err)
	}
	sentence := "Iran did not rule out military action."
	for _, f := range p.Analyze(sentence) {
		fmt.Printf("%-12s %q\n", f.Key, sentence[f.Start:f.End])
	}
	// Output:
	// iran         "Iran"
	// not          "not"
	// not_rule     "rule"
	// militari     "military"
	// action       "action"
}
