// The comparison page on the real files (../shared/data), in headless Chromium: a period
// comparison (PAA's births 2021 → 2024), peers, and similar territories added in one click.
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {avecDonneesReelles, entrepotComplet} from "../aides.js";
import {AVEC_CHROMIUM, capture, cellulesEnErreur, sessionNavigateur, texte} from "./navigateur.js";

const actif = AVEC_CHROMIUM && avecDonneesReelles();
if (!actif) console.warn("Chromium ou fichiers réels (../shared/data) absents : tests navigateur de la comparaison ignorés.");
const session = sessionNavigateur(entrepotComplet, actif);

/** Scrolls to the peers' section, which loads when it comes near the screen. */
async function versPairs(page: Page): Promise<void> {
  const titre = page.getByRole("heading", {name: "Position parmi les pairs"});
  await titre.waitFor();
  await titre.scrollIntoViewIfNeeded();
}

// Each page computes four territories in the browser: slow on a busy machine.
describe.skipIf(!actif)("comparer : période, pairs et territoires semblables (fichiers réels)", {timeout: 120_000}, () => {
  it("période 2021–2024 de la CTG de PAA : naissances 414 → 367, avertissement de millésime pour la population, choix dans l'adresse", async () => {
    const {page, erreurs} = await session.ouvrir("/comparer?t=groupe:ctg-paa");
    const naissances = page.locator(".periode tr[data-indicateur='naissances']");
    await naissances.waitFor();
    expect((await naissances.innerText()).replace(/\s+/g, " ")).toMatch(/414 2021 367 2024 −47 \(−11,4 %\) En baisse de 47 \(−11,4 %\), de 414 en 2021 à 367 en 2024\./);
    expect(await page.locator(".periode tr[data-indicateur='population_municipale'] .alerte").innerText()).toContain("Millésimes : 2021 et 2023 au lieu de 2021 et 2024");
    expect(await texte(page)).toContain("Période proposée : 2021–2024 (4 dernières années connues)");
    expect(page.url()).toContain("periode=2021-2024");
    // Another period, written to the address
    await page.getByLabel("Début", {exact: true}).selectOption({label: "2022"});
    await page.locator(".periode caption", {hasText: "2022 → 2024"}).waitFor();
    expect(page.url()).toContain("periode=2022-2024");
    expect(await page.locator("table.tableau-bilan").count()).toBeGreaterThan(1);
    expect(await cellulesEnErreur(page)).toEqual([]);
    expect(erreurs).toEqual([]);
  });

  it("la convention précédente du Bassin de vie Carros (2021–2024) est la période par défaut", async () => {
    const {page, erreurs} = await session.ouvrir("/comparer?t=groupe:ctg-bassin-carros");
    await page.locator(".periode tr[data-indicateur='naissances']").waitFor();
    expect(await texte(page)).toContain("Période proposée : 2021–2024 (convention précédente (2021–2024))");
    expect(erreurs).toEqual([]);
  });

  it("PAA parmi les EPCI, puis ses territoires semblables ajoutés d'un clic à la comparaison", async () => {
    const {page, erreurs, requetes} = await session.ouvrir("/comparer?t=groupe:ctg-paa&k=3");
    await page.locator("table.comparaison td.nombre").first().waitFor();
    // Below the comparison, the peers' file and their charts' code wait until the section comes near the screen.
    expect(requetes.filter((r) => r.includes("/pairs/") || r.includes("vues-pairs"))).toEqual([]);
    await versPairs(page);
    const ligne = page.locator(".tableau-pairs tr[data-indicateur='revenu_median']");
    await ligne.waitFor();
    expect((await ligne.innerText()).replace(/\s+/g, " ")).toMatch(/20 650 €/);
    const similaires = page.locator(".tableau-similaires tbody tr");
    await similaires.first().waitFor();
    expect(await similaires.count()).toBe(3);
    const ids = await similaires.evaluateAll((l) => l.map((tr) => tr.getAttribute("data-id")));
    expect(ids).not.toContain("epci:200067437"); // the CTG is this EPCI: not its own peer
    await page.setViewportSize({width: 1366, height: 900});
    await capture(page, "comparer-paa-1366");
    await page.click("a.ajouter-similaires");
    await page.waitForURL((u) => u.searchParams.get("t") === ["groupe:ctg-paa", ...ids].join(","));
    await page.locator("table.comparaison").waitFor();
    await page.locator(".periode").nth(3).waitFor();
    expect(await page.locator("table.comparaison thead th").count()).toBe(2 + 4);
    expect(new URL(page.url()).searchParams.get("k")).toBe("3");
    // Peers restricted to the similar territories
    await versPairs(page);
    await page.getByLabel("territoires semblables").check();
    await page.locator(".position-pairs p", {hasText: "les territoires semblables retenus (3)"}).waitFor();
    await page.setViewportSize({width: 390, height: 900});
    await capture(page, "comparer-semblables-390");
    expect(await cellulesEnErreur(page)).toEqual([]);
    expect(erreurs).toEqual([]);
  });

  it("la CTG PAA : le même nombre d'enfants de moins de 3 ans, la même année, sur /comparer et /petite-enfance, avec sa méthode", async () => {
    const {page, erreurs} = await session.ouvrir("/comparer?t=groupe:ctg-paa");
    const ligne = page.locator("table.comparaison tr[data-indicateur='enfants_moins_3_ans_estimes']");
    await ligne.waitFor();
    const [annee, comparaison] = await ligne.locator("td").allInnerTexts();
    expect(await ligne.locator("th").innerText()).toContain("estimation calibrée");
    const p = await session.ouvrir("/petite-enfance?t=groupe:ctg-paa");
    const figure = p.page.locator("[data-figure='enfants-moins-3-ans']");
    await figure.waitFor();
    const carte = figure.locator("xpath=..");
    expect(await carte.locator("h2").innerText()).toBe(`Enfants de moins de 3 ans (${annee})`);
    expect(annee).toBe("2024");
    expect((await figure.innerText()).replace(/\s/g, "")).toBe("1186"); // 1 185,99: Digne by the Cnaf's 2022 ratio, 45 communes by the model
    expect((await figure.innerText()).replace(/\s/g, "")).toBe(comparaison!.replace(/\s/g, ""));
    expect(await carte.innerText()).toContain("Estimation calibrée");
    expect(erreurs).toEqual([]);
    expect(p.erreurs).toEqual([]);
  });

  it("une commune parmi les communes de sa région ; impression sans contrôles", async () => {
    const {page, erreurs} = await session.ouvrir("/comparer?t=commune:04070&periode=2021-2024");
    await versPairs(page);
    await page.locator(".position-pairs").waitFor();
    expect(await texte(page)).toContain("communes de la région Provence-Alpes-Côte d'Azur");
    await page.emulateMedia({media: "print"});
    expect(await page.locator("button.telechargement").first().isVisible()).toBe(false);
    expect(await page.locator(".tableau-periode").first().isVisible()).toBe(true);
    expect(erreurs).toEqual([]);
  });
});
