// Every page, built from a fresh clone's embedded data, loaded in headless Chromium:
// no console error, no error cell, and the expected figures in the DOM.
import {describe, expect, it} from "vitest";
import {entrepotEmbarque} from "../aides.js";
import {AVEC_CHROMIUM, capture, CHROMIUM, cellulesEnErreur, sessionNavigateur, texte} from "./navigateur.js";

const avecChromium = AVEC_CHROMIUM;
if (!avecChromium) console.warn(`Chromium absent (${CHROMIUM}) : tests navigateur ignorés. Installez le paquet Debian « chromium » (bash .ci/run le fait).`);
const session = sessionNavigateur(entrepotEmbarque);

describe.skipIf(!avecChromium)("site dans Chromium (données embarquées)", () => {
  it("accueil : la CTG de PAA, sa population et ses autorités organisatrices", async () => {
    const {page, erreurs} = await session.ouvrir("/");
    await page.getByText("Autorités organisatrices de l'accueil du jeune enfant").first().waitFor();
    await page.locator("[data-figure='ao-200067437']").waitFor();
    const t = await texte(page);
    expect(t).toContain("CTG Provence Alpes Agglomération");
    expect(t).toContain("49 137"); // population municipale, millésime 2023 (package)
    expect(t).toContain("48 726"); // millésime 2022, in the evolution table (seed 000)
    expect(await page.locator("[data-figure='ao-200067437']").innerText()).toMatch(/^38\s193$/);
    expect(await page.locator("[data-figure='ao-04149']").innerText()).toMatch(/^2\s841$/);
    await capture(page, "accueil-paa");
    expect(await cellulesEnErreur(page)).toEqual([]);
    expect(erreurs).toEqual([]);
  });

  it("accueil : rechercher et choisir une commune met à jour la page et l'URL", async () => {
    const {page, erreurs} = await session.ouvrir("/");
    await page.fill("#recherche-territoire", "digne");
    await page.getByRole("option", {name: /Digne-les-Bains.*04070/}).click();
    await page.locator("[data-figure='ao-200067437']").waitFor(); // Digne transferred the AO competence to its EPCI (data/competences-ao)
    expect(page.url()).toContain("t=commune%3A04070");
    expect(await page.locator("[data-figure='population-municipale']").innerText()).toMatch(/^17\s979$/);
    await capture(page, "accueil-digne");
    expect(erreurs).toEqual([]);
  });

  it("accueil : un EPCI hors CTG, un département et une adresse partagée", async () => {
    const {page, erreurs} = await session.ouvrir("/?t=epci:240400440");
    await page.locator("[data-figure='nombre-communes']").waitFor();
    expect(await page.locator("[data-figure='nombre-communes']").innerText()).toBe("13");
    const dep = await session.ouvrir("/?t=departement:06");
    await dep.page.locator("[data-figure='nombre-communes']").waitFor();
    expect(await dep.page.locator("[data-figure='nombre-communes']").innerText()).toBe("163");
    expect(erreurs).toEqual([]);
    expect(dep.erreurs).toEqual([]);
  });

  it("méthodologie : sources chargées et millésimes", async () => {
    const {page, erreurs} = await session.ouvrir("/methodologie");
    await page.locator("table").first().waitFor();
    const t = await texte(page);
    expect(t).toContain("Millésimes de population chargés");
    expect(t).toContain("38 193");
    expect(t).toContain("Populations légales millésime 2022");
    await capture(page, "methodologie");
    expect(await cellulesEnErreur(page)).toEqual([]);
    expect(erreurs).toEqual([]);
  });
});

