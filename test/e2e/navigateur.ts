// Builds the site from a test warehouse, serves it on 127.0.0.1 and drives Debian's
// Chromium with playwright-core. Shared by every page's browser test.
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {basename, dirname, resolve} from "node:path";
import {chromium, type Browser, type Page} from "playwright-core";
import {afterAll, beforeAll, inject} from "vitest";
import {servir} from "../../scripts/serveur.js";

export const RACINE = resolve(import.meta.dirname, "../..");
export const CAPTURES = resolve(RACINE, "test-results/captures");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const AVEC_CHROMIUM = existsSync(CHROMIUM);

/** Build the site exactly as `npm run build` does, but from `entrepot` into `dist`. */
function construireSite(entrepot: string, dist: string): void {
  rmSync(resolve(RACINE, "src/.observablehq/cache"), {recursive: true, force: true});
  rmSync(dist, {recursive: true, force: true});
  const r = spawnSync("npx", ["observable", "build"], {cwd: RACINE, encoding: "utf8", env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", CTG_ENTREPOT: entrepot, CTG_DIST: dist}});
  if (r.status !== 0) throw new Error(`La construction du site a échoué :\n${r.stdout}\n${r.stderr}`);
  rmSync(resolve(RACINE, "src/.observablehq/cache"), {recursive: true, force: true});
}

/**
 * The site built from `entrepot`, once per test run: the first test file to ask builds it into
 * test-results/dist-<warehouse>, the others reuse it (the global setup names the run). Framework keeps
 * one cache under src/.observablehq, so builds take turns behind a lock directory.
 */
export async function siteDe(entrepot: string): Promise<string> {
  const dist = resolve(RACINE, `test-results/dist-${basename(entrepot, ".duckdb")}`);
  const marque = resolve(dist, ".entrepot");
  const cle = `${entrepot} ${inject("execution")}`;
  const aJour = () => existsSync(marque) && readFileSync(marque, "utf8") === cle;
  if (aJour()) return dist;
  await avecVerrou(resolve(RACINE, "test-results/.verrou-site"), () => {
    if (aJour()) return;
    construireSite(entrepot, dist);
    writeFileSync(marque, cle);
  });
  return dist;
}

/**
 * A test file's browser session on the site of `entrepot()`, opened in its beforeAll and closed
 * in its afterAll (nothing is started when `actif` is false: the file's tests are skipped).
 */
export function sessionNavigateur(entrepot: () => string, actif = AVEC_CHROMIUM): Session {
  let session: Session | undefined;
  beforeAll(async () => {
    if (actif) session = await demarrer(await siteDe(entrepot()));
  }, 900_000);
  afterAll(async () => session?.fermer());
  const ouverte = (): Session => {
    if (!session) throw new Error("Session navigateur non démarrée (Chromium ou données absents ?)");
    return session;
  };
  return {
    get url() { return ouverte().url; },
    ouvrir: (chemin, largeur) => ouverte().ouvrir(chemin, largeur),
    fermer: async () => {}
  };
}

/** mkdir is atomic: whoever creates the directory holds the lock. A lock older than 30 min is a leftover of a killed run. */
async function avecVerrou(verrou: string, travail: () => void): Promise<void> {
  mkdirSync(dirname(verrou), {recursive: true});
  for (;;) {
    try {
      mkdirSync(verrou);
      break;
    } catch {
      if (Date.now() - (statSync(verrou, {throwIfNoEntry: false})?.mtimeMs ?? Date.now()) > 1_800_000) rmSync(verrou, {recursive: true, force: true});
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    travail();
  } finally {
    rmSync(verrou, {recursive: true, force: true});
  }
}

export interface Session {
  url: string;
  /**
   * A new tab on `chemin`, `largeur` px wide (1 280 by default), once the network is idle. `requetes`: the paths
   * the page asked for, from its first request on (the picker's slices, a page's files).
   */
  ouvrir: (chemin: string, largeur?: number) => Promise<{page: Page; erreurs: string[]; requetes: string[]}>;
  fermer: () => Promise<void>;
}

async function demarrer(dist: string): Promise<Session> {
  mkdirSync(CAPTURES, {recursive: true});
  const {serveur, url} = await servir(dist);
  const navigateur: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
  });
  return {
    url,
    async ouvrir(chemin, largeur = 1280) {
      const page = await navigateur.newPage({viewport: {width: largeur, height: largeur < 800 ? 900 : 1600}, locale: "fr-FR"});
      const erreurs: string[] = [];
      page.on("console", (m) => m.type() === "error" && erreurs.push(m.text()));
      page.on("pageerror", (e) => erreurs.push(e.message));
      const requetes: string[] = [];
      page.on("request", (r) => requetes.push(new URL(r.url()).pathname));
      await page.goto(url + chemin, {waitUntil: "networkidle"});
      return {page, erreurs, requetes};
    },
    async fermer() {
      await navigateur.close();
      serveur.close();
    }
  };
}

/** Page text with narrow/no-break spaces folded, so "48 726" matches. */
export async function texte(page: Page): Promise<string> {
  return (await page.innerText("main")).replace(/[\u202f\u00a0]/g, " ");
}

/** Framework shows failed cells as `.observablehq--error`: a page must have none. */
export async function cellulesEnErreur(page: Page): Promise<string[]> {
  return page.locator(".observablehq--error").allInnerTexts();
}

/** axe-core's violations in the page as it is now, with their impact and how many elements. */
export async function violationsAxe(page: Page): Promise<{id: string; impact: string; n: number; cibles: string[]}[]> {
  await page.addScriptTag({content: readFileSync(resolve(RACINE, "node_modules/axe-core/axe.min.js"), "utf8")});
  const r = await page.evaluate(async () => (await (window as unknown as {axe: {run: (o: object) => Promise<{violations: {id: string; impact: string; nodes: {target: string[]}[]}[]}>}}).axe.run({resultTypes: ["violations"]})));
  return r.violations.map((v) => ({id: v.id, impact: v.impact, n: v.nodes.length, cibles: v.nodes.slice(0, 3).map((x) => x.target.join(" "))}));
}

/** The critical and serious ones: a page must have none (WCAG 2.1 AA as axe checks it). */
export const violationsGraves = async (page: Page) => (await violationsAxe(page)).filter((v) => v.impact === "critical" || v.impact === "serious");

export async function capture(page: Page, nom: string): Promise<void> {
  // a région map is thousands of paths: more than the default 30 s to paint on a busy 2-core machine
  await page.screenshot({path: resolve(CAPTURES, `${nom}.png`), fullPage: true, timeout: 120_000});
}
