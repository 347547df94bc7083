// From quote to invoice in Chromium, as a salesperson does it: a client and a catalog item exist
// (created through the API), a quote of two lines — one picked from the catalog — whose totals update
// as the quantities are typed, validated, accepted, turned into an invoice, validated, and its PDF
// downloaded. Screenshots of the editor (desktop and phone), the pages and the PDF go to
// build/screenshots/ (doc-*.png).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import { accessibilityViolations, launchBrowser, login, screenshotDir, startServer } from "./support.mjs";

let server, browser, page, token;
const shots = screenshotDir();
const state = {};
// Amounts as the pages print them: narrow no-break spaces between thousands, a no-break space before €.
// Full-page screenshots with a viewport as tall as the page, so that the sticky bars (top bar, form
// actions) are drawn where a person sees them rather than in the middle of the capture.
async function fullShot(target, name) {
  const size = target.viewportSize();
  const height = await target.evaluate(() => document.documentElement.scrollHeight);
  await target.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await target.screenshot({ path: path.join(shots, name), fullPage: true });
  await target.setViewportSize(size);
}
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

test("logs in, gets an API token, creates a client and a catalog item", async () => {
  await login(page, server.base);
  assert.ok(await page.locator('nav a[href="/documents"]').count(), "the navigation links to the sales");
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
    legal_name: "Boulangerie Martin",
    siret: "732 829 320 00074",
    payment_terms: "30d",
    billing_address: { line1: "12 rue de la République", postal_code: "69002", city: "Lyon" },
  });
  state.clientId = client.id;
  await api("POST", "/api/v1/catalog/items", {
    reference: "CAR-001",
    label: "Carrelage grès cérame 60×60",
    unit: "m²",
    kind: "goods",
    unit_price: "38.40",
    cost_price: "22",
    vat: { category: "S", rate: "10" },
  });
});

test("the empty list invites to create the first quote", async () => {
  await page.goto(`${server.base}/documents`);
  await page.locator(".empty-state").waitFor();
  await fullShot(page, "doc-00-empty-list.png");
});

test("creates a quote of two lines, one from the catalog, with live totals", async () => {
  await page.goto(`${server.base}/documents`);
  await Promise.all([page.waitForURL(/\/documents\/new/), page.getByRole("link", { name: "Nouveau devis" }).first().click()]);

  // The client, found as you type.
  await page.fill("#client-q", "boul");
  const radio = page.locator(`#client-options input[name="client_id"][value="${state.clientId}"]`);
  await radio.waitFor({ timeout: 10000 });
  await radio.check();
  await page.fill('input[name="title"]', "Rénovation du fournil");

  // The first line is typed by hand, with French decimals.
  await page.fill('textarea[name="lines[0][description]"]', "Pose du carrelage");
  await page.fill('input[name="lines[0][quantity]"]', "16");
  await page.fill('input[name="lines[0][unit]"]', "h");
  await page.fill('input[name="lines[0][unit_price]"]', "42,00");
  await page.selectOption('select[name="lines[0][vat]"]', "10");
  await page.fill('input[name="lines[0][unit_cost]"]', "30");
  // The server recomputes the totals as the user types: 16 × 42 = 672,00 € excl. VAT.
  await page.locator("#document-preview").getByText(euros("739,20 €")).waitFor({ timeout: 10000 });
  assert.match(await page.textContent("#line-0-amount"), euros("672,00 €"));

  // The second line comes from the catalog picker.
  await page.getByRole("button", { name: "Depuis le catalogue…" }).click();
  const dialog = page.locator("#catalog-dialog");
  await dialog.waitFor();
  await page.fill("#catalog-q", "CAR");
  const choice = dialog.locator('[data-catalog-item][data-reference="CAR-001"]');
  await choice.waitFor({ timeout: 10000 });
  await page.screenshot({ path: path.join(shots, "doc-01-catalog-picker.png") });
  await choice.click();
  const quantity = page.locator('input[name="lines[1][quantity]"]');
  await quantity.waitFor({ timeout: 10000 });
  assert.equal(await page.inputValue('input[name="lines[1][reference]"]'), "CAR-001");
  assert.equal(await page.inputValue('input[name="lines[1][unit_price]"]'), "38,40");
  assert.equal(await page.inputValue('input[name="lines[1][unit_cost]"]'), "22,00");
  await quantity.fill("12,5");
  // 672,00 + 12,5 × 38,40 = 1 152,00 € excl. VAT, 115,20 € of VAT at 10 %, 1 267,20 € incl. VAT.
  await page.locator("#document-preview").getByText(euros("1 267,20 €")).waitFor({ timeout: 10000 });
  assert.match(await page.textContent("#line-1-amount"), euros("480,00 €"));
  assert.match(await page.textContent("#document-preview"), euros("115,20 €"));
  assert.match(await page.textContent("#document-preview"), /Taux de marque/);
  await fullShot(page, "doc-01-editor.png");
  assert.deepEqual(await accessibilityViolations(page, ["critical", "serious"]), []);

  await Promise.all([page.waitForURL(/\/documents\/\d+\?done=saved/), page.getByRole("button", { name: "Enregistrer le brouillon" }).click()]);
  state.quoteUrl = page.url().replace(/\?.*/, "");
  assert.match(await page.textContent("main"), /Brouillon enregistré/);
  assert.match(await page.textContent("main"), euros("1 267,20 €"));
});

