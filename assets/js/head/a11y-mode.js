/* Before the first paint: apply the reader's stored 大字版 and 高对比度 choices to <html>,
   so a page never flashes in the wrong size. Loaded synchronously from <head>; a11y.js does the rest. */
(function () {
  "use strict";
  var root = document.documentElement;
  try {
    var text = window.localStorage.getItem("govreport.text");
    var contrast = window.localStorage.getItem("govreport.contrast");
    if (text === "large") root.setAttribute("data-text", "large");
    // "normal" is stored too: it overrides a system "more contrast" setting the reader switched off here.
    if (contrast === "high" || contrast === "normal") root.setAttribute("data-contrast", contrast);
  } catch (e) {
    // Storage blocked (private mode, file:// in some browsers): the page keeps its default look.
  }
})();
