/* Live deviations on the monthly report page while typing (progressive enhancement).
 * The server computes the figures that count; this only previews them. Rupiah inputs accept
 * Indonesian formatting ("1.500.000" or "1.500.000,50") like the server does. */
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) { return; }

  function parseRupiah(text) {
    var value = (text || "").replace(/\s+/g, "").replace(/^rp\.?/i, "");
    if (value === "") { return null; }
    var parts = value.split(",");
    if (parts.length > 2) { return NaN; }
    var whole = parts[0];
    if (!/^-?\d+$/.test(whole) && !/^-?\d{1,3}(\.\d{3})+$/.test(whole)) { return NaN; }
    return Number(whole.replace(/\./g, "") + "." + (parts[1] || "0"));
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

  form.addEventListener("input", function (event) {
    if (event.target.matches("input.in-keu, input.in-fisik")) { update(); }
  });
})();
