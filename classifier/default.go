package classifier

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/parley-nlp/parley/models"
)

var defaultModel = sync.OnceValues(func() (*Classifier, error) {
	c, err := Load(bytes.NewReader(models.Default))
	if err != nil {
		return nil, fmt.Errorf("load embedded default model: %w", err)
	}
	return c, nil
})

// Default returns Parley's default model, embedded in the binary: a
// conciliatory / warning / neutral classifier trained on Parley's own
// corpus of news sentences. It is decoded once, on first use; every call
// returns the same Classifier.
func Default() (*Classifier, error) { return defaultModel() }
