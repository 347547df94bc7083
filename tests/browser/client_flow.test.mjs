// The key flow of the client base, as a person does it in Chromium: log in, create a client, meet the
// duplicate warning when the same phone is typed in another format, create anyway, search as you type.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";

import { accessibilityViolations, launchBrowser, login, screenshotDir, startServer } from "./support.mjs";

let server, browser, page;
const shots = screenshotDir();

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: "fr-FR" });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("logs in and lands on a page with the main navigation", async () => {
  await page.goto(`${server.base}/login`);
  await page.screenshot({ path: path.join(shots, "01-login.png") });
  await login(page, server.base);
  assert.ok(await page.locator('nav a[href="/clients"]').count(), "navigation links to the clients");
});

test("creates a client through the form", async () => {
  await page.goto(`${server.base}/clients/new`);
  await page.fill('input[name="legal_name"]', "Boulangerie Martin");
  await page.fill('input[name="siret"]', "732 829 320 00074");
  await page.fill('input[name="phone"]', "06 12 34 56 78");
  await page.fill('input[name="email"]', "contact@boulangerie-martin.fr");
  await page.fill('input[name="billing_city"]', "Lyon");
  await page.screenshot({ path: path.join(shots, "02-new-client.png"), fullPage: true });
  await Promise.all([page.waitForURL(/\/clients\/\d+/), page.click('#client-form button.btn-primary[type="submit"]:not([name])')]);
  await page.screenshot({ path: path.join(shots, "03-client-card.png"), fullPage: true });
  const body = await page.textContent("main");
  assert.match(body, /Boulangerie Martin/);
  assert.match(body, /06 12 34 56 78/);
  assert.match(body, /732 829 320 00074/);
});

test("warns about the same phone typed in another format, then creates anyway", async () => {
  await page.goto(`${server.base}/clients/new`);
  await page.fill('input[name="legal_name"]', "Martin Pâtisserie");
  await page.fill('input[name="phone"]', "+33 6 12 34 56 78");
  await page.locator('input[name="phone"]').blur();
  // The live warning arrives in place, without reloading the page.
  await page.locator("#duplicates").getByText("Boulangerie Martin").waitFor({ timeout: 10000 });
  await page.screenshot({ path: path.join(shots, "04-duplicate-warning.png"), fullPage: true });

  await page.click('#client-form button.btn-primary[type="submit"]:not([name])');
  const force = page.locator('button[name="force"]');
  await force.waitFor();
  await Promise.all([page.waitForURL(/\/clients\/\d+/), force.click()]);
  assert.match(await page.textContent("main"), /Martin Pâtisserie/);
});

test("searches as you type without reloading the page", async () => {
  await page.goto(`${server.base}/clients`);
  await page.evaluate(() => (window.__sameDocument = true));
  await page.fill('input[name="q"]', "pâtis");
  // The results are replaced in place: the other client leaves, the match stays.
  await page.locator("#client-results").getByText("Boulangerie Martin").waitFor({ state: "detached", timeout: 10000 });
  assert.equal(await page.locator("#client-results").getByText("Martin Pâtisserie").count(), 1);
  await page.fill('input[name="q"]', "06 12 34");
  // Both clients share that phone (the second was created anyway), whatever the format typed.
  await page.locator("#client-results").getByText("Boulangerie Martin").waitFor({ timeout: 10000 });
  assert.equal(await page.locator("#client-results").getByText("Martin Pâtisserie").count(), 1);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, "no full reload");
  await page.screenshot({ path: path.join(shots, "05-search.png"), fullPage: true });
  const violations = await accessibilityViolations(page, ["critical"]);
  assert.deepEqual(violations, []);
});

test("the list is usable on a phone", async () => {
  const mobile = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "fr-FR" });
  await login(mobile, server.base);
  await mobile.goto(`${server.base}/clients`);
  await mobile.screenshot({ path: path.join(shots, "06-mobile-list.png"), fullPage: true });
  const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
  await mobile.close();
});
