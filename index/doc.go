// Package index is newsindex's library: it opens an index of news articles,
// adds articles (extracting their entities, quotations and category on the
// way in), and searches them with facets.
//
// # Articles and enrichment
//
// An Article carries what a source gives (id, url, title, body, published,
// source, author, category, language) and its enrichment: People, Countries
// and Organizations under canonical names, Quotes with speaker, role
// (analyst, official or other), affiliation and cue verb, the Analysts quoted,
// and the Category (the source's own, normalised onto the taxonomy, else a
// classifier's; CategorySource says which). Add computes the enrichment of
// the fields the caller left empty.
//
// The ID is the given one, else a stable hash of the URL, else of title and
// body. Adding an article whose ID exists replaces it: there are never two.
//
// # Fields
//
// Each article is one bleve document of type "article":
//
//	title, body      news_en: unicode words, possessives dropped, lower case,
//	                 English stop words removed, snowball stems (so
//	                 "sanctioning" finds "sanctions"); term vectors kept for
//	                 phrases and highlighted snippets, the byte offsets of a
//	                 word as its distance from where its position puts it and
//	                 its length, one byte each (mapping 6, bleveengine/
//	                 offsets.go). The words of a query are matched in
//	                 title and body; an article holding them together as a
//	                 phrase ranks above one holding them apart.
//	title_<code>, body_<code>
//	                 the same for an article in another language, each
//	                 analysis in fields of its own (title_fr and body_fr
//	                 through news_fr, the other stemmed languages likewise;
//	                 _cjk pairs of characters for Chinese, Japanese and
//	                 Korean; _neutral for the rest): analysis.TextField. A
//	                 query is read in every analysis the index holds (or
//	                 those of the language filter), each over its own
//	                 fields, and the readings are ORed. Undetermined text
//	                 is read as English, in title and body.
//	category, source, person, country, place, organization, analyst
//	                 keyword fields (the canonical names, unanalysed): filters
//	                 and facet counts. Facets are counted from the postings of
//	                 each segment, uninverted once into a row of value
//	                 ordinals per document (bleveengine/facet), in the pass
//	                 that ranks the matches.
//	<facet>_name     the same names and their initials ("ECFR") through
//	                 news_name (accents folded, lower case, no stemming): what
//	                 field:value in a query searches, so person:Putin finds
//	                 "Vladimir Putin".
//	language         keyword: the article's language code ("en", "fr"),
//	                 "und" when undetermined or for an article stored before
//	                 languages were decided; the language facet and filter.
//	published        keyword: the instant in UTC at a fixed width
//	                 ("2024-10-25T08:30:00.000000000"), whose order is the
//	                 time's, with doc values for sorting; day, month and year
//	                 keyword fields ("2024-10-25", "2024-10", "2024") feed the
//	                 histogram. A date range is the whole years, months and
//	                 days it spans and the instants of its partial end days
//	                 (one term a date, where bleve's date field indexes 16; an
//	                 index of mapping 3 or older keeps that date field, and is
//	                 searched through it).
//	story            keyword, stored: the ID of the story the article
//	                 belongs to (its first article's), for SearchRequest.Story,
//	                 Collapse and CountStories.
//	_source          the whole article as JSON, stored, not indexed: deflated
//	                 with a preset dictionary (bleveengine/storeddict), its
//	                 first byte naming the packing, so forms written before
//	                 (plain, or deflated without the dictionary) read as
//	                 they are.
//
// Each quotation is also a document of type "quote" (ID "<article>#q<n>"):
// its words (quote, or quote_<code> as above), speaker, role and
// affiliation (keywords), the
// article's date (published, day, month and year as above); a speaker
// that is a description or a group (Quote.Described: "the Ohio governor",
// "Senate Republicans") is no keyword, so that the speaker facet and
// filter count names only. Quotes searches them. A quote document stores nothing: a hit is shown from its
// article's stored form, which lists its quotes, the n-th of which it is
// (an index of mapping 4 or older stores each quote with its article's ID
// and title, and indexes the article's ID).
//
// # Searching
//
// A SearchRequest holds a query in the search-box syntax, filters, a date
// range, a sort order and a page. The syntax: words are ANDed; "exact
// phrases"; -word, -"phrase" and NOT word exclude; OR between terms or
// groups; parentheses; field:value and field:"quoted value" for title, body,
// source, person, country, place, organization, analyst, category and
// language; prefix* (at least two characters). Filters are exact canonical
// values: OR within one facet, AND across facets. The language filter and
// language:value also take a tag or an English name ("pt-BR", "French",
// see LanguageCode); a language:value that every match must hold filters
// exactly as the language filter does.
//
// When no article holds every word of a plain query, the words are ORed
// instead and SearchResult.Relaxed says so: articles holding more of them
// rank first.
//
// Every SearchResult counts all matching articles (not just the page) for
// each facet, exactly, with the FacetSize most frequent values listed, and a
// histogram of their published dates by day, month or year.
//
// # Backends
//
// Create, Open and OpenMem use bleve, in one process on one machine.
// OpenSearch opens the same API on an OpenSearch cluster, for archives that
// outgrow one machine: the same query syntax (translated to the query DSL),
// facets as terms aggregations (SearchResult.FacetErrors bounds their
// error), quotes as documents of their own, stories assigned by this
// process. See docs/scale-out.md.
//
// Each engine is a package of its own (internal/bleveengine,
// internal/osengine) behind one interface this package defines; what both
// share (the article as stored, requests and results, field names, the
// rules of query translation, snippets, stories) is in internal/engine.
//
// # Durability and concurrency
//
// AddBatch returns once the batch is on disk: an article acknowledged by a
// nil error survives a crash. One process at a time may open an on-disk
// index; another gets ErrLocked. An Index is safe for concurrent use.
package index