describe.skipIf(!avecChromium)("diagnostic, comparaison et impression (données embarquées)", () => {
  it("diagnostic de la CTG de PAA : saisies des analystes avec leur source, population du millésime choisi", async () => {
    const {page, erreurs} = await session.ouvrir("/diagnostic?t=groupe:ctg-paa");
    await page.locator("[data-figure='allocataires']").waitFor();
    expect(await page.locator("[data-figure='allocataires']").innerText()).toMatch(/^9\s635$/);
    expect(await page.locator("[data-figure='personnes_couvertes']").innerText()).toMatch(/^20\s625$/);
    expect(await page.locator("[data-figure='population_municipale']").innerText()).toMatch(/^49\s137$/);
    await page.selectOption("select >> nth=0", {label: "2022 (en vigueur au 1er janvier 2025)"});
    await page.locator("[data-figure='population_municipale']", {hasText: /48\s726/}).waitFor();
    expect(await page.locator("[data-figure='part_population_couverte']").innerText()).toMatch(/^42,3\s%$/);
    expect(await texte(page)).toContain("(saisie des analystes)");
    await capture(page, "diagnostic-paa");
    expect(await cellulesEnErreur(page)).toEqual([]);
    expect(erreurs).toEqual([]);
  });

  it("diagnostic d'un EPCI : détail par commune", async () => {
    const {page, erreurs} = await session.ouvrir("/diagnostic?t=epci:240400440");
    await page.locator("[data-figure='population_municipale']").waitFor();
    expect(await texte(page)).toContain("CC Pays Forcalquier et Montagne de Lure");
    expect(await page.locator("table.tableau-communes").first().locator("tbody tr").count()).toBe(13);
    expect(erreurs).toEqual([]);
  });

  it("diagnostic de la France : 34 969 communes, sans détail par commune", async () => {
    const {page, erreurs} = await session.ouvrir("/diagnostic?t=france");
    await page.locator("section.section-annexe").first().waitFor();
    const t = await texte(page);
    expect(t).toContain("34 969 communes");
    expect(t).toContain("Pour la France, une région ou au-delà de 1 000 communes, le détail par commune n'est pas affiché");
    expect(await page.locator("table.tableau-communes").count()).toBe(0);
    expect(await page.locator(".chargement").count()).toBe(0); // the loading line is gone once the data is there
    expect(erreurs).toEqual([]);
  });
  it("diagnostic d'une commune et téléchargement CSV", async () => {
    const {page, erreurs} = await session.ouvrir("/diagnostic?t=commune:04070");
    await page.locator("[data-figure='population_municipale']").waitFor();
    expect(await page.locator("[data-figure='population_municipale']").innerText()).toMatch(/^17\s979$/);
    const [telechargement] = await Promise.all([page.waitForEvent("download"), page.click("button[data-format='csv']")]);
    expect(telechargement.suggestedFilename()).toBe("annexe1-diagnostic-04070.csv");
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.click("button[data-format='xlsx']")]);
    expect(xlsx.suggestedFilename()).toBe("annexe1-diagnostic-04070.xlsx");
    expect(erreurs).toEqual([]);
  });

  it("comparaison des trois territoires CTG", async () => {
    const {page, erreurs} = await session.ouvrir("/comparer");
    await page.locator("table.comparaison").waitFor();
    const t = await texte(page);
    for (const nom of ["CTG Provence Alpes Agglomération", "Bassin de vie Carros", "CTG Pays de Forcalquier Montagne de Lure"]) expect(t).toContain(nom);
    expect(await page.locator("table.comparaison tr[data-indicateur='population_municipale']").innerText()).toMatch(/49\s137 ▲/);
    await capture(page, "comparer");
    expect(await cellulesEnErreur(page)).toEqual([]);
    expect(erreurs).toEqual([]);
  });

  it("impression : annexe A4 sans contrôles", async () => {
    const {page} = await session.ouvrir("/diagnostic?t=groupe:ctg-bassin-carros");
    await page.locator("[data-figure='allocataires']").waitFor();
    await page.emulateMedia({media: "print"});
    expect(await page.locator(".selecteur-territoire").isVisible()).toBe(false);
    expect(await page.locator("button.telechargement").first().isVisible()).toBe(false);
    expect(await page.locator("section.section-annexe").first().isVisible()).toBe(true);
    await capture(page, "diagnostic-impression");
  });
});
