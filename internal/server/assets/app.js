// newsindex search page: instant search, suggestions, facet finding and
// date-span selection. The page works fully without this script; it only
// saves clicks. No dependencies, no inline code (the CSP forbids it).
(() => {
  "use strict";
  const form = document.querySelector('form.searchbox[action="/"]');
  if (!form) return;
  const q = form.querySelector("#q");
  const list = document.getElementById("suggest");
  const live = document.getElementById("live");

  const pageURL = () => {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v !== "") params.append(k, v);
    return "/?" + params.toString();
  };

  // Instant search: fetch the server-rendered page and swap the results in,
  // keeping the URL the whole state so any view can be shared.
  let timer = 0, inflight = null;
  const refresh = () => {
    const url = pageURL();
    if (inflight) inflight.abort();
    inflight = new AbortController();
    fetch(url, { signal: inflight.signal, headers: { Accept: "text/html" } })
      .then((r) => r.text())
      .then((html) => {
        const doc = new DOMParser().parseFromString(html, "text/html");
        const next = doc.getElementById("live");
        if (!next) return;
        live.replaceChildren(...next.childNodes);
        history.replaceState(null, "", url);
        enhance();
      })
      .catch(() => {});
  };
  const debounced = () => { clearTimeout(timer); timer = setTimeout(refresh, 250); };
  form.addEventListener("input", (e) => { if (e.target.type === "search") debounced(); });

  // Suggestions for the word being typed: picking one adds its filter.
  let items = [], active = -1, stimer = 0;
  const lastWord = () => (q.value.match(/(\S+)$/) || [, ""])[1];
  const close = () => { list.hidden = true; list.replaceChildren(); items = []; active = -1; q.setAttribute("aria-expanded", "false"); };
  const pick = (s) => {
    const params = new URLSearchParams(pageURL().slice(2));
    const rest = q.value.replace(/\S+$/, "").trim();
    if (rest) params.set("q", rest); else params.delete("q");
    params.append(s.type, s.value);
    location.href = "/?" + params.toString();
  };
  const show = (suggestions) => {
    list.replaceChildren();
    items = suggestions;
    active = -1;
    suggestions.forEach((s, i) => {
      const li = document.createElement("li");
      li.id = "sug-" + i;
      li.setAttribute("role", "option");
      const name = document.createElement("span");
      name.textContent = s.value;
      const meta = document.createElement("span");
      meta.className = "type";
      meta.textContent = s.type + " · " + s.count;
      li.append(name, meta);
      li.addEventListener("mousedown", (e) => { e.preventDefault(); pick(s); });
      list.append(li);
    });
    list.hidden = suggestions.length === 0;
    q.setAttribute("aria-expanded", String(!list.hidden));
  };
  q.setAttribute("role", "combobox");
  q.setAttribute("aria-autocomplete", "list");
  q.setAttribute("aria-controls", "suggest");
  q.setAttribute("aria-expanded", "false");
  q.addEventListener("input", () => {
    clearTimeout(stimer);
    const w = lastWord();
    if (w.length < 2 || w.includes(":") || w.startsWith('"')) { close(); return; }
    stimer = setTimeout(() => {
      fetch("/api/suggest?limit=8&q=" + encodeURIComponent(w))
        .then((r) => r.json())
        .then((d) => { if (lastWord() === w) show(d.suggestions || []); })
        .catch(close);
    }, 120);
  });
  q.addEventListener("keydown", (e) => {
    if (list.hidden) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
      [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
      q.setAttribute("aria-activedescendant", "sug-" + active);
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      pick(items[active]);
    } else if (e.key === "Escape") {
      close();
    }
  });
  // Enter on a highlighted suggestion takes it rather than submitting the
  // words typed (some input methods submit on the key press itself).
  form.addEventListener("submit", (e) => {
    if (!list.hidden && active >= 0) {
      e.preventDefault();
      pick(items[active]);
    }
  });
  q.addEventListener("blur", () => setTimeout(close, 100));

  // Parts of the results that are replaced by instant search get their
  // behaviour again after each swap.
  const enhance = () => {
    // Find inside a long facet.
    for (const f of live.querySelectorAll(".facet[data-expanded]")) {
      const input = f.querySelector(".facet-filter");
      if (!input || !input.hidden) continue;
      input.hidden = false;
      input.addEventListener("input", () => {
        const t = input.value.toLowerCase();
        for (const li of f.querySelectorAll("li")) li.hidden = t !== "" && !li.textContent.toLowerCase().includes(t);
      });
    }
    // Drag across the chart to filter its span of dates.
    const svg = live.querySelector(".chart svg");
    if (!svg || svg.dataset.enhanced) return;
    svg.dataset.enhanced = "1";
    const spanOf = (a) => {
      const u = new URL(a.getAttribute("href"), location.href);
      return [u.searchParams.get("from"), u.searchParams.get("to")];
    };
    let x0 = null, rect = null;
    const toX = (e) => {
      const b = svg.getBoundingClientRect();
      return ((e.clientX - b.left) / b.width) * 600;
    };
    svg.addEventListener("mousedown", (e) => {
      x0 = toX(e);
      rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      rect.setAttribute("class", "span");
      rect.setAttribute("y", "0");
      rect.setAttribute("height", "80");
      svg.prepend(rect);
      svg.classList.add("selecting");
      e.preventDefault();
    });
    svg.addEventListener("mousemove", (e) => {
      if (x0 === null) return;
      const x = toX(e);
      rect.setAttribute("x", String(Math.min(x0, x)));
      rect.setAttribute("width", String(Math.abs(x - x0)));
    });
    window.addEventListener("mouseup", (e) => {
      if (x0 === null) return;
      const x1 = toX(e), lo = Math.min(x0, x1), hi = Math.max(x0, x1);
      x0 = null;
      svg.classList.remove("selecting");
      if (hi - lo < 4) { rect.remove(); return; } // a click: the bar's own link
      let from = null, to = null;
      for (const a of svg.querySelectorAll("a")) {
        const r = a.querySelector("rect");
        const rx = parseFloat(r.getAttribute("x")), rw = parseFloat(r.getAttribute("width"));
        if (rx + rw < lo || rx > hi) continue;
        const [f, t] = spanOf(a);
        if (!from || f < from) from = f;
        if (!to || t > to) to = t;
      }
      if (!from) { rect.remove(); return; }
      const params = new URLSearchParams(location.search);
      params.set("from", from);
      params.set("to", to);
      params.delete("page");
      location.href = "/?" + params.toString();
    });
  };
  enhance();
})();
