package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/newsindex/newsindex/index"
	"github.com/newsindex/newsindex/internal/server"
)

func init() {
	register(command{name: "search", summary: "search the index from the terminal", run: runSearch})
	register(command{name: "quotes", summary: "search quotations: who said what", run: runQuotes})
}

// searchFlags registers the flags that mirror the HTTP API's parameters and
// returns them as url.Values once parsed, so the terminal and the API share
// one parser.
func searchFlags(fs *flag.FlagSet, repeatable, single []string) func() url.Values {
	multis := map[string]*multi{}
	for _, name := range repeatable {
		m := &multi{}
		multis[name] = m
		fs.Var(m, name, "filter by "+name+" (repeatable)")
	}
	singles := map[string]*string{}
	for _, name := range single {
		singles[name] = fs.String(name, "", paramHelp[name])
	}
	return func() url.Values {
		v := url.Values{}
		for name, m := range multis {
			for _, s := range *m {
				v.Add(name, s)
			}
		}
		for name, s := range singles {
			if *s != "" {
				v.Set(name, *s)
			}
		}
		if q := strings.Join(fs.Args(), " "); q != "" {
			v.Set("q", q)
		}
		return v
	}
}

// paramHelp says what each single-valued parameter of the API takes, as
// the flag that mirrors it.
var paramHelp = map[string]string{
	"from":       "published on or after this date (YYYY-MM-DD or RFC 3339)",
	"to":         "published on or before this date (a date includes its whole day)",
	"sort":       "relevance (the default), date (newest first) or oldest (search only)",
	"page":       "page of results, from 1",
	"size":       "hits a page (default 10); 0 prints the total and the facets only",
	"facet_size": "values listed per facet (default 10)",
	"interval":   "bars of the date histogram: day (the default), month or year",
	"count":      "stories: facets and the histogram count distinct stories, not articles",
	"collapse":   "story: each story once, as its best hit, its copies counted",
}

func runSearch(args []string) error { return searchTo(os.Stdout, args) }

// searchTo runs the search command, writing to w.
func searchTo(w io.Writer, args []string) error {
	var facets []string
	for _, f := range index.AllFacets {
		facets = append(facets, string(f))
	}
	return runQuery(w, args, "search", "[--index DIR | --server URL] [--json] [--category C] [--analyst A] ... QUERY", "/api/search",
		facets, []string{"from", "to", "sort", "page", "size", "facet_size", "interval", "count", "collapse"},
		server.SearchParams, (*index.Index).Search, printSearch)
}

// printSearch writes a page of articles and the facets for a reader.
func printSearch(out *bufio.Writer, req index.SearchRequest, res *index.SearchResult) {
	fmt.Fprintf(out, "%d articles (%.1f ms)\n\n", res.Total, res.TookMS)
	related := false
	for i, h := range res.Hits {
		if h.Related && !related {
			related = true
			fmt.Fprintf(out, "Related articles, like the best matches but without every word:\n\n")
		}
		fmt.Fprintf(out, "%d. %s\n   %s", (req.Page-1)*req.Size+i+1, h.Title, h.ID)
		if !h.Published.IsZero() {
			fmt.Fprintf(out, " · %s", h.Published.Format("2006-01-02"))
		}
		for _, s := range []string{h.Source, h.Category} {
			if s != "" {
				fmt.Fprintf(out, " · %s", s)
			}
		}
		fmt.Fprintf(out, "\n   %s\n", plain(h.Snippet))
		if len(h.Analysts) > 0 {
			fmt.Fprintf(out, "   analysts: %s\n", strings.Join(h.Analysts, ", "))
		}
	}
	fmt.Fprintln(out)
	for _, f := range index.AllFacets {
		counts := res.Facets.Of(f)
		if len(counts) == 0 {
			continue
		}
		var parts []string
		for _, c := range counts {
			parts = append(parts, c.Value+" ("+strconv.Itoa(c.Count)+")")
		}
		fmt.Fprintf(out, "%s: %s\n", f, strings.Join(parts, ", "))
	}
}

