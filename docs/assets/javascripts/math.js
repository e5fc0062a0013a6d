// Renders $...$ and $$...$$ with the KaTeX copy vendored under assets/vendor/katex,
// so math works offline. KaTeX is fetched only by pages that actually contain math.
(function () {
  "use strict";
  var katexBase = new URL("../vendor/katex/", document.currentScript.src).href;

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) {
        element[name] = attributes[name];
      });
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  var ready = null;
  function loadKatex() {
    if (ready === null) {
      ready = Promise.all([
        load("link", { rel: "stylesheet", href: katexBase + "katex.min.css" }),
        load("script", { src: katexBase + "katex.min.js" }),
      ]).then(function () {
        return load("script", { src: katexBase + "auto-render.min.js" });
      });
    }
    return ready;
  }

  // Pages mark math with pymdownx.arithmatex (\( \) and \[ \]); notebook markdown cells keep $ and $$.
  var sources = [
    {
      selector: ".arithmatex",
      delimiters: [
        { left: "\\(", right: "\\)", display: false },
        { left: "\\[", right: "\\]", display: true },
      ],
    },
    {
      selector: ".jp-RenderedMarkdown",
      delimiters: [
        { left: "$$", right: "$$", display: true },
        { left: "$", right: "$", display: false },
      ],
    },
  ];

  function render() {
    var found = sources.filter(function (source) {
      return document.querySelector(source.selector) !== null;
    });
    if (found.length === 0) {
      return;
    }
    loadKatex().then(function () {
      found.forEach(function (source) {
        document.querySelectorAll(source.selector).forEach(function (block) {
          window.renderMathInElement(block, { delimiters: source.delimiters, throwOnError: true });
        });
      });
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(render);
  } else {
    document.addEventListener("DOMContentLoaded", render);
  }
})();
