// Recording a payment in Chromium, as an accountant does it: an invoice exists (created through the
// API), the client's account shows it as owed; a payment typed with French decimals and allocated
// to the invoice brings the balance down in the history, the invoice shows "Payée", the payment has
// its own page, and a wrong amount is refused with the field named. Screenshots go to
// build/screenshots/ (pay-*.png).
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";

import { accessibilityViolations, launchBrowser, login, screenshotDir, startServer } from "./support.mjs";

let server, browser, page, token;
const shots = screenshotDir();
const state = {};
// Amounts as the pages print them: narrow no-break spaces between thousands, a no-break space before €.
const euros = (text) => new RegExp(text.replace(" €", "\\u00A0€").replace(/ /g, "\\u202F"));

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: "fr-FR" });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function api(method, url, body) {
  const r = await fetch(`${server.base}${url}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  assert.ok(r.ok, `${method} ${url}: ${r.status} ${text}`);
  return JSON.parse(text);
}

// The closing balance cell of the history table.
const closing = () => page.locator("table.table tfoot td.num strong").first().textContent();

test("an issued invoice of 1 440,00 € is owed on the client's account", async () => {
  await login(page, server.base);
  await page.goto(`${server.base}/admin/tokens`);
  await page.fill('input[name="name"]', "tests navigateur");
  await Promise.all([page.waitForLoadState("load"), page.locator('form[action="/admin/tokens"] button[type="submit"]').click()]);
  token = await page.locator("[data-token-secret]").getAttribute("data-token-secret");
  assert.ok(token, "a token was shown");
  // The legal identity every issued invoice (a Factur-X) carries, as an admin fills it in before
  // the first invoice.
  await api("PATCH", "/api/v1/company", {
    legal_form: "SARL", siren: "443 061 841", siret: "443 061 841 00047", vat_number: "FR64443061841",
    rcs_city: "Lyon", address_line1: "3 place Bellecour", postal_code: "69002", city: "Lyon", country: "FR",
    iban: "FR76 3000 6000 0112 3456 7890 189", bic: "BNPAFRPP",
  });
  const client = await api("POST", "/api/v1/clients", {
    legal_name: "Menuiserie Garnier",
    siren: "732 829 320",
    payment_terms: "30d",
    billing_address: { line1: "3 quai Saint-Vincent", postal_code: "69001", city: "Lyon" },
  });
  state.clientId = client.id;
  const draft = await api("POST", "/api/v1/documents", {
    type: "invoice",
    client_id: client.id,
    lines: [{ description: "Escalier chêne massif", quantity: "1", unit_price: "1200", vat_rate: "20" }],
  });
  const invoice = await api("POST", `/api/v1/documents/${draft.id}/validate`, {});
  state.invoice = invoice;

  await page.goto(`${server.base}/clients/${client.id}/account`);
  assert.match(await closing(), euros("1 440,00 €"));
  assert.ok(await page.getByRole("link", { name: invoice.number }).count(), "the invoice is in the history");
});

test("a wrong amount is refused with the field named, and nothing is recorded", async () => {
  await page.fill("#pay-amount", "mille");
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Enregistrer le règlement" }).click()]);
  const error = page.locator("#pay-amount-error");
  await error.waitFor();
  assert.ok((await error.textContent()).length > 0);
  assert.equal(await page.getAttribute("#pay-amount", "aria-invalid"), "true");
  assert.match(await closing(), euros("1 440,00 €"));
});

test("a payment allocated to the invoice brings the balance down in the history", async () => {
  await page.fill("#pay-amount", "1 000,00");
  await page.selectOption("#pay-method", "cheque");
  await page.fill("#pay-reference", "CHQ 7781");
  await page.fill(`#pay-alloc-${state.invoice.id}`, "1000");
  await page.screenshot({ path: path.join(shots, "pay-01-form.png"), fullPage: true });
  await Promise.all([page.waitForURL(/recorded=1/), page.getByRole("button", { name: "Enregistrer le règlement" }).click()]);
  await page.locator(".flash").waitFor();
  assert.match(await closing(), euros("440,00 €"));
  const row = page.locator("tbody tr", { hasText: "CHQ 7781" });
  assert.match(await row.textContent(), /Chèque/);
  assert.match(await row.textContent(), euros("1 000,00 €"));
  await page.screenshot({ path: path.join(shots, "pay-02-history.png"), fullPage: true });
  assert.deepEqual(await accessibilityViolations(page), []);

  const doc = await api("GET", `/api/v1/documents/${state.invoice.id}`);
  assert.equal(doc.payment_status, "partially_paid");
});

test("the rest is paid from the list of payments and the invoice is paid", async () => {
  await page.fill("#pay-amount", "440");
  await page.fill(`#pay-alloc-${state.invoice.id}`, "440");
  await Promise.all([page.waitForURL(/recorded=1/), page.getByRole("button", { name: "Enregistrer le règlement" }).click()]);
  assert.match(await closing(), euros("0,00 €"));

  await page.goto(`${server.base}/payments`);
  const first = page.locator("tbody tr").first();
  assert.match(await first.textContent(), /Menuiserie Garnier/);
  await Promise.all([page.waitForLoadState("load"), first.locator("a").first().click()]);
  assert.match(await page.locator("h1").textContent(), euros("440,00 €"));
  assert.ok(await page.getByRole("link", { name: new RegExp(state.invoice.number) }).count());
  await page.screenshot({ path: path.join(shots, "pay-03-payment.png"), fullPage: true });
  const doc = await api("GET", `/api/v1/documents/${state.invoice.id}`);
  assert.equal(doc.payment_status, "paid");
});
