package entity

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

// femaleNames and maleNames are the common first names of the lexicon's
// givennames.txt.
var (
	femaleNames = words("givennames.txt", "female")
	maleNames   = words("givennames.txt", "male")
)
