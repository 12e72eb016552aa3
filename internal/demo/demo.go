// Package demo holds a small corpus of invented news articles that
// "newsindex serve --demo" indexes so that the search page answers real-looking
// questions on a fresh machine.
//
// The corpus is a JSON Lines file, one article a line, in the input shape the
// ingest package reads:
//
//	{"id":"demo-001","url":"https://…","title":…,"body":…,"published":"2026-…Z",
//	 "source":…,"author":…,"category":…}
//
// Every article was written for this project. The outlets, the people who are
// named or quoted, the think tanks and universities and the companies are
// fictional; countries, cities and well-known international bodies are real
// but only mentioned as actors. The articles were published (in the story)
// between November 2025 and October 2026 and follow a few running stories: a
// shipping crisis in the Baltic Sea, central-bank rate decisions, Peru's
// election, a dispute over chip export controls, ceasefire talks on Sudan, a
// football title race and a film festival, among others. Some stories are
// carried by several outlets as lightly reworded wire copy, for duplicate
// detection. About a third of the articles have no category, so that the
// classifier has something to do.
//
// The file is assembled from hand-written text by the program in gen:
//
//	go generate ./internal/demo
package demo

import _ "embed"

//go:generate go run ./gen -stories gen/stories -o articles.jsonl

//go:embed articles.jsonl
var articles []byte

// JSONL returns the demo corpus as JSON Lines. The caller must not modify the
// returned slice.
func JSONL() []byte { return articles }
