// Small behaviours shared by every page. htmx does the in-page updates; this file only wires the
// CSRF header into htmx requests and the mobile navigation toggle.
document.addEventListener("htmx:configRequest", (event) => {
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) event.detail.headers["X-CSRF-Token"] = meta.content;
});

document.addEventListener("click", (event) => {
  const toggle = event.target.closest("[data-nav-toggle]");
  if (!toggle) return;
  const open = document.body.classList.toggle("nav-open");
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
});

// Tapping outside the open mobile menu (on the dimmed page) closes it; so does Escape.
document.addEventListener("click", (event) => {
  if (!document.body.classList.contains("nav-open")) return;
  if (event.target.closest("#sidebar, [data-nav-toggle]")) return;
  document.body.classList.remove("nav-open");
  document.querySelector("[data-nav-toggle]")?.setAttribute("aria-expanded", "false");
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape" || !document.body.classList.contains("nav-open")) return;
  document.body.classList.remove("nav-open");
  document.querySelector("[data-nav-toggle]")?.setAttribute("aria-expanded", "false");
});
