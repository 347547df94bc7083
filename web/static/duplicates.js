// The merge form of a duplicates group: choosing another card to keep pre-selects that card's values
// on every row where it has one (rows where it is empty keep their current choice), as the page did
// for the first card when it was drawn. Without JavaScript the choices are simply sent as checked.
document.addEventListener("change", (event) => {
  const survivor = event.target.closest('form.merge-form input[name="survivor_id"]');
  if (!survivor) return;
  const form = survivor.form;
  for (const input of form.querySelectorAll('input[type="radio"][name^="field_"]')) {
    if (input.value === survivor.value && !input.hasAttribute("data-empty")) input.checked = true;
  }
});
