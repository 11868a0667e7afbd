/* brief language switch: the link to the same page in the other language also
   carries the search (?q=…) and the place in the page (#…) over, read when the link is
   about to be followed (the search page rewrites its query as the reader types).
   Without JavaScript it stays a plain link to the page. */
(function () {
  "use strict";
  document.querySelectorAll(".language-switch a").forEach(function (a) {
    var page = a.getAttribute("href").split(/[?#]/)[0];
    function carry() {
      a.setAttribute("href", page + location.search + location.hash);
    }
    a.addEventListener("pointerdown", carry);
    a.addEventListener("focus", carry);
    a.addEventListener("click", carry);
  });
})();
