// Full build time, bytes transferred (gzip, as a real host serves them) to display each
// built page in Chromium, and the diagnostic's compute time inside the browser.
import {spawnSync} from "node:child_process";
import {chromium, type Browser} from "playwright-core";
import {servir} from "../scripts/serveur.js";
import {chrono, ko, ms, type Ligne} from "./mesure.js";

export const PAGES = ["/", "/diagnostic", "/comparer", "/petite-enfance", "/projections", "/methodologie"];
const CIBLE_ACCUEIL = 500 * 1024;
const TERRITOIRES = ["groupe:ctg-paa", "groupe:ctg-bassin-carros", "commune:04070", "epci:200030195", "departement:04"];

/** Issue 14: the whole build on the real files, on this project's 2-core machine. */
const CIBLE_CONSTRUCTION = 45_000;

export async function benchConstruction(sources: string): Promise<Ligne[]> {
  const r = await chrono(() => spawnSync("npm", ["run", "build"], {encoding: "utf8", env: {...process.env, CTG_SOURCES: sources}}));
  if (r.resultat.status !== 0) throw new Error(`npm run build a échoué :\n${r.resultat.stderr}`);
  // loaders/cli.ts says how long the warehouse took; the rest is Framework (data loaders, pages, bundles).
  const entrepot = Number(/Entrepôt écrit : .* \((\d+) ms\)/.exec(r.resultat.stderr)?.[1] ?? NaN);
  return [
    {mesure: `npm run build (entrepôt sur ${sources} + site)`, valeur: ms(r.ms), cible: `≤ ${CIBLE_CONSTRUCTION / 1000} s`, ok: r.ms <= CIBLE_CONSTRUCTION},
    {mesure: "… dont l'entrepôt (npm run data) / le site (Framework : chargeurs de données, pages)", valeur: `${ms(entrepot)} / ${ms(r.ms - entrepot)}`}
  ];
}

async function lancer(): Promise<Browser> {
  return chromium.launch({executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]});
}

export async function benchPages(dist = "dist"): Promise<Ligne[]> {
  const {serveur, url} = await servir(dist);
  const navigateur = await lancer();
  const lignes: Ligne[] = [];
  try {
    for (const chemin of PAGES) {
      const page = await navigateur.newPage();
      let octets = 0;
      page.on("requestfinished", async (req) => {
        const tailles = await req.sizes().catch(() => null);
        if (tailles) octets += tailles.responseBodySize + tailles.responseHeadersSize;
      });
      await page.goto(url + chemin, {waitUntil: "networkidle"});
      await page.waitForTimeout(300);
      const accueil = chemin === "/";
      lignes.push({mesure: `Page ${chemin} : octets transférés`, valeur: ko(octets), ...(accueil ? {cible: "≤ 500 Ko", ok: octets <= CIBLE_ACCUEIL} : {})});
      await page.close();
    }
    const temps: number[] = [];
    for (const t of TERRITOIRES) {
      const page = await navigateur.newPage();
      await page.goto(`${url}/diagnostic?t=${t}`, {waitUntil: "networkidle"});
      await page.locator("section.section-diagnostic").first().waitFor();
      temps.push(...(await page.evaluate(() => performance.getEntriesByName("ctg-diagnostic").map((e) => e.duration))));
      await page.close();
    }
    const diag = medianeMax(temps);
    lignes.push({mesure: `Diagnostic complet dans Chromium, médiane sur ${TERRITOIRES.length} territoires`, valeur: `${ms(diag.mediane)} (max ${ms(diag.max)})`, cible: "≤ 50 ms", ok: diag.mediane <= 50});
    const proj = medianeMax(await recalculsProjection(navigateur, url));
    lignes.push({mesure: `Projections dans Chromium : recalcul après un changement de contrôle, médiane sur ${proj.n}`, valeur: `${ms(proj.mediane)} (max ${ms(proj.max)})`, cible: "≤ 16 ms", ok: proj.mediane <= 16});
  } finally {
    await navigateur.close();
    serveur.close();
  }
  return lignes;
}

function medianeMax(t: number[]): {mediane: number; max: number; n: number} {
  const tries = [...t].sort((a, b) => a - b);
  return {mediane: tries[Math.floor(tries.length / 2)] ?? NaN, max: tries.at(-1) ?? NaN, n: tries.length};
}

/** Moves the yearly-change control of the PAA projections through 10 values; the page measures each recomputation ("ctg-projection"). */
async function recalculsProjection(navigateur: Browser, url: string): Promise<number[]> {
  const page = await navigateur.newPage();
  try {
    await page.goto(`${url}/projections?t=groupe:ctg-paa`, {waitUntil: "networkidle"});
    await page.getByLabel("Variation annuelle choisie", {exact: true}).check();
    const variation = page.getByLabel("Variation : % par an", {exact: true});
    for (let v = -5; v < 5; v++) {
      await variation.fill(String(v));
      await variation.dispatchEvent("input");
      await page.waitForFunction((x) => location.search.includes(`variation=${x}`), v);
    }
    return await page.evaluate(() => performance.getEntriesByName("ctg-projection").map((e) => e.duration));
  } finally {
    await page.close();
  }
}
