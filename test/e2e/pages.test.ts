// Every page of the site, in headless Chromium, on a desktop (1 366 px) and a phone (390 px):
// no critical or serious axe-core violation at either width (some only show on a phone: a
// table that scrolls inside its container must take the focus), no sideways scroll of the
// page on the phone (wide tables scroll inside their own container), no console error, and its
// JavaScript in a few files (its bundle, Framework's modules).
import {readdirSync} from "node:fs";
import {resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {avecDonneesReelles, entrepotComplet, entrepotEmbarque} from "../aides.js";
import {AVEC_CHROMIUM, capture, RACINE, sessionNavigateur, violationsGraves} from "./navigateur.js";

// The real files when present (the pages as analysts see them, shared with annexe.test.ts's build), else a fresh clone's data.
const session = sessionNavigateur(() => (avecDonneesReelles() ? entrepotComplet() : entrepotEmbarque()));

/** Each page, and what shows its data is there (the diagnostic for each kind of territory). */
const PAGES: [chemin: string, pret: string][] = [
  ["/", "[data-figure='ao-200067437']"],
  ["/diagnostic?t=commune:04070", "[data-figure='population_municipale']"],
  ["/diagnostic?t=epci:240400440", "table.tableau-communes"],
  ["/diagnostic?t=groupe:ctg-paa", "table.tableau-communes"],
  ["/diagnostic?t=france", "section.section-annexe"],
  ["/comparer", ".position-pairs"],
  ["/petite-enfance", "table.communes-couverture"],
  ["/projections", "[data-figure='taux-ensemble-2030']"],
  ["/methodologie", "table.catalogue"]
];

async function ouvrirPrete(chemin: string, pret: string, largeur: number) {
  const o = await session.ouvrir(chemin, largeur);
  await o.page.locator(pret).first().waitFor();
  await o.page.locator(".chargement").waitFor({state: "detached"});
  return o;
}

describe.skipIf(!AVEC_CHROMIUM)("chaque page : accessibilité (axe-core) et largeur d'un téléphone", {timeout: 240_000}, () => {
  it("la liste couvre chaque page du site (src/*.md)", () => {
    const pages = readdirSync(resolve(RACINE, "src")).filter((f) => f.endsWith(".md")).map((f) => (f === "index.md" ? "/" : `/${f.slice(0, -3)}`));
    expect(new Set(PAGES.map(([c]) => c.split("?")[0]))).toEqual(new Set(pages));
  });

  it.each(PAGES)("%s : aucune violation critique ni sérieuse à 1 366 px et à 390 px, pas de défilement horizontal à 390 px", async (chemin, pret) => {
    const nom = chemin.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "accueil";
    const bureau = await ouvrirPrete(chemin, pret, 1366);
    expect(await violationsGraves(bureau.page), "1 366 px").toEqual([]);
    await capture(bureau.page, `page-${nom}-1366`);
    // Its JavaScript in one bundle (scripts/paquets.ts) beside Framework's own modules, not ~80 modules one request each.
    const js = bureau.requetes.filter((r) => r.endsWith(".js"));
    expect(js.filter((r) => !/^\/_(observablehq|import\/paquets)\//.test(r)), "modules hors du paquet de la page").toEqual([]);
    expect(js.length, js.join(", ")).toBeLessThanOrEqual(7);
    const tel = await ouvrirPrete(chemin, pret, 390);
    const largeur = await tel.page.evaluate(() => document.documentElement.scrollWidth);
    await capture(tel.page, `page-${nom}-390`);
    expect(largeur).toBeLessThanOrEqual(390);
    expect(await violationsGraves(tel.page), "390 px").toEqual([]);
    expect([...bureau.erreurs, ...tel.erreurs]).toEqual([]);
    await Promise.all([bureau.page.close(), tel.page.close()]);
  });
});
