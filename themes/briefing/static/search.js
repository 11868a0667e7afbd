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
  var counter = 0;
  function run(q) {
    var mine = ++counter;
    status.textContent = script.getAttribute("data-searching");
    return load().then(function (pf) { return pf.search(q); }).then(function (r) {
      return Promise.all(r.results.slice(0, 20).map(function (x) { return x.data(); }));
    }).then(function (items) {
      if (mine !== counter) return;
      list.textContent = "";
      items.forEach(function (d) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = d.url;
        a.textContent = (d.meta && d.meta.title) || d.url;
        li.appendChild(a);
        li.appendChild(excerpt(d.excerpt || ""));
        list.appendChild(li);
      });
      status.textContent = items.length
        ? script.getAttribute("data-count").replace("{n}", String(items.length)).replace("{q}", q)
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
