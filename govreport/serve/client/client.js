/* serve's script in the browser: reload when the site is rebuilt, swap a changed stylesheet in place, and show a
   failed build's problems over the last good page. Only `build.py serve` sends it; it is never part of the site. */
(function () {
  "use strict";

  var script = document.currentScript;
  var pageBuild = Number(script.dataset.build);
  var RETRY_MS = 300;
  // serve's texts.js, in the editor's language; each text below is English and the key to its translation
  var TEXTS = window.govreportServeTexts || {lang: "en", texts: {}};

  function _(message) {
    return TEXTS.texts[message] || message;
  }

  function connect(reconnecting) {
    var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/livereload");
    var opened = false;
    socket.onopen = function () {
      opened = true;
      socket.send(JSON.stringify({command: "hello", protocols: ["http://livereload.com/protocols/official-7"]}));
    };
    socket.onmessage = function (event) {
      var message = JSON.parse(event.data);
      if (message.command === "hello") {
        socket.send(JSON.stringify({command: "info", url: location.href, plugins: {}}));
      } else if (message.command === "state") {
        catchUp(reconnecting, message);
      } else if (message.command === "reload") {
        reload(message.path);
      } else if (message.command === "problems") {
        showProblems(message.problems);
      }
    };
    socket.onclose = function () {
      // serve was stopped or restarted: keep trying, and reload once it is back, as the site may have changed meanwhile
      setTimeout(function () { connect(reconnecting || opened); }, RETRY_MS);
    };
  }

  /* serve sends the state as it starts sending this page reloads: a build that finished while the page was loading
     sent its reload before we listened, so catch up with it now. */
  function catchUp(reconnecting, status) {
    if (status.problems.length) {
      showProblems(status.problems);
    } else if (reconnecting || status.build !== pageBuild) {
      location.reload();
      return;
    }
    // For tests and the benchmark: this page shows build N, and every later build's reload reaches it.
    document.documentElement.dataset.serveBuild = String(pageBuild);
    document.documentElement.dataset.serve = "live";
  }

  function reload(path) {
    if (/\.css$/.test(path) && swapStylesheet(path)) {
      hideProblems();
    } else {
      location.reload();
    }
  }

  /* Load the new stylesheet beside the old one and drop the old one once it has loaded: no flash of unstyled page. */
  function swapStylesheet(path) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    var swapped = false;
    links.forEach(function (link) {
      var url = new URL(link.href);
      if (url.origin !== location.origin || url.pathname !== "/" + path) {
        return;
      }
      url.searchParams.set("serve", String(Date.now()));
      var fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.addEventListener("load", function () { link.remove(); });
      link.after(fresh);
      swapped = true;
    });
    return swapped;
  }

  function showProblems(problems) {
    hideProblems();
    var panel = document.createElement("section");
    panel.id = "serve-problems";
    panel.setAttribute("role", "alert");
    panel.setAttribute("lang", TEXTS.lang);
    panel.setAttribute("aria-labelledby", "serve-problems-title");
    var title = document.createElement("h2");
    title.id = "serve-problems-title";
    title.textContent = _("Build failed: this is the last good preview");
    var hint = document.createElement("p");
    hint.textContent = _("Fix the problem and save; the page reloads by itself.");
    var list = document.createElement("ol");
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = problem;
      item.appendChild(code);
      list.appendChild(item);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = _("Hide");
    close.addEventListener("click", hideProblems);
    panel.append(title, hint, list, close);
    document.body.appendChild(panel);
  }

  function hideProblems() {
    var panel = document.getElementById("serve-problems");
    if (panel) {
      panel.remove();
    }
  }

  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = "/_serve/client.css" + new URL(script.src).search;  // the same version as this script
  document.head.appendChild(style);
  connect(false);
})();
