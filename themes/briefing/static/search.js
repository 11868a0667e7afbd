/* brief search: queries the pagefind index built with the site. Without JavaScript the
   page links to the timeline, figures, sources and entities instead. */
(function () {
  "use strict";
  var script = document.currentScript;
  var bundle = script.getAttribute("data-bundle");
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !list) return;
  var loading = null;
  function load() {
    if (!loading) {
      loading = import(bundle + "pagefind.js").then(function (pf) {
        return (pf.options ? pf.options({ bundlePath: bundle }) : Promise.resolve()).then(function () { return pf; });
      });
    }
    return loading;
  }
  /* Pagefind excerpts hold <mark> around matches: keep marks, keep all else as text. */
  function excerpt(html) {
    var tpl = document.createElement("template");
    tpl.innerHTML = html;
    var p = document.createElement("p");
    tpl.content.childNodes.forEach(function (n) {
      if (n.nodeName === "MARK") {
        var m = document.createElement("mark");
        m.textContent = n.textContent;
        p.appendChild(m);
      } else {
        p.appendChild(document.createTextNode(n.textContent));
      }
    });
    return p;
  }
  /* The paragraph of a source page that holds most of the matches: its anchor (the
     `b-…` markers the index keeps) and the word positions of its matches. */
  function bestParagraph(d) {
    var anchors = (d.anchors || []).filter(function (a) { return /^b-/.test(a.id); })
      .sort(function (a, b) { return a.location - b.location; });
    if (!anchors.length || !d.locations || !d.locations.length) return null;
    var best = null;
    anchors.forEach(function (a, i) {
      var end = i + 1 < anchors.length ? anchors[i + 1].location : Infinity;
      var hits = d.locations.filter(function (l) { return l >= a.location && l < end; });
      if (hits.length && (!best || hits.length > best.hits.length)) {
        best = { id: a.id, start: a.location, end: end, hits: hits };
      }
    });
    return best;
  }
  /* About 30 words of that paragraph around its first match, matches marked. */
  function paragraphExcerpt(d, para) {
    var words = (d.content || "").split(/[\r\n\s]+/g);
    var end = Math.min(para.end, words.length);
    var from = Math.max(para.start, para.hits[0] - 12);
    var to = Math.min(end, from + 30);
    var p = document.createElement("p");
    if (from > para.start) p.appendChild(document.createTextNode("… "));
    for (var i = from; i < to; i++) {
      if (i > from) p.appendChild(document.createTextNode(" "));
      if (para.hits.indexOf(i) >= 0) {
        var m = document.createElement("mark");
        m.textContent = words[i];
        p.appendChild(m);
      } else {
        p.appendChild(document.createTextNode(words[i]));
      }
    }
    if (to < end) p.appendChild(document.createTextNode(" …"));
    return p;
  }
  var counter = 0;
  function run(q) {
    var mine = ++counter;
    status.textContent = script.getAttribute("data-searching");
    return load().then(function (pf) { return pf.search(q); }).then(function (r) {
      return Promise.all(r.results.slice(0, 20).map(function (x) { return x.data(); }));
    }).then(function (items) {
      if (mine !== counter) return;
      list.textContent = "";
      /* The documents themselves first, then the pages made from them (timeline,
         figures, entities), each group in pagefind's order. */
      var isSource = function (d) { return /\/sources\/[^/]+\/?$/.test(d.url.split("#")[0]); };
      items = items.filter(isSource).concat(items.filter(function (d) { return !isSource(d); }));
      var shown = {};
      items.forEach(function (d) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        var para = bestParagraph(d);
        a.href = para ? d.url + "#" + para.id : d.url;
        a.textContent = (d.meta && d.meta.title) || d.url;
        li.appendChild(a);
        var ex = para ? paragraphExcerpt(d, para) : excerpt(d.excerpt || "");
        /* An aggregate page that quotes a passage already shown: the link alone. */
        var key = ex.textContent.replace(/[…\s]+/g, " ").trim();
        if (shown[key]) {
          li.className = "same-passage";
        } else {
          shown[key] = true;
          li.appendChild(ex);
        }
        list.appendChild(li);
      });
      /* One result takes the singular string where the theme has one. */
      var count = items.length === 1 && script.getAttribute("data-count-one") ||
        script.getAttribute("data-count");
      status.textContent = items.length
        ? count.replace("{n}", String(items.length)).replace("{q}", q)
        : script.getAttribute("data-none").replace("{q}", q);
    }).catch(function () {
      status.textContent = script.getAttribute("data-none").replace("{q}", q);
    });
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value.trim();
    if (!q) return;
    history.replaceState(null, "", "?q=" + encodeURIComponent(q));
    run(q);
  });
  var q0 = new URLSearchParams(location.search).get("q");
  if (q0) { input.value = q0; run(q0); }
})();
