package entity

import "testing"

// TestTableRows reads the organizations of a table of people as people.
// Each row's names are given with their kinds; want is the kind of the
// first row's name after tableRows.
func TestTableRows(t *testing.T) {
	tests := []struct {
		name string
		text string
		rows []int // the kind of each line's name, as the tagger read it
		want int
	}{
		{"a golfer in a table of golfers", "Loren Roberts 72 73\nHal Sutton 72 69\nFred Couples 73 68\nMark Brooks 69 69", []int{kOrg, kPer, kPer, kPer}, kPer},
		{"a club in a table of clubs", "Crystal Palace 2 1\nRoss County 3 0\nFred Couples 73 68\nMark Brooks 69 69", []int{kOrg, kOrg, kPer, kPer}, kOrg},
		{"a car in a table of drivers", "Ferrari F40 72 73\nHal Sutton 72 69\nFred Couples 73 68\nMark Brooks 69 69", []int{kOrg, kPer, kPer, kPer}, kOrg},
		{"a company word", "Pacific Securities 72 73\nHal Sutton 72 69\nFred Couples 73 68\nMark Brooks 69 69", []int{kOrg, kPer, kPer, kPer}, kOrg},
	}
	for _, tt := range tests {
		x := &extraction{text: tt.text, toks: tokenize(tt.text)}
		row := 0
		for i, tok := range x.toks {
			if tok.lineStart {
				x.spans = append(x.spans, span{i, i + 2, tt.rows[row]})
				row++
			}
		}
		x.buildOwner()
		x.tableRows()
		if got := x.spans[0].kind; got != tt.want {
			t.Errorf("%s: tableRows(%q) = %d, want %d", tt.name, tt.text, got, tt.want)
		}
	}
}
