package main

import (
	"slices"
	"strings"
	"testing"
)

func TestParseNationalities(t *testing.T) {
	got, err := parseNationalities([]byte(`{"locale":"fi","nationalities":{"GB":"britannialainen / isobritannialainen, brittiläinen","FR":"ranskalainen"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"britannialainen", "isobritannialainen", "brittiläinen"}; !slices.Equal(got["GB"], want) {
		t.Errorf("GB = %q, want %q", got["GB"], want)
	}
	if want := []string{"ranskalainen"}; !slices.Equal(got["FR"], want) {
		t.Errorf("FR = %q, want %q", got["FR"], want)
	}
	if _, err := parseNationalities([]byte(`{"nationalities":{"GB":7}}`)); err == nil {
		t.Error("a number for a nationality: no error")
	}
}

func FuzzParseNationalities(f *testing.F) {
	f.Add([]byte(`{"nationalities":{"GB":"britannialainen / isobritannialainen, brittiläinen"}}`))
	f.Add([]byte(`{"nationalities":{"X":" , / "}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := parseNationalities(b)
		if err != nil {
			return
		}
		for code, ns := range m {
			for _, n := range ns {
				if n == "" || strings.TrimSpace(n) != n || strings.ContainsAny(n, ",/") {
					t.Fatalf("%s: name %q", code, n)
				}
			}
		}
	})
}

func TestFrenchFeminine(t *testing.T) {
	for _, e := range frenchFeminineEndings {
		for _, pair := range strings.Split(e.example, ", ") {
			m, f, ok := strings.Cut(pair, " → ")
			if !ok {
				m, f = pair, pair
			}
			if got := frenchFeminine(m); got != f {
				t.Errorf("frenchFeminine(%q) = %q, want %q", m, got, f)
			}
		}
	}
}

func TestCapitalList(t *testing.T) {
	canon := map[string]country{"AT": {"Austria", true}, "RU": {"Russia", true}}
	capitals := map[string]place{
		"AT": {name: "Vienna", alternates: []string{"Wien", "Vienne", "Estat de Viena", "Bécs"}, country: "AT", capital: true},
		"RU": {name: "Moscow", alternates: []string{"Moskau", "Москва", "Moskva"}, country: "RU", capital: true},
	}
	got := capitalList("de", capitals, canon)
	city, alternate, _ := strings.Cut(got, "\n[alternate]\n")
	for _, want := range []string{"Austria|Vienna|Vienne\n", "Russia|Moscow|Moskau|Moskva\n"} {
		if !strings.Contains(city, want) {
			t.Errorf("[city] lacks %q:\n%s", want, got)
		}
	}
	if !strings.Contains(alternate, "Austria|Bécs|Wien\n") || strings.Contains(got, "Estat") || strings.Contains(got, "Москва") {
		t.Errorf("[alternate] wrong, or a name of other length or script kept:\n%s", got)
	}
	if ru := capitalList("ru", capitals, canon); !strings.Contains(ru, "Russia|Москва\n") || strings.Contains(ru, "\n[alternate]\n") {
		t.Errorf("ru list:\n%s", ru)
	}
}
