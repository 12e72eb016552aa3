// Roles known from the collection: a speaker whose role one article does not
// tell takes the role that other articles' text gave them.

package quote

import (
	"sort"
	"strings"
	"sync"
)

// Roles is what a collection of articles tells of its speakers: for each
// person, how many articles' text made them an analyst, an official or
// someone else, and with which organization. An article that names a
// speaker bare ("Trump said") leaves their role unread (Quote.RoleRead);
// another that writes "Republican nominee Donald Trump" or "Kevin Hassett,
// an economist at the American Enterprise Institute" reads it, and Fill
// gives that reading to the first. A person is known by their first and
// last names, so "Donald J. Trump" and "Donald Trump" are one, and "Donald
// Trump Jr." another; a lone surname is the person of that surname most of
// the collection's articles describe.
//
// Roles is safe for concurrent use; its zero value is empty and ready.
type Roles struct {
	mu      sync.Mutex
	people  map[string]*roleVotes // person key → votes
	surname map[string][]string   // surname → person keys
}

// roleVotes counts the articles that gave a person each role, and the
// organizations named with them in the role.
type roleVotes struct {
	n   map[string]int
	aff map[string]map[string]int // role → affiliation → articles
}

// Learn records the roles that one article's text gave its speakers, once
// for each speaker, and the organizations named with them, also where the
// text gave no role.
func (r *Roles) Learn(qs []Quote) {
	seen := map[string]bool{}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, q := range qs {
		if q.Described {
			continue // no name: "the senator" of one article is not another's
		}
		k, last := personKey(q.Speaker)
		// an article that names a speaker's organization but not their
		// role ("Rosa Quispe of the Frente Andino") still tells the
		// organization, under no role
		role := q.Role
		if !q.RoleRead {
			role = ""
		}
		if k == "" || seen[k+"\x00"+role] || role == "" && q.Affiliation == "" {
			continue
		}
		seen[k+"\x00"+role] = true
		if r.people == nil {
			r.people, r.surname = map[string]*roleVotes{}, map[string][]string{}
		}
		v := r.people[k]
		if v == nil {
			v = &roleVotes{n: map[string]int{}, aff: map[string]map[string]int{}}
			r.people[k] = v
			r.surname[last] = append(r.surname[last], k)
		}
		if role != "" {
			v.n[role]++
		}
		if q.Affiliation != "" {
			if v.aff[role] == nil {
				v.aff[role] = map[string]int{}
			}
			v.aff[role][q.Affiliation]++
		}
	}
}

// Fill gives each quotation of qs whose speaker's role the article left
// unread the role the collection knows, with its affiliation when the
// quotation names none, and reports how many it changed. A role is known
// when more of the speaker's articles gave it than gave any other.
func (r *Roles) Fill(qs []Quote) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for i := range qs {
		q := &qs[i]
		if q.RoleRead || q.Speaker == "" || q.Described {
			continue
		}
		role, aff, ok := r.known(q.Speaker)
		if !ok {
			continue
		}
		if q.Role != role {
			n++
		}
		q.Role = role
		if q.Affiliation == "" {
			q.Affiliation = aff
		}
	}
	return n
}

// known returns the role the collection gives name and the organization
// most often named with it. A lone surname stands for the person of that
// surname whom at least two thirds of the surname's articles describe.
func (r *Roles) known(name string) (string, string, bool) {
	var v *roleVotes
	if k, _ := personKey(name); k != "" {
		v = r.people[k]
	} else if ws := strings.Fields(name); len(ws) == 1 {
		all := 0
		for _, k := range r.surname[strings.ToLower(ws[0])] {
			n := r.people[k].total()
			all += n
			if v == nil || n > v.total() {
				v = r.people[k]
			}
		}
		if v != nil && 3*v.total() < 2*all {
			v = nil
		}
	}
	if v == nil {
		return "", "", false
	}
	role, ok := v.majority()
	if !ok {
		return "", "", false
	}
	aff := mostNamed(v.aff[role])
	if aff == "" {
		aff = mostNamed(v.aff[""])
	}
	return role, aff, true
}

// total is the number of articles that gave the person a role.
func (v *roleVotes) total() int {
	n := 0
	for _, c := range v.n {
		n += c
	}
	return n
}

// majority returns the role more articles gave than any other.
func (v *roleVotes) majority() (string, bool) {
	best, n, tie := "", 0, false
	for _, role := range []string{RoleAnalyst, RoleOfficial, RoleOther} {
		switch c := v.n[role]; {
		case c > n:
			best, n, tie = role, c, false
		case c == n && c > 0:
			tie = true
		}
	}
	return best, n > 0 && !tie
}

// mostNamed returns the affiliation named in most articles, the first in
// alphabetical order among equals.
func mostNamed(m map[string]int) string {
	names := make([]string, 0, len(m))
	for a := range m {
		names = append(names, a)
	}
	sort.Strings(names)
	best := ""
	for _, a := range names {
		if best == "" || m[a] > m[best] {
			best = a
		}
	}
	return best
}

// generational are the suffixes that tell a person from a parent of the
// same name.
var generational = set("jr jr. sr sr. ii iii iv")

// personKey is how Roles knows a person: the first and last names, lower
// case, with a generational suffix ("donald trump", "donald trump jr."),
// and the surname; "" for a name of one word.
func personKey(name string) (key, surname string) {
	ws := strings.Fields(strings.ToLower(strings.ReplaceAll(name, ",", " ")))
	suffix := ""
	if len(ws) > 2 && generational[ws[len(ws)-1]] {
		suffix = " " + ws[len(ws)-1]
		ws = ws[:len(ws)-1]
	}
	if len(ws) < 2 {
		return "", ""
	}
	return ws[0] + " " + ws[len(ws)-1] + suffix, ws[len(ws)-1]
}
