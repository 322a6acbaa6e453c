/* The quarterly indicator page (progressive enhancement): the program picker opens the
 * program chosen, and leaving the page (another program, a filter, another triwulan) with
 * typed figures not yet saved asks first: the page holds one program, so what was typed in
 * it is saved before moving on. */
(function () {
  "use strict";
  var form = document.getElementById("kinerja-form");
  var dirty = false;
  var message = "Isian pada program ini belum disimpan. Tinggalkan halaman tanpa menyimpan?";
  if (form) {
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
  }
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = message; }
  });
  var select = document.querySelector("select[data-autosubmit]");
  if (select) {
    var chosen = select.value;
    select.addEventListener("change", function () {
      if (dirty && !window.confirm(message)) { select.value = chosen; return; }
      dirty = false;
      select.form.submit();
    });
  }
}());