test("the editor is usable on a phone", async () => {
  const mobile = await browser.newPage({ viewport: { width: 375, height: 812 }, locale: "fr-FR" });
  await login(mobile, server.base);
  await mobile.goto(`${state.quoteUrl}/edit`);
  await mobile.locator('input[name="lines[1][quantity]"]').waitFor();
  await fullShot(mobile, "doc-02-editor-mobile.png");
  const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the editor scrolls sideways by ${overflow}px`);
  await mobile.goto(state.quoteUrl);
  await fullShot(mobile, "doc-03-quote-mobile.png");
  await mobile.close();
});

test("validates the quote, accepts it and turns it into an invoice", async () => {
  await page.goto(state.quoteUrl);
  await fullShot(page, "doc-04-quote-draft.png");
  await page.getByRole("button", { name: "Valider…" }).click();
  const confirm = page.locator("#validate-dialog");
  await confirm.waitFor();
  assert.match(await confirm.textContent(), /numéro définitif/);
  await page.screenshot({ path: path.join(shots, "doc-05-validate-dialog.png") });
  await Promise.all([page.waitForURL(/done=validated/), confirm.getByRole("button", { name: "Valider définitivement" }).click()]);
  const quoteNumber = (await page.textContent("h1")).match(/DE-\d{4}-\d+/)?.[0];
  assert.ok(quoteNumber, "the quote has its number");
  assert.equal(await page.locator(`a[href$="/edit"]`).count(), 0, "a validated quote has no edit button");

  await Promise.all([page.waitForURL(/done=status/), page.getByRole("button", { name: "Accepté", exact: true }).click()]);
  await Promise.all([page.waitForURL(/done=converted/), page.getByRole("button", { name: "En facture", exact: true }).click()]);
  assert.match(await page.textContent("main"), new RegExp(`Origine\\s*Devis ${quoteNumber}`));
  await page.getByRole("button", { name: "Valider…" }).click();
  await Promise.all([page.waitForURL(/done=validated/), page.locator("#validate-dialog").getByRole("button", { name: "Valider définitivement" }).click()]);
  state.invoiceNumber = (await page.textContent("h1")).match(/FA-\d{4}-\d+/)?.[0];
  assert.ok(state.invoiceNumber, "the invoice has its number");
  assert.match(await page.textContent("main"), /établissez un avoir/);
  state.invoiceUrl = page.url().replace(/\?.*/, "");
  await fullShot(page, "doc-06-invoice-page.png");
  assert.deepEqual(await accessibilityViolations(page, ["critical", "serious"]), []);
});

test("downloads the invoice's PDF", async () => {
  const response = await page.request.get(`${state.invoiceUrl}/pdf?download=1`);
  assert.equal(response.status(), 200);
  assert.equal(response.headers()["content-type"], "application/pdf");
  const pdf = await response.body();
  assert.equal(pdf.subarray(0, 4).toString("latin1"), "%PDF");
  const file = path.join(shots, "doc-invoice.pdf");
  writeFileSync(file, pdf);
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", file, path.join(shots, "doc-07-invoice-pdf")]);
});

test("the list shows both documents, newest first", async () => {
  await page.goto(`${server.base}/documents`);
  const rows = page.locator("#document-results tbody tr");
  assert.equal(await rows.count(), 2);
  assert.match(await rows.first().textContent(), new RegExp(state.invoiceNumber));
  await fullShot(page, "doc-08-list.png");
  assert.deepEqual(await accessibilityViolations(page, ["critical", "serious"]), []);
});
