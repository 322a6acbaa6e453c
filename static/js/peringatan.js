// The early-warning block of the Dasbor and the OPD page is fetched after the page has shown
// (its warnings may take seconds to compute after a change of data; the page never waits).
// Without JavaScript the placeholder's link leads to the Peringatan dini page.
"use strict";
document.querySelectorAll("[data-peringatan-src]").forEach(async (box) => {
  try {
    const response = await fetch(box.dataset.peringatanSrc, {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    });
    if (!response.ok) throw new Error(String(response.status));
    box.outerHTML = await response.text();
  } catch (error) {
    box.removeAttribute("aria-busy");
    const note = box.querySelector("[data-peringatan-status]");
    if (note) note.textContent = note.dataset.peringatanGagal;
  }
});
