// Progress of background work (issue 18): each element carrying data-status-url (a table row
// of a briefing version, a job's block) asks its status every few seconds and is replaced by
// the HTML the server answers, until it is no longer pending. No page reload; the last
// answer's element stays.
(function () {
  "use strict";
  var INTERVAL_MS = 2000;
  function poll(row) {
    var url = row.getAttribute("data-status-url");
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (data) {
        if (!data) { window.setTimeout(function () { poll(row); }, INTERVAL_MS * 3); return; }
        // <template> parses any fragment, table rows included, without a table around it
        var holder = document.createElement("template");
        holder.innerHTML = data.row.trim();
        var fresh = holder.content.firstElementChild;
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
