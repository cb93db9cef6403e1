/* Term previews: hovering, focusing or tapping a term link shows its definition just below the term
   (above it if there is no room below), never over it and never trapping focus. Esc, 关闭 or a tap
   elsewhere hides it. Without this script a term is a plain link to its glossary page. */
(function () {
  "use strict";
  var SHOW_DELAY = 150;  // ms: skimming the pointer across a paragraph opens nothing
  var HIDE_DELAY = 400;  // ms: time to move the pointer from the term onto the preview (WCAG 1.4.13)
  var GAP = 6;           // px between the term and the preview
  var MARGIN = 8;        // px kept free at the viewport's edges
  var current = null;    // {link, card} of the preview shown
  var showTimer = 0;
  var hideTimer = 0;
  var dismissed = null;  // the link whose preview Esc or 关闭 closed: shown again once pointer and focus leave it
  var pointerType = "";
  var tapStartedOpen = false;

  function templateFor(link) {
    return document.getElementById("term-preview-" + link.getAttribute("data-term"));
  }

  function show(link) {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (dismissed === link || (current && current.link === link)) return;
    hide();
    var card = templateFor(link).content.firstElementChild.cloneNode(true);
    card.id = "term-preview-open";
    var definition = card.querySelector("[data-definition]");
    definition.id = "term-preview-open-definition";
    // Right after the term in reading order, so screen readers and Tab reach it next.
    link.insertAdjacentElement("afterend", card);
    link.setAttribute("aria-describedby", definition.id);
    current = { link: link, card: card };
    card.addEventListener("mouseenter", keep);
    card.addEventListener("mouseleave", hideSoon);
    card.addEventListener("focusout", function (event) { leaving(event.relatedTarget); });
    card.querySelector("[data-close]").addEventListener("click", function () { dismiss(true); });
    place(link, card);
  }

  function hide() {
    clearTimeout(hideTimer);
    if (!current) return;
    var shown = current;
    current = null;  // first: removing a focused preview fires focusout, which calls hide() again
    shown.link.removeAttribute("aria-describedby");
    shown.card.remove();
  }

  function hideSoon() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  function keep() {
    clearTimeout(hideTimer);
  }

  function isInside(node) {
    return Boolean(current && node && (current.link === node || current.card.contains(node)));
  }

  // Focus moved: keep the preview while focus is on the term or inside the preview.
  function leaving(next) {
    if (!isInside(next)) hide();
  }

  function dismiss(refocus) {
    if (!current) return;
    var link = current.link;
    var focusInside = current.card.contains(document.activeElement);
    dismissed = link;
    hide();
    if (refocus || focusInside) link.focus();
  }

  // Below the term's last line; above its first line when only there is room. Never over the term.
  function place(link, card) {
    var rects = link.getClientRects();
    var first = rects[0];
    var last = rects[rects.length - 1];
    card.style.left = "0px";
    card.style.top = "0px";
    var origin = card.getBoundingClientRect();
    var width = card.offsetWidth;
    var height = card.offsetHeight;
    var viewport = document.documentElement.clientWidth;
    var left = Math.max(MARGIN, Math.min(last.left, viewport - width - MARGIN));
    var top = last.bottom + GAP;
    if (top + height > window.innerHeight && first.top - GAP - height >= 0) top = first.top - GAP - height;
    card.style.left = (left - origin.left) + "px";
    card.style.top = (top - origin.top) + "px";
  }

  function watch(link) {
    link.addEventListener("mouseenter", function () {
      keep();
      clearTimeout(showTimer);
      showTimer = setTimeout(function () { show(link); }, SHOW_DELAY);
    });
    link.addEventListener("mouseleave", function () {
      if (dismissed === link && document.activeElement !== link) dismissed = null;
      hideSoon();
    });
    link.addEventListener("focus", function () { show(link); });
    link.addEventListener("blur", function (event) {
      if (dismissed === link) dismissed = null;
      leaving(event.relatedTarget);
    });
    link.addEventListener("pointerdown", function (event) {
      pointerType = event.pointerType;
      tapStartedOpen = Boolean(current && current.link === link);
    });
    // A tap shows the preview first; a second tap on the term follows the link.
    link.addEventListener("click", function (event) {
      var touch = pointerType === "touch" || pointerType === "pen";
      pointerType = "";
      if (!touch || tapStartedOpen) return;
      event.preventDefault();
      dismissed = null;
      show(link);
    });
  }

  document.querySelectorAll("a.term-link[data-term]").forEach(function (link) {
    if (templateFor(link)) watch(link);
  });
  document.addEventListener("pointerdown", function (event) {
    if (current && !isInside(event.target)) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) dismiss(false);
  });
  window.addEventListener("resize", function () {
    if (current) place(current.link, current.card);
  });
})();
