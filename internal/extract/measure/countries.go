package measure

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// Countries maps country names, demonyms, capitals and other places to ISO
// codes, read from the scorer's countries.json.
type Countries struct {
	name    map[string]string          // folded name → code, the first code given
	demonym map[string]string          // folded demonym → code, the last code given
	place   map[string]map[string]bool // folded city, state or province → codes it may stand in
}

// ReadCountries reads countries.json.
func ReadCountries(path string) (*Countries, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("countries: %w", err)
	}
	defer f.Close()
	c := &Countries{name: map[string]string{}, demonym: map[string]string{}, place: map[string]map[string]bool{}}
	dec := json.NewDecoder(f)
	bad := func(err error) error { return fmt.Errorf("countries: %s: %w", path, err) }
	if _, err := dec.Token(); err != nil {
		return nil, bad(err)
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, bad(err)
		}
		key, _ := t.(string)
		switch key {
		case "names", "demonyms":
			err = eachPair(dec, func(code string, raw json.RawMessage) error {
				var ns []string
				if err := json.Unmarshal(raw, &ns); err != nil {
					return err
				}
				for _, n := range ns {
					f := Fold(n)
					if key == "demonyms" {
						c.demonym[f] = code
					} else if _, ok := c.name[f]; !ok {
						c.name[f] = code
					}
				}
				return nil
			})
		case "capitals":
			err = eachPair(dec, func(code string, raw json.RawMessage) error {
				var city string
				if err := json.Unmarshal(raw, &city); err != nil {
					return err
				}
				c.addPlace(Fold(city), code)
				return nil
			})
		case "places":
			err = eachPair(dec, func(name string, raw json.RawMessage) error {
				var codes []string
				if err := json.Unmarshal(raw, &codes); err != nil {
					return err
				}
				for _, code := range codes {
					c.addPlace(Fold(name), code)
				}
				return nil
			})
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return nil, bad(err)
		}
	}
	return c, nil
}

func (c *Countries) addPlace(f, code string) {
	if c.place[f] == nil {
		c.place[f] = map[string]bool{}
	}
	c.place[f][code] = true
}

// eachPair calls fn on each key and value of the object the decoder is at,
// in order.
func eachPair(dec *json.Decoder, fn func(key string, raw json.RawMessage) error) error {
	if _, err := dec.Token(); err != nil {
		return err
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		if err := fn(t.(string), raw); err != nil {
			return err
		}
	}
	_, err := dec.Token()
	if err == io.EOF {
		return nil
	}
	return err
}

// code returns the ISO code of a country's name, or of a demonym when
// demonyms is set, or "".
func (c *Countries) code(name string, demonyms bool) string {
	f := Fold(name)
	if code, ok := c.name[f]; ok {
		return code
	}
	if demonyms {
		return c.demonym[f]
	}
	return ""
}
