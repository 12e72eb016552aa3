package entity

import "strings"

// GivenName tells whether the lower-cased word lw is a common first name:
// 'f' or 'm' for a woman's or a man's, 0 for no first name it knows.
func GivenName(lw string) byte {
	switch {
	case femaleNames[lw]:
		return 'f'
	case maleNames[lw]:
		return 'm'
	}
	return 0
}

// femaleNames and maleNames are the common first names of
// data/givennames.txt, whose "# kind: female" and "# kind: male" lines
// open the two lists.
var femaleNames, maleNames = mustLoadGivenNames()

func mustLoadGivenNames() (female, male map[string]bool) {
	b, err := dataFS.ReadFile("data/givennames.txt")
	if err != nil {
		panic(err) // the embedded data is part of the program
	}
	female, male = map[string]bool{}, map[string]bool{}
	var list map[string]bool
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if k, ok := strings.CutPrefix(line, "# kind:"); ok {
			list = map[string]map[string]bool{"female": female, "male": male}[strings.TrimSpace(k)]
			continue
		}
		if list == nil || strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			list[w] = true
		}
	}
	return female, male
}
