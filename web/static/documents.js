// Commercial documents (editor and document page). htmx does the requests; this file only opens and
// closes dialogs (confirmations, the catalog picker), turns a catalog item chosen in the picker into
// a line, and keeps aria-invalid in step with the errors the live preview reports.
(() => {
  const openDialog = (dialog) => {
    if (typeof dialog.showModal !== "function") return;
    dialog.showModal();
    // The catalog search loads its first results when the picker opens.
    dialog.querySelectorAll("[hx-trigger*='dialog-opened']").forEach((el) => window.htmx?.trigger(el, "dialog-opened"));
  };

  const pickCatalogItem = (button) => {
    const form = document.querySelector("form[data-document-editor]");
    if (!form) return;
    const values = {
      pick_id: button.dataset.catalogItem,
      pick_reference: button.dataset.reference,
      pick_label: button.dataset.label,
      pick_unit: button.dataset.unit,
      pick_unit_price: button.dataset.unitPrice,
      pick_vat_category: button.dataset.vatCategory,
      pick_vat_rate: button.dataset.vatRate,
      pick_vat_exemption: button.dataset.vatExemption,
      pick_cost_price: button.dataset.costPrice, // absent for roles that do not see cost prices
    };
    for (const [name, value] of Object.entries(values)) {
      const input = form.querySelector(`input[name="${name}"]`);
      if (input) input.value = value ?? "";
    }
    button.closest("dialog")?.close();
    form.querySelector("[data-pick-submit]")?.click();
  };

  document.addEventListener("click", (event) => {
    const opener = event.target.closest("[data-dialog-open]");
    if (opener) {
      const dialog = document.getElementById(opener.dataset.dialogOpen);
      if (dialog) openDialog(dialog);
      return;
    }
    if (event.target.closest("[data-dialog-close]")) {
      event.target.closest("dialog")?.close();
      return;
    }
    // A click on the backdrop (outside the dialog's box) closes it, as Escape does.
    if (event.target instanceof HTMLDialogElement && event.target.open) {
      const box = event.target.getBoundingClientRect();
      const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
      if (!inside) event.target.close();
      return;
    }
    const pick = event.target.closest("#catalog-results [data-catalog-item]");
    if (pick) pickCatalogItem(pick);
  });

  // When the live preview puts a message in (or takes it out of) a field's error place, the field is
  // marked invalid (or valid again).
  const markInvalid = (slot) => {
    const input = slot?.dataset?.for && document.getElementById(slot.dataset.for);
    if (!input) return;
    if (slot.textContent.trim()) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  };
  document.addEventListener("htmx:oobAfterSwap", (event) => {
    const id = event.detail?.elt?.id || event.target?.id;
    if (id) markInvalid(document.getElementById(id));
  });
  document.addEventListener("htmx:afterSettle", () => document.querySelectorAll(".cell-error[data-for]").forEach(markInvalid));
})();
