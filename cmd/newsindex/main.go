// Command newsindex ingests news articles, extracts their entities, quotes and
// categories, and searches them from the terminal or over HTTP.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
)

// command is one subcommand. Files of this package add theirs in init.
type command struct {
	name    string
	summary string
	run     func(args []string) error
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// errUsage marks an error in how the command was called: exit status 2.
var errUsage = errors.New("usage")

// errRejected marks a run that finished but rejected some input: exit status 1.
var errRejected = errors.New("some records were rejected")

// errNothingRead marks a run that found no article in its input: exit status 1.
var errNothingRead = errors.New("no article read")

func usage() {
	fmt.Fprintf(os.Stderr, "usage: newsindex COMMAND [flags] [args]\n\ncommands:\n")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	width := 0
	for _, n := range names {
		width = max(width, len(n))
	}
	for _, n := range names {
		fmt.Fprintf(os.Stderr, "  %-*s  %s\n", width, n, commands[n].summary)
	}
	fmt.Fprintf(os.Stderr, "\nRun 'newsindex COMMAND -h' for a command's flags.\n")
}

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	c, ok := commands[os.Args[1]]
	if !ok {
		if os.Args[1] == "-h" || os.Args[1] == "--help" || os.Args[1] == "help" {
			usage()
			os.Exit(0)
		}
		fmt.Fprintf(os.Stderr, "newsindex: unknown command %q\n", os.Args[1])
		usage()
		os.Exit(2)
	}
	err := c.run(os.Args[2:])
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp): // -h asked for; before errUsage, which may wrap it
		os.Exit(0)
	case errors.Is(err, errUsage):
		fmt.Fprintf(os.Stderr, "newsindex %s: %v\n", c.name, err)
		os.Exit(2)
	case errors.Is(err, errRejected):
		fmt.Fprintf(os.Stderr, "newsindex %s: %v\n", c.name, err)
		os.Exit(1)
	default:
		fmt.Fprintf(os.Stderr, "newsindex %s: %v\n", c.name, err)
		os.Exit(1)
	}
}
