package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	// Lines as nam_dict.txt has them: the columns count characters, a '+'
	// in column 30 marks a second copy of a name with umlauts, and a '+'
	// inside a name joins two parts.
	dict := strings.Join([]string{
		"# a comment",
		"M  Aage                                       761                                     $",
		"M  Åge                       +                56                                      $",
		"M  Ådne                                       1                                       $",
		"F  Aafke                                4                                             $",
		"?  Aafke                                 1                                            $",
		"M  Abdel+Aziz                                                               5        $",
		"M  Ferenc                                               A                             $",
		"=  Abby Abigail",
	}, "\r\n")
	got, err := parse([]byte(dict))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"aage": 7, "ådne": 1, "aafke": 4, "abdel-aziz": 5, "abdelaziz": 5, "ferenc": 10}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("parse: -want +got\n%s", d)
	}
	var b bytes.Buffer
	if err := write(&b, got); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "[common]\naage ferenc\n[frequent]\naafke abdel-aziz abdelaziz\n[rare]\nådne\n") {
		t.Errorf("write: sections wrong:\n%s", b.String())
	}
}
