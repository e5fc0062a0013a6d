// The theme's search overlay is a dialog without a name; screen readers announce it by its placeholder text.
(function () {
  "use strict";
  var search = document.querySelector(".md-search[role=dialog]");
  var input = document.querySelector(".md-search__input");
  if (search && input && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", input.getAttribute("placeholder") || "Search");
  }
  // Notebook code cells scroll sideways; keyboard users need to be able to focus them to scroll.
  document.querySelectorAll(".highlight-ipynb").forEach(function (cell) {
    cell.setAttribute("tabindex", "0");
  });
})();