func runQuotes(args []string) error { return quotesTo(os.Stdout, args) }

// quotesTo runs the quotes command, writing to w.
func quotesTo(w io.Writer, args []string) error {
	return runQuery(w, args, "quotes", "[--index DIR | --server URL] [--json] [--speaker S] [--role analyst|official|other] [--affiliation A] [QUERY]", "/api/quotes",
		[]string{"speaker", "role", "affiliation"}, []string{"from", "to", "sort", "page", "size", "facet_size"},
		server.QuoteParams, (*index.Index).Quotes, printQuotes)
}

// printQuotes writes a page of quotations for a reader.
func printQuotes(out *bufio.Writer, _ index.QuoteRequest, res *index.QuoteResult) {
	fmt.Fprintf(out, "%d quotes (%.1f ms)\n\n", res.Total, res.TookMS)
	for _, h := range res.Hits {
		who := h.Speaker
		if who == "" {
			who = "unattributed"
		}
		if h.Role != "" {
			who += " (" + h.Role
			if h.Affiliation != "" {
				who += ", " + h.Affiliation
			}
			who += ")"
		}
		text := plain(h.Text)
		if h.Direct {
			text = "“" + text + "”"
		}
		fmt.Fprintf(out, "%s\n   — %s, in %q [%s]\n\n", text, who, h.Title, h.ArticleID)
	}
}

// runQuery runs a search command: its flags mirror the HTTP API's
// parameters (repeatable and single ones, and the query as arguments) and
// are parsed into a request by the API's own parser, params; search runs
// it on the index, or the server at --server (server.url) answers it at
// path with the same parameters. The result is printed to w as the API's
// JSON body with --json, else by print.
func runQuery[R, S any](w io.Writer, args []string, name, usage, path string, repeatable, single []string,
	params func(url.Values) (R, error), search func(*index.Index, context.Context, R) (S, error),
	print func(*bufio.Writer, R, S)) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	cfgFile := commonFlags(fs)
	asJSON := fs.Bool("json", false, "print the API's JSON response body")
	fs.String("server", "", "ask the newsindex server at this URL (http://host:port) rather than opening the index, which a running server holds (config server.url)")
	fs.String("api-key", "", "bearer key of a server that keys its reads (config server.api_key)")
	values := searchFlags(fs, repeatable, single)
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: newsindex %s %s\n\n", name, usage)
		fs.PrintDefaults()
	}
	cfg, err := parse(fs, args, cfgFile, map[string]string{"server": "server.url", "api-key": "server.api_key"})
	if err != nil {
		return err
	}
	v := values()
	req, err := params(v)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, strings.TrimPrefix(err.Error(), "index: invalid request: "))
	}
	ctx, stop := signalContext()
	defer stop()
	var res S
	if cfg.Server.URL != "" {
		if err := callServer(ctx, http.MethodGet, cfg.Server.URL, path+"?"+v.Encode(), cfg.Server.APIKey, nil, &res); err != nil {
			return fmt.Errorf("%s through %s: %w", name, cfg.Server.URL, err)
		}
	} else {
		ix, _, err := openIndex(ctx, cfg, nil, mustExist)
		if errors.Is(err, index.ErrLocked) {
			return fmt.Errorf("%w\nthe index is served: ask the server with `newsindex %s --server http://%s ...` (or set server.url, NEWSINDEX_SERVER_URL)", err, name, cfg.Server.Addr)
		}
		if err != nil {
			return err
		}
		defer ix.Close()
		if res, err = search(ix, ctx, req); err != nil {
			return err
		}
	}
	out := bufio.NewWriter(w)
	defer out.Flush()
	if *asJSON {
		return printJSON(out, res)
	}
	print(out, req, res)
	return nil
}

func printJSON(w *bufio.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// plain turns a highlighted HTML fragment into terminal text.
func plain(s string) string {
	r := strings.NewReplacer("<mark>", "", "</mark>", "", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&amp;", "&")
	return r.Replace(s)
}
