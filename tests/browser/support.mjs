// Starts a real Comptoir server on a fresh data directory and a headless Chromium driven by
// playwright-core (installed in web/node_modules from the lock file).
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const require = createRequire(path.join(root, "web/package.json"));
export const { chromium } = require("playwright-core");
export const axeSource = require("fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const ADMIN_EMAIL = "admin@boulangerie.test";
export const ADMIN_PASSWORD = "un mot de passe solide";

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export async function startServer() {
  const bin = process.env.COMPTOIR_BIN || path.join(root, "build/src/app/comptoir");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "comptoir-browser-"));
  const port = await freePort();
  const child = spawn(bin, ["--data", dataDir, "serve", "--listen", `127.0.0.1:${port}`], {
    env: { ...process.env, COMPTOIR_COMPANY: "Boulangerie Test", COMPTOIR_ADMIN_EMAIL: ADMIN_EMAIL,
           COMPTOIR_ADMIN_PASSWORD: ADMIN_PASSWORD },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/login`);
      if (r.ok) break;
    } catch {}
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.on("exit", r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
}

export function screenshotDir() {
  const dir = process.env.COMPTOIR_SCREENSHOTS || path.join(root, "build/screenshots");
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function login(page, base) {
  await page.goto(`${base}/login`);
  await page.fill('input[name="email"]', ADMIN_EMAIL);
  await page.fill('input[name="password"]', ADMIN_PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.click('button[type="submit"]')]);
}

// Runs axe-core in the page and returns the violations of the given impacts.
export async function accessibilityViolations(page, impacts = ["critical", "serious"]) {
  // Evaluated through the devtools protocol, which the page's Content Security Policy does not block.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.filter((v) => impacts.includes(v.impact)).map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}
