/* The 大字版 and 高对比度 switches, and 朗读 (read aloud) with the browser's own speech synthesis.
   Every control is rendered `hidden` and shown from here, so a reader without JavaScript meets no dead buttons. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEYS = { text: "govreport.text", contrast: "govreport.contrast" };
  var ON = { text: "large", contrast: "high" };
  var moreContrast = window.matchMedia ? window.matchMedia("(prefers-contrast: more)") : null;
  var reduceMotion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;

  function read(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* not remembered; this page still changes */ }
  }

  /* ---- 大字版 and 高对比度 ---- */

  // With no stored choice, high contrast follows the system's "more contrast" setting (the CSS does the same).
  function isOn(mode) {
    var value = root.getAttribute("data-" + mode);
    if (mode === "contrast" && !value) return Boolean(moreContrast && moreContrast.matches);
    return value === ON[mode];
  }

  function syncButtons() {
    document.querySelectorAll("[data-mode]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(isOn(button.getAttribute("data-mode"))));
    });
  }

  function setMode(mode, on) {
    var value = on ? ON[mode] : "normal";
    root.setAttribute("data-" + mode, value);
    store(KEYS[mode], value);
    syncButtons();
  }

  // Another tab, or this page restored from the back-forward cache, may be out of date.
  function applyStored() {
    ["text", "contrast"].forEach(function (mode) {
      var value = read(KEYS[mode]);
      if (value === ON[mode] || value === "normal") root.setAttribute("data-" + mode, value);
    });
    syncButtons();
  }

  function initModes() {
    var tools = document.querySelector("[data-reading-tools]");
    if (!tools) return;
    tools.querySelectorAll("[data-mode]").forEach(function (button) {
      button.addEventListener("click", function () {
        var mode = button.getAttribute("data-mode");
        setMode(mode, !isOn(mode));
      });
    });
    if (moreContrast && moreContrast.addEventListener) moreContrast.addEventListener("change", syncButtons);
    window.addEventListener("storage", applyStored);
    window.addEventListener("pageshow", function (event) { if (event.persisted) applyStored(); });
    syncButtons();
    tools.hidden = false;
  }

  /* ---- 朗读 ---- */

  var synth = window.speechSynthesis;
  var SPOKEN = "h1, h2, h3, h4, h5, h6, .cover p, .prose p, .prose li, .contact dt, .contact dd";
  var UNSPOKEN = "nav, .notes, [data-read-aloud], [hidden]";

  function langOf(voice) {
    return (voice.lang || "").replace(/_/g, "-").toLowerCase();
  }

  // A zh-CN voice where one exists, then any Mandarin or other Chinese voice; null when none can read Chinese.
  function chineseVoice() {
    var voices = synth.getVoices() || [];
    var tests = [/^zh-cn$/, /^(zh-hans|cmn-hans-cn|cmn-cn)/, /^(zh|cmn)\b/, /^yue\b/];
    for (var i = 0; i < tests.length; i++) {
      for (var j = 0; j < voices.length; j++) {
        if (tests[i].test(langOf(voices[j]))) return voices[j];
      }
    }
    return null;
  }

  function spokenText(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll(".fn-ref, .visually-hidden, [aria-hidden='true']").forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // One utterance a sentence: some engines stop a long utterance after about 15 seconds.
  function sentences(text) {
    return text.match(/[^。！？；]+[。！？；”’）]*|[。！？；]+/g) || [text];
  }

  function buildQueue(article) {
    var queue = [];
    article.querySelectorAll(SPOKEN).forEach(function (element) {
      if (element.closest(UNSPOKEN)) return;
      sentences(spokenText(element)).forEach(function (sentence) {
        if (sentence.trim()) queue.push({ element: element, text: sentence.trim() });
      });
    });
    return queue;
  }

  function ReadAloud(box) {
    this.box = box;
    this.article = box.closest("article") || document.querySelector("main");
    this.toggle = box.querySelector("[data-read-toggle]");
    this.stopButton = box.querySelector("[data-read-stop]");
    this.state = "idle";
    this.queue = [];
    this.index = 0;
    this.current = null;
    this.voice = null;
  }

  ReadAloud.prototype.reveal = function () {
    this.voice = chineseVoice();
    if (this.voice) this.box.hidden = false;
    return Boolean(this.voice);
  };

  ReadAloud.prototype.show = function (state) {
    this.state = state;
    var label = { idle: "data-label-start", speaking: "data-label-pause", paused: "data-label-resume" }[state];
    this.toggle.textContent = this.toggle.getAttribute(label);
    if (state === "idle" && document.activeElement === this.stopButton) this.toggle.focus();
    this.stopButton.hidden = state === "idle";
    this.box.setAttribute("data-state", state);
  };

  ReadAloud.prototype.mark = function (element) {
    var old = this.article.querySelector(".is-spoken");
    if (old && old !== element) old.classList.remove("is-spoken");
    if (!element) return;
    element.classList.add("is-spoken");
    var rect = element.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > window.innerHeight) {
      element.scrollIntoView({ block: "center", behavior: reduceMotion && reduceMotion.matches ? "auto" : "smooth" });
    }
  };

  ReadAloud.prototype.speakNext = function () {
    var self = this;
    if (this.index >= this.queue.length) { this.stop(); return; }
    var item = this.queue[this.index];
    var utterance = new window.SpeechSynthesisUtterance(item.text);
    utterance.lang = this.voice ? this.voice.lang.replace(/_/g, "-") : "zh-CN";
    if (this.voice) utterance.voice = this.voice;
    utterance.rate = 0.9;  // a little slower than the default, for older listeners
    var next = function () {
      if (self.current !== utterance) return;  // stopped or paused meanwhile
      self.index += 1;
      self.speakNext();
    };
    utterance.onend = next;
    utterance.onerror = next;
    this.current = utterance;
    this.mark(item.element);
    synth.speak(utterance);
  };

  ReadAloud.prototype.start = function () {
    // Only when needed: Chrome may drop an utterance spoken straight after cancel().
    if (synth.speaking || synth.pending) synth.cancel();
    this.queue = buildQueue(this.article);
    this.index = 0;
    this.show("speaking");
    this.speakNext();
  };

  // Pausing cancels and remembers the sentence: speechSynthesis.pause() does nothing on some phones.
  ReadAloud.prototype.pause = function () {
    this.current = null;
    synth.cancel();
    this.show("paused");
  };

  ReadAloud.prototype.resume = function () {
    this.show("speaking");
    this.speakNext();
  };

  ReadAloud.prototype.stop = function () {
    this.current = null;
    synth.cancel();
    this.mark(null);
    this.show("idle");
  };

  ReadAloud.prototype.bind = function () {
    var self = this;
    this.toggle.addEventListener("click", function () {
      if (self.state === "idle") self.start();
      else if (self.state === "speaking") self.pause();
      else self.resume();
    });
    this.stopButton.addEventListener("click", function () { self.stop(); });
    window.addEventListener("pagehide", function () { if (self.state !== "idle") self.stop(); });
  };

  function initReadAloud() {
    var box = document.querySelector("[data-read-aloud]");
    if (!box || !synth || typeof window.SpeechSynthesisUtterance !== "function") return;
    var reader = new ReadAloud(box);
    reader.bind();
    // Voices often arrive a moment after the page loads.
    if (!reader.reveal() && synth.addEventListener) {
      synth.addEventListener("voiceschanged", function () { reader.reveal(); });
    }
  }

  initModes();
  initReadAloud();
})();
