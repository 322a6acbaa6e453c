/* The monthly report page (progressive enhancement): live deviations while typing; the grid's
 * filters, collapsible kegiatan, kendala and correction rows shown when needed, the counts of
 * the action bar and the focus on the first error; and a draft
 * of what was typed kept in the browser so nothing is lost to an expired session, a closed tab
 * or a dropped connection.
 *
 * Deviations: the server computes the figures that count; this only previews them. Rupiah
 * inputs accept Indonesian formatting ("1.500.000" or "1.500.000,50") like the server does.
 *
 * Draft: every change is written to localStorage under a key of the user (data-draft-user on
 * the form), the OPD, year and month (the form's action URL); the draft records the report
 * version it was typed on. A page whose saved figures differ from a draft offers it back
 * (templates/realisasi/report_draft.html); a draft equal to the saved figures (the page after
 * a successful save) is dropped. Restoring also restores that version, so if the report was
 * saved by someone else since, the server's optimistic lock shows both rather than
 * overwriting. While someone types, realisasi:ping is asked at most once per
 * data-ping-seconds, so an active typist keeps the session and an idle one still loses it. */
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) { return; }

  // The number rule of realisasi/importers/numbers.py: a dot or comma followed by exactly
  // three digits groups thousands, one followed by one or two final digits is the decimal
  // separator; all grouping separators alike and unlike the decimal one.
  function parseRupiah(text) {
    var value = (text || "").replace(/\s+/g, "");
    var negative = value.charAt(0) === "-";
    value = value.replace(/^-/, "").replace(/^(rp\.?|idr)/i, "");
    if (value === "") { return null; }
    var m = /^(\d{1,3})((?:[.,]\d{3})+)(?:([.,])(\d{1,2}))?$/.exec(value);
    var digits, decimals;
    if (m) {
      var seps = m[2].replace(/\d/g, "");
      if (/^(\.+|,+)$/.test(seps) === false || (m[3] && seps.indexOf(m[3]) >= 0)) { return NaN; }
      digits = m[1] + m[2].replace(/[.,]/g, ""); decimals = m[4];
    } else {
      m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(value);
      if (!m) { return NaN; }
      digits = m[1]; decimals = m[2];
    }
    var number = Number(digits + "." + (decimals || "0"));
    return negative ? -number : number;
  }

  function parsePersen(text) {
    var value = (text || "").replace(/\s+/g, "").replace(/%$/, "").replace(",", ".");
    if (value === "") { return null; }
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  }

  function show(cell, value) {
    if (!cell) { return; }
    if (value === null || isNaN(value)) { cell.textContent = "–"; cell.classList.remove("neg"); return; }
    cell.textContent = value.toLocaleString("id-ID", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    cell.classList.toggle("neg", value < 0);
  }

  function figures(line) {
    var keuInput = line.querySelector("input.in-keu");
    var fisikInput = line.querySelector("input.in-fisik");
    var rp = keuInput ? parseRupiah(keuInput.value) : null;
    var fisik = fisikInput ? parsePersen(fisikInput.value) : null;
    return {
      pagu: Number(line.dataset.pagu),
      targetRp: Number(line.dataset.targetRp),
      targetFisik: Number(line.dataset.targetFisik),
      rp: rp === null ? Number(line.dataset.realRp) : rp,
      fisik: fisik === null ? Number(line.dataset.realFisik) : fisik
    };
  }

  function update() {
    var sum = { pagu: 0, targetRp: 0, rp: 0, targetW: 0, realW: 0 };
    form.querySelectorAll("tbody.line").forEach(function (line) {
      var f = figures(line);
      var devKeu = f.pagu > 0 ? (f.rp - f.targetRp) / f.pagu * 100 : null;
      show(line.querySelector(".dev-keu"), devKeu);
      show(line.querySelector(".dev-fisik"), f.fisik - f.targetFisik);
      sum.pagu += f.pagu; sum.targetRp += f.targetRp; sum.rp += f.rp;
      sum.targetW += f.targetFisik * f.pagu; sum.realW += f.fisik * f.pagu;
    });
    if (sum.pagu > 0) {
      show(document.getElementById("opd-real-keu"), sum.rp / sum.pagu * 100);
      show(document.getElementById("opd-dev-keu"), (sum.rp - sum.targetRp) / sum.pagu * 100);
      show(document.getElementById("opd-real-fisik"), sum.realW / sum.pagu);
      show(document.getElementById("opd-dev-fisik"), (sum.realW - sum.targetW) / sum.pagu);
    }
  }

  // --- The grid: rows shown when needed, filters, collapsible kegiatan, counts ---------------
  form.classList.add("js-on");
  var lines = Array.prototype.slice.call(form.querySelectorAll("tbody.line"));

  function reveal(line) {
    var notes = line.querySelector("tr.notes");
    var toggle = line.querySelector(".notes-toggle");
    var keu = line.querySelector("input.in-keu");
    var fisik = line.querySelector("input.in-fisik");
    var kendala = notes ? notes.querySelector("textarea") : null;
    if (keu && fisik) {
      var f = figures(line);
      var threshold = Number(line.dataset.threshold);
      var devKeu = f.pagu > 0 ? (f.rp - f.targetRp) / f.pagu * 100 : null;
      var needs = (devKeu !== null && devKeu < threshold) || (f.fisik - f.targetFisik < threshold);
      var missing = needs && kendala && kendala.value.trim() === "";
      line.toggleAttribute("data-perlu", Boolean(missing));
      if (needs && notes) { notes.classList.remove("collapsed"); }
      var rp = parseRupiah(keu.value), pf = parsePersen(fisik.value);
      var lower = (rp !== null && rp < Number(line.dataset.prevRp)) ||
        (pf !== null && pf < Number(line.dataset.prevFisik));
      var koreksi = line.querySelector("tr.koreksi");
      if (lower && koreksi) { koreksi.classList.remove("collapsed"); }
      line.toggleAttribute("data-kosong", keu.value.trim() === "" && fisik.value.trim() === "");
    }
    if (toggle && notes) { toggle.setAttribute("aria-expanded", String(!notes.classList.contains("collapsed"))); }
  }

  function count() {
    var filled = 0, perlu = 0, masalah = 0;
    lines.forEach(function (line) {
      if (!line.hasAttribute("data-kosong")) { filled += 1; }
      if (line.hasAttribute("data-perlu")) { perlu += 1; }
      if (line.hasAttribute("data-masalah")) { masalah += 1; }
    });
    var set = function (id, value) { var el = document.getElementById(id); if (el) { el.textContent = value; } };
    set("count-filled", filled); set("count-kendala", perlu); set("count-errors", masalah);
  }

  var FILTERS = { perlu: "data-perlu", kosong: "data-kosong", masalah: "data-masalah", saya: "data-saya" };
  var filterBar = document.getElementById("report-filters");
  var closed = {}; // kegiatan pk -> collapsed by the user

  function applyFilter() {
    var chosen = filterBar ? filterBar.querySelector("input:checked") : null;
    var attr = chosen ? FILTERS[chosen.value] : null;
    var visible = {};
    var any = false;
    lines.forEach(function (line) {
      var match = !attr || line.hasAttribute(attr);
      line.hidden = !match || Boolean(closed[line.dataset.kegiatan]);
      if (match) { visible[line.dataset.kegiatan] = true; any = true; }
    });
    form.querySelectorAll("tbody.kegiatan").forEach(function (head) {
      var button = head.querySelector("button.toggle");
      head.hidden = !visible[button.dataset.kegiatan];
    });
    form.querySelectorAll("tbody.program").forEach(function (program) {
      var next = program.nextElementSibling;
      program.hidden = Boolean(next && next.hidden);
    });
    var empty = document.getElementById("filter-empty");
    if (empty) { empty.hidden = any; }
  }

  if (filterBar) {
    filterBar.hidden = false;
    filterBar.addEventListener("change", applyFilter);
  }
  form.querySelectorAll("button.toggle, .notes-toggle").forEach(function (button) { button.hidden = false; });
  form.addEventListener("click", function (event) {
    var toggle = event.target.closest("button.toggle");
    if (toggle) {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      closed[toggle.dataset.kegiatan] = !open;
      applyFilter();
      return;
    }
    var notesToggle = event.target.closest(".notes-toggle");
    if (notesToggle) {
      var notes = document.getElementById(notesToggle.getAttribute("aria-controls"));
      var show = notes.classList.contains("collapsed");
      notes.classList.toggle("collapsed", !show);
      notesToggle.setAttribute("aria-expanded", String(show));
      if (show) { notes.querySelector("textarea").focus(); }
    }
  });

  form.addEventListener("input", function (event) {
    var line = event.target.closest("tbody.line");
    if (event.target.matches("input.in-keu, input.in-fisik")) { update(); }
    if (line && event.target.matches("input.in-keu, input.in-fisik, textarea")) { reveal(line); count(); }
  });
  lines.forEach(reveal);
  count();
  applyFilter();

  // After a refused save: the summary lists every error; the first field with one gets focus.
  var firstError = form.querySelector("[aria-invalid=true]");
  if (firstError) {
    firstError.focus();
    firstError.scrollIntoView({ block: "center" });
  }
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) { return; }
      event.preventDefault();
      var row = target.closest("tr.collapsed");
      if (row) { row.classList.remove("collapsed"); }
      var owner = target.closest("tbody.line");
      if (owner && owner.hidden) {
        var all = filterBar && filterBar.querySelector("input[value=semua]");
        if (all) { all.checked = true; }
        closed[owner.dataset.kegiatan] = false;
        applyFilter();
      }
      target.focus();
      target.scrollIntoView({ block: "center" });
    });
  }

  var notice = document.getElementById("draft-notice");
  // Every input of a line is "<prefix>-<line pk>" (realisasi/forms.py), whatever its column.
  var FIELD = /^[a-z_]+-\d+$/;
  var byName = {};
  Array.prototype.forEach.call(form.elements, function (el) {
    if (FIELD.test(el.name) && el.type !== "hidden") { byName[el.name] = el; }
  });
  if (!notice || !Object.keys(byName).length) { return; }

  var key = "rakor.draft:" + form.dataset.draftUser + ":" + form.getAttribute("action");
  var versionInput = form.elements.namedItem("version");
  // A page that shows what was posted but not saved (refused values, a stale report): its
  // inputs' defaults are the typed values, so everything on it counts as unsaved.
  var bound = notice.hasAttribute("data-draft-bound");
  var pending = null; // a draft from an earlier page, neither restored nor discarded yet
  var touched = {};
  var timer = null;

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function readDraft() {
    var storage = store();
    if (!storage) { return null; }
    try {
      var draft = JSON.parse(storage.getItem(key));
      return draft && typeof draft.fields === "object" ? draft : null;
    } catch (e) { return null; }
  }

  function writeDraft(draft) {
    var storage = store();
    if (!storage) { return; }
    try {
      if (draft) { storage.setItem(key, JSON.stringify(draft)); } else { storage.removeItem(key); }
    } catch (e) { /* storage full or refused: the page still works, without a draft */ }
  }

  function valueOf(el) { return el.type === "checkbox" ? el.checked : el.value; }

  function savedValueOf(el) {
    if (el.type === "checkbox") { return bound ? false : el.defaultChecked; }
    return bound ? "" : el.defaultValue;
  }

  // "320000000" and "320.000.000" are the same figure; text compares without outer spaces.
  function normal(el, value) {
    if (el.type === "checkbox") { return Boolean(value); }
    var text = String(value === undefined || value === null ? "" : value).trim();
    var number = null;
    if (el.classList.contains("in-keu")) { number = parseRupiah(text); }
    if (el.classList.contains("in-fisik")) { number = parsePersen(text); }
    return number === null || isNaN(number) ? text : number;
  }

  function differs(el, value) { return normal(el, value) !== normal(el, savedValueOf(el)); }

  // A ticked confirmation alone is nothing to restore: the page never shows it ticked again.
  function unsaved(values) {
    return Object.keys(values).some(function (name) {
      var el = byName[name];
      return el && el.type !== "checkbox" && differs(el, values[name]);
    });
  }

  function saveDraft() {
    clearTimeout(timer);
    timer = null;
    var values = pending ? Object.assign({}, pending.fields) : {};
    Object.keys(byName).forEach(function (name) {
      var el = byName[name];
      if (pending && !touched[name]) { return; }
      if (differs(el, valueOf(el))) { values[name] = valueOf(el); } else { delete values[name]; }
    });
    if (!unsaved(values)) { writeDraft(null); return; }
    writeDraft({
      savedAt: new Date().toISOString(),
      version: pending ? pending.version : (versionInput ? versionInput.value : null),
      fields: values
    });
  }

  function laterSave() {
    clearTimeout(timer);
    timer = setTimeout(saveDraft, 300);
  }

  function closeNotice() {
    pending = null;
    notice.hidden = true;
  }

  function restore() {
    var draft = pending;
    Object.keys(draft.fields).forEach(function (name) {
      var el = byName[name];
      if (!el) { return; }
      if (el.type === "checkbox") { el.checked = Boolean(draft.fields[name]); } else { el.value = draft.fields[name]; }
      touched[name] = true;
    });
    if (versionInput && draft.version !== null && draft.version !== undefined) {
      versionInput.value = draft.version;
    }
    closeNotice();
    update();
    saveDraft();
  }

  function discard() {
    writeDraft(null);
    closeNotice();
    saveDraft();
  }

  function offer(draft) {
    pending = draft;
    var time = document.getElementById("draft-time");
    var at = new Date(draft.savedAt);
    if (time && !isNaN(at)) {
      time.dateTime = draft.savedAt;
      time.textContent = at.toLocaleString("id-ID", { dateStyle: "long", timeStyle: "short" });
    }
    var older = document.getElementById("draft-older");
    if (older) { older.hidden = !versionInput || String(draft.version) === versionInput.value; }
    notice.hidden = false;
  }

  var earlier = readDraft();
  if (bound) {
    saveDraft();
  } else if (earlier && unsaved(earlier.fields)) {
    offer(earlier);
  } else if (earlier) {
    writeDraft(null);
  }

  document.getElementById("draft-restore").addEventListener("click", restore);
  document.getElementById("draft-discard").addEventListener("click", discard);

  var pingUrl = notice.dataset.pingUrl;
  var pingEvery = Number(notice.dataset.pingSeconds) * 1000;
  var lastRequest = Date.now();
  var expired = document.getElementById("session-expired");

  function keepAlive() {
    if (!pingUrl || !window.fetch || !(pingEvery > 0) || Date.now() - lastRequest < pingEvery) { return; }
    lastRequest = Date.now();
    // A signed-out session answers with a redirect to the login, seen here unfollowed.
    window.fetch(pingUrl, { credentials: "same-origin", redirect: "manual", cache: "no-store" })
      .then(function (response) {
        var ended = response.type === "opaqueredirect" || response.status === 401;
        if (expired) { expired.hidden = !ended; }
      })
      .catch(function () { /* offline: the draft holds what was typed; try again later */ });
  }

  function changed(event) {
    if (!event.target.name || !byName[event.target.name]) { return; }
    touched[event.target.name] = true;
    laterSave();
    keepAlive();
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // The draft is written before the page goes: a save POST refused for an expired session
  // or lost to the network leaves it behind, to be offered again.
  form.addEventListener("submit", saveDraft);
  window.addEventListener("pagehide", function () { if (timer) { saveDraft(); } });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && timer) { saveDraft(); }
  });
})();
