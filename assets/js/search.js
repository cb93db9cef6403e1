/* The search page: asks the Pagefind index one character at a time, keeps the pages that hold the whole
   phrase, and links each hit to its paragraph. Does nothing on other pages. */
(function () {
  "use strict";
  var app = document.getElementById("search-app");
  if (!app) return;

  // Han characters, as govreport/searchindex.py indexes them (govreport/han.py: Script=Han): each one is
  // a word of its own. tests/browser/test_han_agrees.py checks that this set and Python's are the same.
  var HAN = /\p{Script=Han}/gu;
  var HAN_FIRST = new RegExp("^" + HAN.source, "u"), HAN_LAST = new RegExp(HAN.source + "$", "u");
  var BLOCK = /^(p|li|h[1-6]|dd|dt|td|th|blockquote|figcaption)$/i;
  // A word's punctuation before and after it: Pagefind keeps 、2023 as one word.
  var EDGES = /^([\p{P}\p{S}]*)([\s\S]*?)([\p{P}\p{S}]*)$/u;
  var HEADING = /^h[1-6]$/i;
  // A word of the index that stands for the page's own whitespace beside a Han character (searchindex.py).
  var OWN_SPACE = "\u2060";
  var ZWSP = "\u200b";
  var BEFORE = 18, AFTER = 60, PLACES_SHOWN = 3;
  // Pagefind waits forever if its WebAssembly cannot start; say so rather than show "searching" for ever.
  var GIVE_UP_MS = 60000;

  var $ = function (id) { return document.getElementById(id); };
  var text = app.dataset;

  /* Compare text without spaces, punctuation or symbols, so 云、数、网、端 and 云数网端 are the same. */
  function normalize(s) {
    return s.normalize("NFKC").toLowerCase().replace(/[\s\p{P}\p{S}\u200b\u2060]/gu, "");
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  /* Each whitespace-separated part of the query must be found; empty parts (only punctuation) are dropped. */
  function queryTerms(q) {
    return q.split(/\s+/).map(normalize).filter(Boolean);
  }

  /* What Pagefind is asked: every Han character as a word, matching how the index was built. */
  function pagefindQuery(terms) {
    return terms.map(function (t) { return t.replace(HAN, " $& "); }).join(" ").replace(/\s+/g, " ").trim();
  }

  function show(id, visible) { $(id).hidden = !visible; }

  function status(message) { $("search-status").textContent = message; }

  function unavailable(reason) {
    show("search-results", false);
    show("search-unavailable", true);
    show("search-" + reason, true);
  }

  /* One page's stored text, cut into Pagefind's words; `flat` is it normalized, `owner` maps back to words.
     Pagefind joins its words with one space each, and counts anchors' locations in those words. */
  function pageText(data) {
    var words = data.raw_content.split(" ").map(function (w) { return w.replace(/&lt;/g, "<").replace(/&gt;/g, ">"); });
    var flat = "", owner = [];
    words.forEach(function (word, i) {
      var n = normalize(word);
      flat += n;
      for (var k = 0; k < n.length; k++) owner.push(i);
    });
    return { words: words, flat: flat, owner: owner };
  }

  /* Paragraphs, list items and headings with an id, in reading order: the places a hit can link to. */
  function blocksOf(data) {
    return data.anchors.filter(function (a) { return BLOCK.test(a.element) && a.id; })
      .sort(function (a, b) { return a.location - b.location; });
  }

  function blockAt(blocks, word) {
    var found = -1;
    for (var i = 0; i < blocks.length && blocks[i].location <= word; i++) found = i;
    return found;
  }

  /* Where the page holds every term, grouped by paragraph; null when a term is missing. */
  function findPlaces(data, terms) {
    var page = pageText(data), blocks = blocksOf(data), places = new Map(), marked = new Set();
    for (var t = 0; t < terms.length; t++) {
      var term = terms[t], found = false, pos = page.flat.indexOf(term);
      while (pos >= 0) {
        var first = page.owner[pos], last = page.owner[pos + term.length - 1];
        var block = blockAt(blocks, first);
        // A phrase never runs from one paragraph into the next. Block -1 is text before any element
        // with an id (a page may have none): its hits link to the page itself.
        if (block === blockAt(blocks, last)) {
          found = true;
          if (!places.has(block)) places.set(block, first);
          for (var w = first; w <= last; w++) marked.add(w);
        }
        pos = page.flat.indexOf(term, pos + 1);
      }
      if (!found) return null;
    }
    return { page: page, blocks: blocks, places: places, marked: marked };
  }

  /* The space shown between two of Pagefind's words: none where searchindex.py put one beside a Han
     character; an OWN_SPACE word shows the page's own space itself. */
  function gap(before, after) {
    if (before === OWN_SPACE || after === OWN_SPACE) return "";
    return HAN_LAST.test(before) || HAN_FIRST.test(after) ? "" : " ";
  }

  function shown(word) { return word === OWN_SPACE ? " " : word; }

  /* Indexed text (a title, a heading) as the page shows it. */
  function readable(indexed) {
    var words = indexed.split(ZWSP).join("").trim().split(/\s+/);
    return words.map(function (word, i) { return (i ? gap(words[i - 1], word) : "") + shown(word); })
      .join("").replace(/\s+/g, " ").trim();
  }

  /* The words around a hit, inside its paragraph, as [text, isMatch] runs. */
  function excerpt(hit, block, first) {
    var words = hit.page.words, start = block >= 0 ? hit.blocks[block].location : 0;
    var end = block + 1 < hit.blocks.length ? hit.blocks[block + 1].location : words.length;
    var from = first, size = 0;
    while (from > start && size < BEFORE) size += words[--from].length;
    var to = first;
    size = 0;
    while (to < end && size < AFTER) size += words[to++].length;
    var runs = [];
    for (var i = from; i < to; i++) {
      // Between two matched words is inside the match (12345 热线 stays one mark); the edges of a match are not.
      var mark = hit.marked.has(i), withBefore = mark && hit.marked.has(i - 1), withAfter = mark && hit.marked.has(i + 1);
      var parts = shown(words[i]).match(EDGES);
      if (i > from) add(runs, gap(words[i - 1], words[i]), withBefore);
      add(runs, parts[1], withBefore);
      add(runs, parts[2], mark);
      add(runs, parts[3], withAfter);
    }
    trim(runs);
    if (from > start) runs.unshift(["……", false]);
    if (to < end) runs.push(["……", false]);
    return runs;
  }

  /* Append to the last run if it is marked alike; never two spaces in a row. */
  function add(runs, piece, mark) {
    var last = runs[runs.length - 1];
    if (last && /\s$/.test(last[0])) piece = piece.replace(/^\s+/, "");
    if (!piece) return;
    if (last && last[1] === mark) last[0] += piece;
    else runs.push([piece, mark]);
  }

  /* No space at either end of an excerpt. */
  function trim(runs) {
    while (runs.length && !(runs[0][0] = runs[0][0].replace(/^\s+/, ""))) runs.shift();
    while (runs.length && !(runs[runs.length - 1][0] = runs[runs.length - 1][0].replace(/\s+$/, ""))) runs.pop();
  }

  /* The subheading a place sits under ("注释", "解释"); none under the page's own title. */
  function headingFor(hit, block) {
    for (var i = block; i >= 0; i--) {
      var element = hit.blocks[i].element.toLowerCase();
      if (element === "h1") return "";
      if (HEADING.test(element)) return readable(hit.blocks[i].text);
    }
    return "";
  }

  function element(tag, className, content) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (content) el.textContent = content;
    return el;
  }

  function renderPlace(hit, href, block, first) {
    var li = element("li"), a = element("a");
    a.href = block >= 0 ? href + "#" + encodeURIComponent(hit.blocks[block].id) : href;
    var heading = block >= 0 ? headingFor(hit, block) : "";
    if (heading) a.appendChild(element("span", "search-where", heading));
    var quote = element("span", "search-excerpt");
    excerpt(hit, block, first).forEach(function (run) {
      quote.appendChild(run[1] ? element("mark", "", run[0]) : document.createTextNode(run[0]));
    });
    a.appendChild(quote);
    li.appendChild(a);
    return li;
  }

  function renderHit(hit, siteRoot) {
    // raw_url is the page's path from the site's root ("/2023/…"); `url` has Pagefind's guess of a prefix.
    var href = new URL(hit.data.raw_url.replace(/^\//, ""), siteRoot).href;
    var li = element("li", "search-hit"), h3 = element("h3"), link = element("a", "", readable(hit.data.meta.title || ""));
    link.href = href;
    h3.appendChild(link);
    var where = [hit.data.meta.report, hit.data.meta.part].filter(Boolean).join(" › ");
    if (where) li.appendChild(element("p", "search-context", where));
    li.appendChild(h3);
    var list = element("ul", "search-places");
    Array.from(hit.places).sort(function (x, y) { return x[0] - y[0]; }).slice(0, PLACES_SHOWN).forEach(function (place) {
      list.appendChild(renderPlace(hit, href, place[0], place[1]));
    });
    li.appendChild(list);
    if (hit.places.size > PLACES_SHOWN) li.appendChild(element("p", "search-more", fill(text.more, { n: hit.places.size - PLACES_SHOWN })));
    return li;
  }

  async function run(q, bundleUrl) {
    var terms = queryTerms(q);
    show("search-results", true);
    if (!terms.length) { status(text.empty); return; }
    status(text.loading);
    var pagefind = await import(bundleUrl);
    var search = await pagefind.search(pagefindQuery(terms));
    var datas = await Promise.all(search.results.map(function (r) { return r.data(); }));
    var hits = datas.map(function (data) {
      var hit = findPlaces(data, terms);
      if (hit) hit.data = data;
      return hit;
    }).filter(Boolean);
    // Pages where the phrase comes up most often first; Pagefind's order breaks ties.
    hits.sort(function (a, b) { return b.places.size - a.places.size; });
    var list = $("search-list"), siteRoot = new URL("../", bundleUrl);
    list.replaceChildren.apply(list, hits.map(function (hit) { return renderHit(hit, siteRoot); }));
    var places = hits.reduce(function (n, hit) { return n + hit.places.size; }, 0);
    status(hits.length ? fill(text.found, { pages: hits.length, places: places, q: q }) : fill(text.none, { q: q }));
    show("search-none", !hits.length);
  }

  var q = (new URLSearchParams(location.search).get("q") || "").trim();
  $("search-q").value = q;
  if (location.protocol === "file:") { unavailable("file"); return; }
  if (!q) return;
  document.title = q + " - " + document.title;
  var giveUp = new Promise(function (resolve, reject) {
    setTimeout(function () { reject(new Error("no answer from Pagefind in " + GIVE_UP_MS / 1000 + " s")); }, GIVE_UP_MS);
  });
  Promise.race([run(q, new URL(app.dataset.bundle, location.href).href), giveUp]).catch(function (err) {
    unavailable("broken");
    if (window.console) console.error("search failed:", err);
  });
})();
