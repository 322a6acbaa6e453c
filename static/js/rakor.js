// Rakor: small behaviour every page shares (served from the app: the CSP allows 'self' only).
(function () {
  "use strict";
  // A table that scrolls inside its box must be reachable by keyboard (WCAG 2.1.1): the box
  // takes the focus, and the arrow keys scroll it.
  function focusableScrollBoxes() {
    document.querySelectorAll(".table-wrap, .kurva-scroll").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var caption = box.querySelector("caption");
        var heading = caption ? caption.textContent : document.title;
        box.setAttribute("aria-label", heading.trim());
      }
    });
  }
  function printButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }
  function ready() { focusableScrollBoxes(); printButtons(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
  window.addEventListener("resize", focusableScrollBoxes);
})();
