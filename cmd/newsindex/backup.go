package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/server"
)

func init() {
	register(command{name: "backup", summary: "copy an index consistently, even while it is served", run: runBackup})
}

func runBackup(args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	cfgFile := commonFlags(fs)
	fs.String("server", "", "back up the index served at this URL (e.g. http://127.0.0.1:8080) through POST /api/admin/backup (config server.url)")
	fs.String("api-key", "", "bearer key the server wants on writes (config server.api_key)")
	noCheck := fs.Bool("no-check", false, "do not verify the copy afterwards")
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, `usage: newsindex backup [--index DIR] DEST
       newsindex backup --server URL [--api-key KEY] DEST

Copies the index to the new folder DEST (which must not exist) and verifies
the copy. An index that 'newsindex serve' holds can only be copied by the
server: pass --server; DEST is then a path on the server's machine.

`)
		fs.PrintDefaults()
	}
	cfg, err := parse(fs, args, cfgFile, map[string]string{"server": "server.url", "api-key": "server.api_key"})
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one destination folder, got %d arguments", errUsage, fs.NArg())
	}
	dest, err := filepath.Abs(fs.Arg(0))
	if err != nil {
		return err
	}
	ctx, stop := signalContext()
	defer stop()

	start := time.Now()
	var rep *index.CheckReport
	if cfg.Server.URL != "" {
		res, err := remoteBackup(ctx, cfg.Server.URL, cfg.Server.APIKey, dest, !*noCheck)
		if err != nil {
			return err
		}
		rep = res.Check
	} else {
		if err := bleveOnly(cfg, "backup", "back an OpenSearch index up with its snapshot API, or copy its articles with `newsindex export`"); err != nil {
			return err
		}
		log := cfg.Log.Logger()
		ix, err := index.Open(cfg.Index.Path, indexOptions(cfg, log.With("component", "index")))
		if errors.Is(err, index.ErrLocked) {
			return fmt.Errorf("%w\nthe index is served: back it up through the server with `newsindex backup --server http://%s %s`", err, cfg.Server.Addr, fs.Arg(0))
		}
		if err != nil {
			return err
		}
		err = ix.Backup(ctx, dest)
		if cerr := ix.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		if !*noCheck {
			r, err := index.Check(ctx, dest)
			if err != nil {
				return fmt.Errorf("check the backup: %w", err)
			}
			rep = &r
		}
	}
	fmt.Printf("backup: %s written in %s\n", dest, time.Since(start).Round(time.Millisecond))
	if rep != nil {
		printCheck(os.Stdout, rep)
		if !rep.OK() {
			return fmt.Errorf("the backup %s has %d problems", dest, rep.ProblemCount)
		}
	}
	return nil
}

// remoteBackup asks the server at base to back its index up into dir.
func remoteBackup(ctx context.Context, base, apiKey, dir string, check bool) (*server.BackupResponse, error) {
	body, _ := json.Marshal(server.BackupRequest{Dir: dir, Check: check})
	var res server.BackupResponse
	if err := callServer(ctx, http.MethodPost, base, "/api/admin/backup", apiKey, body, &res); err != nil {
		return nil, fmt.Errorf("backup through %s: %w", base, err)
	}
	return &res, nil
}
