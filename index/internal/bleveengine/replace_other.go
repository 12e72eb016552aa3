//go:build !linux && !darwin

package bleveengine

// exchange answers errNoExchange: this system has no call that swaps two
// folders in one step.
func exchange(a, b string) error { return errNoExchange }
