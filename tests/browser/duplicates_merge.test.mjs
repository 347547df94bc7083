// The duplicates review folder in Chromium, as an administrator uses it: two near-duplicate clients
// created through the client form, the "Doublons" button of the client list, the scan, the group's
// comparison, a field chosen from the other card, the merge, the survivor's card with the value chosen
// and the merged card pointing to it, then the undo. At 1280 px and on a phone (390 px), with axe.
// Screenshots go to build/screenshots/ (duplicates-*.png).
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";

import { accessibilityViolations, launchBrowser, login, screenshotDir, startServer } from "./support.mjs";

let server, browser, page;
const shots = screenshotDir();

async function fullShot(target, name) {
  const size = target.viewportSize();
  const height = await target.evaluate(() => document.documentElement.scrollHeight);
  await target.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await target.screenshot({ path: path.join(shots, name), fullPage: true });
  await target.setViewportSize(size);
}

// A company client through the form (input names); a near-duplicate is confirmed when the form warns.
async function createClient(fields) {
  await page.goto(`${server.base}/clients/new`);
  for (const [name, value] of Object.entries(fields)) await page.fill(`input[name="${name}"]`, value);
  await page.click('#client-form button.btn-primary[type="submit"]:not([name])');
  const force = page.locator('button[name="force"]');
  const onCard = (url) => /^\/clients\/\d+$/.test(url.pathname);
  await Promise.race([page.waitForURL(onCard), force.waitFor()]);
  if (!onCard(new URL(page.url()))) await Promise.all([page.waitForURL(onCard), force.click()]);
  return Number(new URL(page.url()).pathname.split("/")[2]);
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" });
  await login(page, server.base);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

let first, second;

test("two near-duplicate clients, found by the scan from the client list", async () => {
  first = await createClient({ legal_name: "Plomberie Lefèvre", phone: "06 12 34 56 78", email: "contact@lefevre.fr",
                               billing_postal_code: "75011", billing_city: "Paris" });
  second = await createClient({ legal_name: "Plomberie Lefevre EURL", phone: "0612345678", email: "devis@lefevre.fr",
                                website: "https://lefevre.fr", billing_postal_code: "75011", billing_city: "Paris" });
  assert.notEqual(first, second);

  await page.goto(`${server.base}/clients`);
  await page.getByRole("link", { name: "Doublons" }).click();
  await page.waitForURL(/\/clients\/duplicates$/);
  await page.getByRole("button", { name: "Lancer l'analyse" }).click();
  await page.waitForURL(/done=scanned/);
  const main = await page.textContent("main");
  assert.match(main, /Analyse terminée/);
  assert.match(main, /Même téléphone/);
  assert.match(main, /Plomberie Lefevre EURL/);
  await fullShot(page, "duplicates-1-list.png");
  assert.deepEqual(await accessibilityViolations(page), []);
});

test("compare the two cards, keep the other's e-mail, merge", async () => {
  await page.getByRole("link", { name: "Comparer et fusionner" }).first().click();
  await page.waitForURL(/\/clients\/duplicates\/\d+$/);
  // The survivor's value is pre-selected; the admin picks the other card's e-mail.
  assert.equal(await page.locator(`#f-email-${first}`).isChecked(), true);
  assert.equal(await page.locator(`#f-website-${second}`).isChecked(), true, "the only website is pre-selected");
  // Keeping the other card takes its values; coming back takes the first card's again, except
  // where it has none (the website stays the only one there is).
  await page.locator(`input[name="survivor_id"][value="${second}"]`).check();
  assert.equal(await page.locator(`#f-legal_name-${second}`).isChecked(), true);
  assert.equal(await page.locator(`#f-email-${second}`).isChecked(), true);
  await page.locator(`input[name="survivor_id"][value="${first}"]`).check();
  assert.equal(await page.locator(`#f-legal_name-${first}`).isChecked(), true);
  assert.equal(await page.locator(`#f-email-${first}`).isChecked(), true);
  assert.equal(await page.locator(`#f-website-${second}`).isChecked(), true, "an empty value is never chosen for you");
  await page.locator(`label[for="f-email-${second}"]`).click();
  assert.equal(await page.locator(`#f-email-${second}`).isChecked(), true);
  await fullShot(page, "duplicates-2-compare.png");
  assert.deepEqual(await accessibilityViolations(page), []);

  await page.getByRole("button", { name: "Fusionner", exact: true }).click();
  await page.waitForURL(/done=merged/);
  assert.match(await page.textContent("main"), /Fusion faite/);
  await fullShot(page, "duplicates-3-merged.png");

  await page.getByRole("link", { name: "Ouvrir la fiche conservée" }).click();
  await page.waitForURL((url) => url.pathname === `/clients/${first}`);
  const card = await page.textContent("main");
  assert.match(card, /devis@lefevre\.fr/, "the e-mail chosen");
  assert.match(card, /lefevre\.fr/);
  await fullShot(page, "duplicates-4-survivor.png");

  await page.goto(`${server.base}/clients/${second}`);
  assert.match(await page.textContent("main"), /Cette fiche a été fusionnée dans/);
  await page.goto(`${server.base}/clients`);
  assert.doesNotMatch(await page.textContent("#client-results"), /Plomberie Lefevre EURL/, "the merged card is out of the list");
});

test("undo the merge", async () => {
  await page.goto(`${server.base}/clients/duplicates?status=merged`);
  await page.getByRole("link", { name: "Voir" }).first().click();
  await page.getByRole("button", { name: "Annuler la fusion" }).click();
  await page.waitForURL(/done=undone/);
  assert.match(await page.textContent("main"), /Fusion annulée/);
  await page.goto(`${server.base}/clients/${first}`);
  assert.match(await page.textContent("main"), /contact@lefevre\.fr/);
});

test("the review folder on a phone", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.base}/clients/duplicates`);
  await fullShot(page, "duplicates-5-phone-list.png");
  await page.getByRole("link", { name: "Comparer et fusionner" }).first().click();
  await page.waitForURL(/\/clients\/duplicates\/\d+$/);
  await fullShot(page, "duplicates-6-phone-compare.png");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page itself does not scroll sideways (${overflow}px)`);
});
