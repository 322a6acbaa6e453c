// Progress of background work (issue 18): each row carrying data-status-url asks its status
// every few seconds and is replaced by the row the server answers, until it is no longer
// pending. No page reload; the last answer's row stays.
(function () {
  "use strict";
  var INTERVAL_MS = 2000;
  function poll(row) {
    var url = row.getAttribute("data-status-url");
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (data) {
        if (!data) { window.setTimeout(function () { poll(row); }, INTERVAL_MS * 3); return; }
        var holder = document.createElement("tbody");
        holder.innerHTML = data.row;
        var fresh = holder.firstElementChild;
        row.replaceWith(fresh);
        if (data.pending) {
          window.setTimeout(function () { poll(fresh); }, INTERVAL_MS);
        } else {
          var note = document.querySelector("[data-progress-note]");
          if (note && !document.querySelector("[data-status-url]")) { note.hidden = true; }
        }
      })
      .catch(function () { window.setTimeout(function () { poll(row); }, INTERVAL_MS * 3); });
  }
  function start() {
    document.querySelectorAll("[data-status-url]").forEach(function (row) {
      window.setTimeout(function () { poll(row); }, INTERVAL_MS);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
