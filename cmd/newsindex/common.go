package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/config"
)

// multi is a flag that may be repeated: --person A --person B.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

// commonFlags registers --index and --config, which every command that
// opens an index takes.
func commonFlags(fs *flag.FlagSet) *string {
	fs.String("index", "", "index folder (config index.path)")
	return fs.String("config", "", "config file (default: ./config.yaml if present)")
}

// parse parses args and loads the configuration; flagKeys maps the
// command's own flags onto config keys.
func parse(fs *flag.FlagSet, args []string, cfgFile *string, flagKeys map[string]string) (config.Config, error) {
	fs.SetOutput(os.Stderr)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return config.Config{}, err
		}
		return config.Config{}, fmt.Errorf("%w: %v", errUsage, err)
	}
	keys := map[string]string{"index": "index.path"}
	for k, v := range flagKeys {
		keys[k] = v
	}
	cfg, err := config.Load(*cfgFile, fs, keys)
	if err != nil {
		return cfg, fmt.Errorf("%w: %v", errUsage, err)
	}
	return cfg, nil
}

func indexOptions(cfg config.Config, log *slog.Logger) *index.Options {
	return &index.Options{Logger: log, CategoryModel: cfg.Category.Model, Workers: cfg.Ingest.Workers}
}

// signalContext is cancelled by Ctrl-C or SIGTERM.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}
