package measure

import (
	"fmt"
	"testing"
)

func TestZZRoles(t *testing.T) {
	d := "/work/shared/data/"
	roles, _ := ReadJSONL[RolesDoc](d + "polnear_dev_roles.jsonl")
	c, _ := ReadJSONL[PolnearDoc](d + "polnear_dev.jsonl")
	as := make([]Article, len(c))
	for i := range c {
		as[i] = c[i].Article()
	}
	p, _ := Predict(as, Shipped())
	for _, g := range roles {
		for _, sp := range g.Speakers {
			for _, q := range p[g.ID].Quotes {
				if q.Speaker != "" && NamesMatch(sp.Name, q.Speaker, KindPerson) {
					if q.Role != sp.Role {
						fmt.Printf("%-40.40s %-25s gold %-8s got %-8s aff %q/%q\n", g.ID, q.Speaker, sp.Role, q.Role, sp.Affiliation, q.Affiliation)
					}
					break
				}
			}
		}
	}
}
