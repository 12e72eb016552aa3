// Package category assigns an article to a category: the source's own,
// normalised onto the taxonomy, else a trained classifier's choice.
package category

// The default taxonomy.
const (
	World         = "World"
	Politics      = "Politics"
	Business      = "Business"
	Technology    = "Technology"
	Sports        = "Sports"
	Entertainment = "Entertainment"
)

// Normalize maps a category given by a source ("sport", "SPORTS", "tech") onto
// the taxonomy. ok is false when it fits none; callers then keep the given value.
func Normalize(given string) (name string, ok bool) { return "", false }

// FromURL finds a category in a URL path such as /world/ or /sport/.
func FromURL(url string) (name string, ok bool) { return "", false }

// Model is a trained text classifier.
type Model struct{}

// Default returns the model embedded in the binary.
func Default() *Model { return &Model{} }

// Classify returns the most likely category of an article.
func (m *Model) Classify(title, body string) string { return World }
