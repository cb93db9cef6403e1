/* serve's script in the browser: reload when the site is rebuilt (or, when only words of the page's main text
   changed, put the new words in place), swap a changed stylesheet in place, and show a failed build's problems over
   the last good page. Only `build.py serve` sends it; it is never part of the site. */
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
    if (!shown) {
      fetchPage().then(function (page) {
        var client = page.querySelector("script[data-build]");
        if (!shown && client && Number(client.dataset.build) === pageBuild) {
          shown = page;  // else a build came in between: the next change reloads
        }
      }).catch(function () {});
    }
  }

  function reload(path) {
    if (/\.css$/.test(path) && swapStylesheet(path)) {
      hideProblems();
    } else {
      showNewWords();
    }
  }

  /* The page as serve sent it, parsed, before any script ran: what the words are compared against. */
  var shown = null;

  function fetchPage() {
    return fetch(location.pathname + location.search, {cache: "no-store"}).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.text();
    }).then(function (html) {
      return new DOMParser().parseFromString(html, "text/html");
    });
  }

  /* The new build of this page, put in place when it differs from the page shown only in the words of <main>, the
     <title> and the <meta> tags: no element comes or goes, no attribute changes, so every script's work on the
     page stands, and the editor keeps the place they were reading. Anything else reloads the page. */
  function showNewWords() {
    fetchPage().then(function (fresh) {
      if (!putInPlace(fresh)) {
        location.reload();
      }
    }).catch(function () { location.reload(); });
  }

  function putInPlace(fresh) {
    var live = document.querySelector("main");
    var was = shown && shown.querySelector("main");
    var will = fresh.querySelector("main");
    if (!live || !was || !will || frame(shown) !== frame(fresh) || shape(was) !== shape(will)) {
      return false;
    }
    var before = texts(was);
    var after = texts(will);
    var now = texts(live);
    if (before.length !== after.length || now.length !== before.length) {
      return false;
    }
    for (var i = 0; i < now.length; i++) {
      if (now[i].data !== before[i].data) {
        return false;  // a script changed these words: only a reload shows the page as built
      }
    }
    for (i = 0; i < now.length; i++) {
      if (now[i].data !== after[i].data) {
        now[i].data = after[i].data;
      }
    }
    document.title = fresh.title;
    var metas = document.head.querySelectorAll("meta");
    var freshMetas = fresh.head.querySelectorAll("meta");
    metas.forEach(function (meta, n) {
      if (freshMetas[n] && meta.getAttribute("content") !== freshMetas[n].getAttribute("content")) {
        meta.setAttribute("content", freshMetas[n].getAttribute("content"));
      }
    });
    shown = fresh;
    hideProblems();
    var client = fresh.querySelector("script[data-build]");
    pageBuild = client ? Number(client.dataset.build) : pageBuild;
    document.documentElement.dataset.serveBuild = String(pageBuild);
    return true;
  }

  /* The page but <main>, the title's words, the meta tags' content and the build's number: it must not change. */
  function frame(doc) {
    var copy = doc.documentElement.cloneNode(true);
    copy.querySelectorAll("script[data-build]").forEach(function (client) { client.removeAttribute("data-build"); });
    copy.querySelectorAll("main").forEach(function (main) { main.textContent = ""; });
    copy.querySelectorAll("title").forEach(function (title) { title.textContent = ""; });
    copy.querySelectorAll("meta[content]").forEach(function (meta) { meta.setAttribute("content", ""); });
    return copy.outerHTML;
  }

  /* <main> with its words left out: its elements and their attributes, which must not change either. */
  function shape(main) {
    var copy = main.cloneNode(true);
    texts(copy).forEach(function (text) { text.data = ""; });
    return copy.outerHTML;
  }

  function texts(root) {
    var found = [];
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_COMMENT);
    while (walker.nextNode()) {
      found.push(walker.currentNode);
    }
    return found;
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
