package measure

import (
	"fmt"
	"os"
	"testing"
)

// go test ./internal/extract/measure -run ZZIter -v
func TestZZIter(t *testing.T) {
	d := "/work/shared/data/"
	cs, _ := ReadCountries("/work/shared/eval/countries.json")
	m := Shipped()
	if os.Getenv("SETS") == "" || os.Getenv("SETS") == "conll" || os.Getenv("SETS") == "all" {
		for _, f := range []string{"conll2003_dev_testa_docs.jsonl", "conll2003_train_docs.jsonl"} {
			c, _ := ReadJSONL[ConllDoc](d + f)
			as := make([]Article, len(c))
			for i := range c {
				as[i] = c[i].Article()
			}
			p, _ := Predict(as, m)
			s := ScoreEntities(c, p, cs)
			fmt.Printf("%-32s people %.3f orgs %.3f countries %.3f\n", f, s.People.F1(), s.Organizations.F1(), s.Countries.F1())
		}
	}
	if os.Getenv("SETS") == "" || os.Getenv("SETS") == "polnear" || os.Getenv("SETS") == "all" {
		roles, _ := ReadJSONL[RolesDoc](d + "polnear_dev_roles.jsonl")
		for _, f := range []string{"polnear_dev.jsonl", "polnear_train.jsonl"} {
			c, _ := ReadJSONL[PolnearDoc](d + f)
			as := make([]Article, len(c))
			for i := range c {
				as[i] = c[i].Article()
			}
			p, _ := Predict(as, m)
			s := ScoreQuotes(c, p)
			fmt.Printf("%-32s quotes %.3f attributed %.3f spacc %.3f (%d/%d) quoted %.3f (P %.3f R %.3f)\n", f, s.Direct.F1(), s.Attributed.F1(), s.SpeakerAccuracy(), s.SpeakerRight, s.SpeakerNamed, s.Speakers.F1(), s.Speakers.P(), s.Speakers.R())
			if f == "polnear_dev.jsonl" {
				r := ScoreRoles(roles, p)
				fmt.Printf("%-32s analysts %.3f role %.3f (%d/%d) affiliation %.3f (%d/%d)\n", "roles", r.Analysts.F1(), r.RoleAccuracy(), r.RoleRight, r.RoleN, r.AffiliationAccuracy(), r.AffRight, r.AffN)
			}
		}
	}
}
