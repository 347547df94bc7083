// Importing a client file in Chromium, as an administrator does it: from the client list to the
// import page, upload a semicolon CSV from French Excel (Windows-1252), fix the column the guess left
// out, run a dry run, run the import with its progress bar, read the report (created, failed with the
// reason named), and find the imported client. Screenshots go to build/screenshots/ (import-*.png).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

import { accessibilityViolations, launchBrowser, login, screenshotDir, startServer } from "./support.mjs";

let server, browser, page, dir;
const shots = screenshotDir();

async function fullShot(target, name) {
  const size = target.viewportSize();
  const height = await target.evaluate(() => document.documentElement.scrollHeight);
  await target.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await target.screenshot({ path: path.join(shots, name), fullPage: true });
  await target.setViewportSize(size);
}

// Windows-1252 bytes of a string with only Latin-1 characters (what Excel's "CSV (;)" writes).
const latin1 = (text) => Buffer.from(text, "latin1");

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: "fr-FR" });
  dir = mkdtempSync(path.join(os.tmpdir(), "comptoir-import-"));
  // "Mél professionnel" is not a header the import knows: the admin maps it by hand.
  const rows = [
    "Société;Ville;Code postal;Téléphone;Mél professionnel;SIRET",
    "Boulangerie Lefèvre;Lyon;69002;04 78 12 34 56;contact@boulangerie-lefevre.fr;401 234 562 00015",
    "\"Garage \"\"Le Centre\"\"\";Bourg-en-Bresse;1000;04 74 22 33 44;garage@centre.fr;",
    "Menuiserie Faux SIRET;Annecy;74000;;;73282932000075",
  ];
  writeFileSync(path.join(dir, "clients-excel.csv"), latin1(rows.join("\r\n") + "\r\n"));
  const many = ["Raison sociale;Ville;Téléphone"];
  for (let i = 0; i < 6000; i++) many.push(`Entreprise ${i};Paris;01 ${String(40 + (i % 50)).padStart(2, "0")} ${String(i % 100).padStart(2, "0")} ${String(Math.floor(i / 100) % 100).padStart(2, "0")} 11`);
  writeFileSync(path.join(dir, "grand-fichier.csv"), many.join("\n") + "\n");
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the client list offers import and export to the administrator", async () => {
  await login(page, server.base);
  await page.goto(`${server.base}/clients`);
  await page.getByRole("link", { name: "Importer" }).click();
  await page.waitForURL(/\/clients\/import$/);
  await fullShot(page, "import-1-upload.png");
  assert.match(await page.textContent("main"), /Fichier CSV ou XLSX/);
});

test("upload, fix a column, dry run, import, then read the report", async () => {
  await page.setInputFiles("#import-file", path.join(dir, "clients-excel.csv"));
  await Promise.all([page.waitForURL(/\/clients\/import\/\d+$/), page.click('button[type="submit"].btn-primary')]);
  const main = await page.textContent("main");
  assert.match(main, /Windows-1252/, "the encoding was detected and converted");
  assert.match(main, /Boulangerie Lefèvre/, "accents read right in the preview");
  // The guess left the unknown header out; the admin maps it to the e-mail.
  const select = page.getByLabel("Mél professionnel");
  assert.equal(await select.inputValue(), "");
  await select.selectOption("email");
  await fullShot(page, "import-2-mapping.png");

  await page.click('button[name="action"][value="check"]');
  await page.locator("#check-title").waitFor({ timeout: 20000 });
  const check = await page.textContent("main");
  assert.match(check, /Résultat de l'essai à blanc/);
  assert.match(check, /clé de contrôle/, "the wrong SIRET is named in the dry run");
  assert.equal(await page.getByLabel("Mél professionnel").inputValue(), "email", "the fixed mapping was kept");
  await fullShot(page, "import-3-dry-run.png");

  await page.click('button[name="action"][value="run"]');
  await page.locator("#report-title").waitFor({ timeout: 20000 });
  const report = await page.textContent("main");
  assert.match(report, /Rapport d'import/);
  const created = await page.locator(".stat-created .stat-value").textContent();
  const failed = await page.locator(".stat-failed .stat-value").textContent();
  assert.equal(created.trim(), "2");
  assert.equal(failed.trim(), "1");
  assert.match(report, /SIRET/);
  await fullShot(page, "import-4-report.png");
  const violations = await accessibilityViolations(page, ["critical"]);
  assert.deepEqual(violations, []);

  // Only the failed rows, then the client that came in with the e-mail of the fixed column.
  await page.getByRole("link", { name: /En erreur/ }).click();
  assert.match(await page.textContent("table.import-rows"), /Menuiserie Faux SIRET/);
  await page.goto(`${server.base}/clients?q=garage`);
  await page.locator("#client-results").getByText('Garage "Le Centre"').click();
  const card = await page.textContent("main");
  assert.match(card, /garage@centre\.fr/);
  assert.match(card, /01000/, "the postal code that lost its zero in Excel is restored");
});

test("a large file shows a progress bar while it imports", async () => {
  await page.goto(`${server.base}/clients/import`);
  await page.setInputFiles("#import-file", path.join(dir, "grand-fichier.csv"));
  await Promise.all([page.waitForURL(/\/clients\/import\/\d+$/), page.click('button[type="submit"].btn-primary')]);
  await page.click('button[name="action"][value="run"]');
  const progress = page.locator("progress.import-progress");
  if (await progress.count()) await fullShot(page, "import-5-progress.png");
  await page.locator("#report-title").waitFor({ timeout: 120000 });
  assert.equal((await page.locator(".stat-created .stat-value").textContent()).trim(), "6000");
});
