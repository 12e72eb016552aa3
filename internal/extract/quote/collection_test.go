package quote

import (
	"testing"

	"github.com/newsindex/newsindex/internal/extract/entity"
)

// TestRolesFromTheCollection runs whole articles: a speaker the text names
// bare takes the role other articles' text gave them.
func TestRolesFromTheCollection(t *testing.T) {
	extract := func(text string) []Quote { return Extract(text, entity.Extract(text)) }
	described := []string{
		"Budget talks resume\n\nSen. Maria Okafor said on Tuesday that the committee would vote next week.",
		"A think tank weighs in\n\n“The plan adds to the deficit,” said Tomas Lindqvist, an economist at the Brookings Institution.",
	}
	var roles Roles
	for _, text := range described {
		roles.Learn(extract(text))
	}
	tests := []struct {
		text           string
		speaker, role  string
		affiliation    string
		readFromText   bool
		changedByRoles int
	}{
		// bare in this article: the collection knows her as a senator
		{"Vote delayed\n\n“We need another week,” Maria Okafor said on Monday.", "Maria Okafor", RoleOfficial, "", false, 1},
		// a surname alone is the one person of that name the collection knows
		{"A costly plan\n\n“It will not pay for itself,” Lindqvist said.", "Lindqvist", RoleAnalyst, "Brookings Institution", false, 1},
		// what the article's own text says comes first
		{"Okafor joins firm\n\n“It is a new start,” said Maria Okafor, a lawyer at Baker & Reed.", "Maria Okafor", RoleOther, "", true, 0},
		// nobody the collection knows
		{"Fair opens\n\n“The rides are ready,” Peter Holm said.", "Peter Holm", RoleOther, "", false, 0},
	}
	for _, tt := range tests {
		qs := extract(tt.text)
		if len(qs) != 1 || qs[0].Speaker != tt.speaker || qs[0].RoleRead != tt.readFromText {
			t.Fatalf("Extract(%q) = %+v, want one quotation by %s, role read from the text %v", tt.text, qs, tt.speaker, tt.readFromText)
		}
		n := roles.Fill(qs)
		if n != tt.changedByRoles || qs[0].Role != tt.role || tt.affiliation != "" && qs[0].Affiliation != tt.affiliation {
			t.Errorf("Fill(%q): %d changed, role %s, affiliation %q; want %d, %s, %q", tt.text, n, qs[0].Role, qs[0].Affiliation,
				tt.changedByRoles, tt.role, tt.affiliation)
		}
	}
}

func TestRolesMajorityAndNames(t *testing.T) {
	q := func(speaker, role string) []Quote { return []Quote{{Speaker: speaker, Role: role, RoleRead: true}} }
	var r Roles
	r.Learn(q("Donald J. Trump", RoleOfficial))
	r.Learn(q("Donald Trump", RoleOfficial))
	r.Learn(q("Donald Trump", RoleOther))
	r.Learn(q("Donald Trump Jr.", RoleOther))
	r.Learn(q("Ann Lee", RoleAnalyst))
	r.Learn(q("Ann Lee", RoleOther))
	r.Learn(q("Bo Lee", RoleOther))
	r.Learn(q("Cy Moss", RoleOfficial))
	r.Learn(q("Di Moss", RoleOther))
	tests := []struct {
		speaker string
		role    string
		known   bool
	}{
		{"Donald Trump", RoleOfficial, true},    // two articles of three
		{"Donald J. Trump", RoleOfficial, true}, // first and last names
		{"Donald Trump Jr.", RoleOther, true},   // not his father
		{"Trump", RoleOfficial, true},           // three of the surname's four articles are his
		{"Moss", "", false},                     // two people of that surname, named as often
		{"Ann Lee", "", false},                  // a tie
		{"Lee", "", false},                      // mostly Ann Lee, whose role is a tie
		{"Bo Lee", RoleOther, true},
	}
	for _, tt := range tests {
		role, _, ok := r.known(tt.speaker)
		if role != tt.role || ok != tt.known {
			t.Errorf("known(%q) = %q, %v; want %q, %v", tt.speaker, role, ok, tt.role, tt.known)
		}
	}
}

// TestRolesAffiliationWithoutRole: an article that names a speaker's
// organization but not their role still tells the organization, which a
// role the collection knows from elsewhere takes.
func TestRolesAffiliationWithoutRole(t *testing.T) {
	var r Roles
	r.Learn([]Quote{{Speaker: "Rosa Quispe", Role: RoleOther, Affiliation: "Frente Andino"}}) // role unread
	r.Learn([]Quote{{Speaker: "Rosa Quispe", Role: RoleOfficial, RoleRead: true}})
	r.Learn([]Quote{{Speaker: "Rosa Quispe", Role: RoleOfficial, RoleRead: true}})
	r.Learn([]Quote{{Speaker: "Ana Poma", Role: RoleOther, Affiliation: "Kellner"}}) // nothing but an organization
	tests := []struct {
		speaker, role, affiliation string
		known                      bool
	}{
		{"Rosa Quispe", RoleOfficial, "Frente Andino", true},
		{"Quispe", RoleOfficial, "Frente Andino", true},
		{"Ana Poma", "", "", false}, // an organization tells no role
	}
	for _, tt := range tests {
		role, aff, ok := r.known(tt.speaker)
		if role != tt.role || aff != tt.affiliation || ok != tt.known {
			t.Errorf("known(%q) = %q, %q, %v; want %q, %q, %v", tt.speaker, role, aff, ok, tt.role, tt.affiliation, tt.known)
		}
	}
}
