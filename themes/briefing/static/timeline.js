/* brief timeline: the actor and place links filter the list in place. Without
   JavaScript each link opens that entity's own filtered timeline page instead, and
   so it does on a timeline split into pages (which does not load this script), as
   filtering one page in place would hide the entity's events on the others. */
(function () {
  "use strict";
  var script = document.currentScript;
  var links = document.querySelectorAll(".filters a[data-filter]");
  var status = document.querySelector(".filter-status");
  if (!links.length || !status) return;
  var text = status.querySelector("span");
  var clear = status.querySelector(".filter-clear");
  var events = document.querySelectorAll("li.event");
  var years = document.querySelectorAll("section.year");
  function apply(slug, name) {
    events.forEach(function (li) {
      var names = (li.getAttribute("data-entities") || "").split(" ");
      li.hidden = slug !== null && names.indexOf(slug) < 0;
    });
    years.forEach(function (section) {
      section.hidden = !section.querySelector("li.event:not([hidden])");
    });
    links.forEach(function (a) {
      if (a.getAttribute("data-filter") === slug) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    status.hidden = slug === null;
    text.textContent = slug === null ? "" : script.getAttribute("data-showing").replace("{name}", name);
  }
  links.forEach(function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      apply(a.getAttribute("data-filter"), a.textContent);
    });
  });
  clear.addEventListener("click", function () { apply(null, ""); });
})();
