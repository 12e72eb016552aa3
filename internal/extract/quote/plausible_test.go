package quote

import (
	"testing"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

func TestPlausible(t *testing.T) {
	text := "Heading\n\nJohn Halvorsen met the press. Look at the video, he said."
	d := newDoc(text, entity.Result{})
	d.full["halvorsen"] = []personRef{{name: "John Halvorsen"}}
	tests := []struct {
		name string
		kind int
		want bool
	}{
		{"John Halvorsen", spPerson, true},
		{"Halvorsen", spPerson, true},
		{"Harbor Radio", spOrg, true},
		{"NATO", spOrg, true},
		{"Norway", spCountry, true},
		{"Muslim", spCountry, false},
		{"of Defense", spOrg, false},
		{"Selenis Leyva Got Real About Being Called", spPerson, false},
		{"If He", spPerson, false},
		{"Democratic", spPerson, false},
		{"The Republican", spPerson, false},
		{"Calif.", spPerson, false},
		{"Everyone", spPerson, false},
		{"Video", spOrg, false}, // written "video" in the article
		{"Police", spOrg, true},
		{"Six", spPerson, false},
		{"I've", spPerson, false},
		{"QUARTER Let", spPerson, false},
		{"J.M. Berger", spPerson, true},
		{"Charles Elliott III", spPerson, true},
	}
	for _, tt := range tests {
		if got := d.plausible(tt.name, tt.kind); got != tt.want {
			t.Errorf("plausible(%q, %d) = %v, want %v", tt.name, tt.kind, got, tt.want)
		}
	}
}

func TestTidy(t *testing.T) {
	d := newDoc("Heading\n\nText.", entity.Result{})
	d.full["husted"] = []personRef{{name: "Jon Husted"}}
	for _, tt := range []struct{ in, want string }{
		{"Hillary Clinton", "Hillary Clinton"},
		{"of State Hillary Clinton", "Hillary Clinton"},
		{"of State Jon Husted", "Jon Husted"},
		{"of Sanders", ""},
		{"When Hillary Clinton", "Hillary Clinton"},
	} {
		if got := d.tidy(tt.in); got != tt.want {
			t.Errorf("tidy(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
