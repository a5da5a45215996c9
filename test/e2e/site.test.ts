// Every page, built from a fresh clone's embedded data, loaded in headless Chromium:
// no console error, no error cell, and the expected figures in the DOM.
import {existsSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {entrepotEmbarque} from "../aides.js";
import {capture, cellulesEnErreur, CHROMIUM, construireSite, demarrer, texte, type Session} from "./navigateur.js";

let session: Session;

describe.skipIf(!existsSync(CHROMIUM))("site dans Chromium (données embarquées)", () => {
  beforeAll(async () => {
    construireSite(entrepotEmbarque());
    session = await demarrer();
  }, 240_000);
  afterAll(async () => session?.fermer());

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
    await page.getByRole("button", {name: /Digne-les-Bains.*04070/}).click();
    await page.locator("[data-figure='ao-04070']").waitFor();
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
