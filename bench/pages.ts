// Full build time, bytes transferred (gzip, as a real host serves them) to display each
// built page in Chromium, and the diagnostic's compute time inside the browser.
import {spawnSync} from "node:child_process";
import {chromium, type Browser} from "playwright-core";
import {servir} from "../scripts/serveur.js";
import {chrono, ko, ms, type Ligne} from "./mesure.js";

export const PAGES = ["/", "/diagnostic", "/comparer", "/methodologie"];
const CIBLE_ACCUEIL = 500 * 1024;
const TERRITOIRES = ["groupe:ctg-paa", "groupe:ctg-bassin-carros", "commune:04070", "epci:200030195", "departement:04"];

export async function benchConstruction(sources: string): Promise<Ligne[]> {
  const r = await chrono(() => spawnSync("npm", ["run", "build"], {encoding: "utf8", env: {...process.env, CTG_SOURCES: sources}}));
  if (r.resultat.status !== 0) throw new Error(`npm run build a échoué :\n${r.resultat.stderr}`);
  return [{mesure: `npm run build (entrepôt sur ${sources} + site)`, valeur: ms(r.ms), cible: "≤ 2 min", ok: r.ms <= 120_000}];
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
    temps.sort((a, b) => a - b);
    const med = temps[Math.floor(temps.length / 2)] ?? NaN;
    lignes.push({mesure: `Diagnostic complet dans Chromium, médiane sur ${TERRITOIRES.length} territoires`, valeur: `${ms(med)} (max ${ms(temps[temps.length - 1] ?? NaN)})`, cible: "≤ 50 ms", ok: med <= 50});
  } finally {
    await navigateur.close();
    serveur.close();
  }
  return lignes;
}
