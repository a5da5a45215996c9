// Full build time, and bytes transferred (gzip, as a real host serves them) to display
// each built page in Chromium, counted from the network responses.
import {spawnSync} from "node:child_process";
import {chromium} from "playwright-core";
import {servir} from "../scripts/serveur.js";
import {chrono, ko, ms, type Ligne} from "./mesure.js";

export const PAGES = ["/", "/methodologie"];
const CIBLE_ACCUEIL = 500 * 1024;

export async function benchConstruction(): Promise<Ligne[]> {
  const r = await chrono(() => spawnSync("npm", ["run", "build"], {encoding: "utf8"}));
  if (r.resultat.status !== 0) throw new Error(`npm run build a échoué :\n${r.resultat.stderr}`);
  return [{mesure: "npm run build (entrepôt + site)", valeur: ms(r.ms), cible: "≤ 2 min", ok: r.ms <= 120_000}];
}

export async function benchPages(dist = "dist"): Promise<Ligne[]> {
  const {serveur, url} = await servir(dist);
  const navigateur = await chromium.launch({executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]});
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
  } finally {
    await navigateur.close();
    serveur.close();
  }
  return lignes;
}
