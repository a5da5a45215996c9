// Full build time, bytes and requests (gzip, as a real host serves them) to display each built
// page in Chromium, first figures of large territories, a phone over slow 4G, and the
// diagnostic's and projections' compute time inside the browser.
import {spawnSync} from "node:child_process";
import {chromium, type Browser} from "playwright-core";
import {servir} from "../scripts/serveur.js";
import {chrono, ko, ms, type Ligne} from "./mesure.js";
import {chargerPage} from "./premier-contenu.js";

export const PAGES = ["/", "/diagnostic", "/comparer", "/petite-enfance", "/projections", "/methodologie"];
const CIBLE_PAGE = 250 * 1024;
/** One JavaScript file per page (scripts/paquets.ts) leaves room for the page's data files. */
const CIBLE_REQUETES = 20;
const TERRITOIRES = ["groupe:ctg-paa", "groupe:ctg-bassin-carros", "commune:04070", "epci:200030195", "departement:04"];
/**
 * Large territories: France and a région (first figures from build-time files), a département (its communes' files)
 * and the département whose files are the heaviest (Nord, 648 communes: 114 Ko of series for 06's 42).
 */
const GRANDS = [["France", "france"], ["région Provence-Alpes-Côte d'Azur", "region:93"], ["département Alpes-Maritimes", "departement:06"], ["département du Nord (le plus lourd)", "departement:59"]] as const;
const PAGES_CHIFFRES = ["/diagnostic", "/petite-enfance", "/comparer"];

/** Issue 14: the whole build on the real files, on this project's 2-core machine. */
const CIBLE_CONSTRUCTION = 45_000;

export async function benchConstruction(sources: string): Promise<Ligne[]> {
  const r = await chrono(() => spawnSync("npm", ["run", "build"], {encoding: "utf8", env: {...process.env, CTG_SOURCES: sources}}));
  if (r.resultat.status !== 0) throw new Error(`npm run build a échoué :\n${r.resultat.stderr}`);
  // loaders/cli.ts says how long the warehouse took; the rest is Framework (data loaders, pages, bundles).
  const entrepot = Number(/Entrepôt écrit : .* \((\d+) ms\)/.exec(r.resultat.stderr)?.[1] ?? NaN);
  // src/data/fichiers.ts says how long the site's data files took; the rest is Framework (bundles, pages, copies).
  const donnees = Number(/Données du site écrites \(.*\) en (\d+) ms/.exec(r.resultat.stderr)?.[1] ?? NaN);
  return [
    {mesure: `npm run build (entrepôt sur ${sources} + site)`, valeur: ms(r.ms), cible: `≤ ${CIBLE_CONSTRUCTION / 1000} s`, ok: r.ms <= CIBLE_CONSTRUCTION},
    {mesure: "… dont l'entrepôt (npm run data) / les fichiers de données du site (src/data/fichiers.ts) / Framework (paquets, pages, copies)", valeur: `${ms(entrepot)} / ${ms(donnees)} / ${ms(r.ms - entrepot - donnees)}`}
  ];
}

async function lancer(): Promise<Browser> {
  return chromium.launch({executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]});
}

const requetes = (n: number) => `${n.toLocaleString("fr-FR")} requête${n > 1 ? "s" : ""}`;

/**
 * First loads (cold cache, gzip as the server sends): each page's bytes and requests, its first content; the first
 * figures of France, a région and a département (and PAA's) on the pages that show them; every page on a phone over slow 4G.
 */
export async function benchPremiersChargements(url: string, navigateur: Browser): Promise<Ligne[]> {
  const lignes: Ligne[] = [];
  for (const chemin of PAGES) {
    const p = await chargerPage(navigateur, url + chemin);
    lignes.push({mesure: `Page ${chemin} : octets (gzip) et requêtes au premier chargement`, valeur: `${ko(p.octets)}, ${requetes(p.requetes)}, premier contenu ${ms(p.fcp)}`, cible: `≤ 250 Ko, ≤ ${CIBLE_REQUETES} requêtes`, ok: p.octets <= CIBLE_PAGE && p.requetes <= CIBLE_REQUETES});
    if (process.env.CTG_BENCH_DETAIL) for (const d of [...p.detail].sort((a, b) => b.octets - a.octets).slice(0, 8)) process.stdout.write(`    ${chemin} ${d.chemin} ${ko(d.octets)}\n`);
  }
  const paa = await chargerPage(navigateur, `${url}/diagnostic?t=groupe:ctg-paa`);
  lignes.push({mesure: "Diagnostic de PAA : premiers chiffres", valeur: `${ms(paa.premierChiffre)}, ${requetes(paa.requetes)}, ${ko(paa.octets)}`, cible: "≤ 1 s", ok: paa.premierChiffre <= 1000});
  for (const chemin of PAGES_CHIFFRES) {
    for (const [nom, id] of GRANDS) {
      const p = await chargerPage(navigateur, `${url}${chemin}?t=${id}`);
      // A territory's first load is a page's first load: the same weight limit.
      lignes.push({mesure: `${chemin}, ${nom} : premiers chiffres, requêtes et octets`, valeur: `${ms(p.premierChiffre)}, ${requetes(p.requetes)}, ${ko(p.octets)}`, cible: `≤ 1 s, ≤ ${CIBLE_REQUETES} requêtes, ≤ 250 Ko`, ok: p.premierChiffre <= 1000 && p.requetes <= CIBLE_REQUETES && p.octets <= CIBLE_PAGE});
    }
  }
  const telephone: number[] = [];
  for (const chemin of PAGES) {
    const p = await chargerPage(navigateur, url + chemin, {telephone: true});
    telephone.push(p.fcp);
    lignes.push({mesure: `Téléphone en 4G lente (1,6 Mbit/s, 150 ms, processeur ÷ 4), ${chemin} : premier contenu`, valeur: ms(p.fcp), cible: "≤ 2,5 s", ok: p.fcp <= 2500});
  }
  lignes.push({mesure: "Téléphone en 4G lente : premier contenu, la page la plus lente", valeur: ms(Math.max(...telephone)), cible: "≤ 2,5 s", ok: Math.max(...telephone) <= 2500});
  return lignes;
}

export async function benchPages(dist = "dist"): Promise<Ligne[]> {
  const {serveur, url} = await servir(dist);
  const navigateur = await lancer();
  const lignes: Ligne[] = [];
  try {
    lignes.push(...(await benchPremiersChargements(url, navigateur)));
    const temps: number[] = [];
    for (const t of TERRITOIRES) {
      const page = await navigateur.newPage();
      await page.goto(`${url}/diagnostic?t=${t}`, {waitUntil: "networkidle"});
      await page.locator("section.section-annexe").first().waitFor();
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
    // the number box: the slider beside it carries the same label (observablehq.config.ts names sliders)
    const variation = page.getByRole("spinbutton", {name: "Variation : % par an", exact: true});
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
