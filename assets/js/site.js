/* Small enhancements; every page works without them. */
(function () {
  "use strict";
  // On wide screens the table of contents is a sidebar: keep its <details> open.
  var wide = window.matchMedia("(min-width: 64em)");
  function syncToc() {
    document.querySelectorAll("details[data-open-wide]").forEach(function (d) {
      if (wide.matches) d.open = true;
    });
  }
  syncToc();
  wide.addEventListener("change", syncToc);
})();
