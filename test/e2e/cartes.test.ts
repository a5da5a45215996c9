// National maps (EPCI of France, a région, a département) on the diagnostic, built from the
// real files' warehouse (the 2025 EPCI contours are not in the embedded data).
import {describe, expect, it} from "vitest";
import {avecDonneesReelles, entrepotComplet} from "../aides.js";
import {AVEC_CHROMIUM, capture, cellulesEnErreur, sessionNavigateur, violationsGraves} from "./navigateur.js";
import {cleAgregats} from "../../src/lib/donnees-territoire.js";

const actif = AVEC_CHROMIUM && avecDonneesReelles();
const session = sessionNavigateur(entrepotComplet, actif);

// A région draws its EPCI in the browser: slow on a busy machine.
describe.skipIf(!actif)("cartes des EPCI dans Chromium (fichiers réels)", {timeout: 120_000}, () => {
  it.each([
    ["france", 1232, "France"],
    ["region:93", 52, "Provence-Alpes-Côte d'Azur"],
    ["departement:04", 12, "Alpes-de-Haute-Provence"]
  ] as const)("%s : une zone par EPCI, légende, tableau alternatif, liens vers les EPCI", async (id, epci, nom) => {
    const {page, erreurs, requetes} = await session.ouvrir(`/diagnostic?t=${id}`);
    // Below the first figures, the map's files are fetched when it comes near the screen.
    await page.locator("section.section-annexe").first().waitFor();
    expect(requetes.filter((r) => r.startsWith("/data/cartes/"))).toEqual([]);
    await page.getByText("Carte des EPCI : chargement des contours…").scrollIntoViewIfNeeded();
    const carte = page.locator("figure.carte-epci");
    await carte.locator("svg").first().waitFor({timeout: 60_000});
    // One link per EPCI (Métropole du Grand Paris once, not its territoires), each to that EPCI's page.
    expect(await carte.locator(".alternative-carte a[href^='?t=epci:']").count()).toBe(epci);
    expect(await carte.locator(".alternative-carte tbody tr").count()).toBe(epci);
    expect(await carte.locator("svg").count()).toBeGreaterThan(1); // map and colour legend (classes)
    expect(await carte.locator("figcaption").innerText()).toContain(nom);
    await capture(page, `carte-epci-${id.replace(":", "-")}`);
    expect(await cellulesEnErreur(page)).toEqual([]);
    expect(erreurs).toEqual([]);
  });
});

describe.skipIf(!actif)("premier chargement léger (fichiers réels)", () => {
  it("le sélecteur trouve une commune par son nom, son code ou un ancien code sans télécharger tout l'index des communes", async () => {
    const {page, erreurs, requetes} = await session.ouvrir("/");
    const tranches = () => requetes.filter((r) => r.includes("/data/index-communes/"));
    expect(tranches()).toEqual([]); // the first load has no commune slice (PAA's page)
    await page.fill("#recherche-territoire", "digne");
    await page.getByRole("option", {name: /Digne-les-Bains.*04070/}).waitFor();
    expect(tranches()).toEqual(["/data/index-communes/n-d.json"]);
    await page.fill("#recherche-territoire", "93059");
    await page.getByRole("option", {name: /Pierrefitte-sur-Seine.*Saint-Denis \(93066\)/}).waitFor();
    await page.fill("#recherche-territoire", "Saint-Jean-de-Luz");
    await page.getByRole("option", {name: /Saint-Jean-de-Luz/}).waitFor();
    await page.getByRole("option", {name: /Saint-Jean-de-Luz/}).click();
    await page.locator("[data-figure='population-municipale']").waitFor();
    expect(page.url()).toContain("t=commune%3A64483");
    // a few slices of the 126 (n-d; c-93; n-s, n-j and n-l for Saint-Jean-de-Luz), not the whole index
    expect(new Set(tranches())).toEqual(new Set(["n-d", "c-93", "n-s", "n-j", "n-l"].map((c) => `/data/index-communes/${c}.json`)));
    expect(requetes.some((r) => /index-territoires/.test(r))).toBe(true);
    expect(erreurs).toEqual([]);
  });

  it("une recherche tapée plus vite que n'arrive sa tranche d'index affiche ses communes quand elle arrive", async () => {
    const {page, erreurs} = await session.ouvrir("/");
    // each slice late by 800 ms: "aiglun" asks for the same slice at each key, the first answer comes when the field says "aiglun"
    await page.route("**/data/index-communes/*.json", async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    });
    await page.locator("#recherche-territoire").focus();
    await page.keyboard.type("aiglun");
    await page.getByRole("option", {name: /Aiglun.*04001/}).waitFor({timeout: 15_000});
    expect(erreurs).toEqual([]);
  });

  it.each([["/diagnostic", "france"], ["/comparer", "france"], ["/diagnostic", "region:93"], ["/diagnostic", "departement:59"], ["/comparer", "departement:59"]])("%s?t=%s : premiers chiffres depuis les fichiers de la construction, 20 requêtes au plus", async (chemin, id) => {
    const {page, erreurs, requetes} = await session.ouvrir(`${chemin}?t=${id}`);
    await page.locator({"/diagnostic": "section.section-annexe td", "/comparer": "table.comparaison td.nombre"}[chemin]!).first().waitFor();
    expect(requetes.filter((r) => r.startsWith("/data/faits/") || r.startsWith("/data/communes/"))).toEqual([]);
    // Provence-Alpes-Côte d'Azur (946 communes) too: every région reads its build-time file, not its départements' 6 files;
    // and the Nord, not its communes' files (140 Ko)
    expect(requetes).toContain(`/data/agregats/${cleAgregats(id)}.json`);
    // the page, its bundle and Framework's modules, its data files
    expect(requetes.length, requetes.join(" ")).toBeLessThanOrEqual(20);
    await capture(page, `premier-chargement-${id.replace(":", "-")}${chemin.replace("/", "-")}`);
    expect(await cellulesEnErreur(page)).toEqual([]);
    expect(erreurs).toEqual([]);
  });

  it("un département : ses chiffres depuis la construction, puis son détail par commune à la demande (bouton, adresse partagée)", async () => {
    const {page, erreurs, requetes} = await session.ouvrir("/diagnostic?t=departement:06");
    await page.locator("section.section-annexe td").first().waitFor();
    const desCommunes = () => requetes.filter((r) => r.startsWith("/data/faits/") || r.startsWith("/data/communes/"));
    expect(desCommunes()).toEqual([]);
    expect(await page.locator("table.tableau-communes").count()).toBe(0);
    expect(await violationsGraves(page), "avant le détail").toEqual([]);
    await page.getByRole("button", {name: "Afficher le détail par commune"}).click();
    await page.locator("table.tableau-communes tbody tr").first().waitFor();
    expect(desCommunes().sort()).toEqual(["/data/communes/06.json", "/data/faits/06.json"]);
    // One row per commune of the Alpes-Maritimes in each table, and the choice kept in the address.
    expect(await page.locator("table.tableau-communes").first().locator("tbody tr").count()).toBe(163);
    expect(page.url()).toContain("detail=communes");
    await expect(page.getByRole("button", {name: "Afficher le détail par commune"}).count()).resolves.toBe(0);
    // The keyboard focus stays where the button was, on the line that says the detail is there.
    await page.getByText("Détail par commune affiché ci-dessous.").waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Détail par commune affiché ci-dessous.");
    expect(await violationsGraves(page), "avec le détail").toEqual([]);
    await capture(page, "departement-06-detail-communes");
    expect(await cellulesEnErreur(page)).toEqual([]);
    expect(erreurs).toEqual([]);
  });

  it("accueil de la France : populations depuis la construction, communes et autorités organisatrices à la demande", async () => {
    const {page, erreurs, requetes} = await session.ouvrir("/?t=france");
    await page.locator("[data-figure='population-municipale']").waitFor();
    const desCommunes = () => requetes.filter((r) => r.startsWith("/data/communes/"));
    expect(desCommunes()).toEqual([]);
    expect(requetes).toContain("/data/agregats/france.json");
    expect(requetes.length, requetes.join(" ")).toBeLessThanOrEqual(20);
    const avant = await page.locator("[data-figure='population-municipale']").innerText();
    expect(Number(avant.replace(/\D/g, ""))).toBeGreaterThan(68_000_000);
    await page.getByRole("button", {name: "Afficher le détail par commune"}).click();
    await page.locator("table.tableau-ao").waitFor({timeout: 60_000});
    // Every département's communes, and the same population computed from them.
    expect(desCommunes().length).toBeGreaterThan(100);
    expect(await page.locator("[data-figure='population-municipale']").innerText()).toBe(avant);
    expect(page.url()).toContain("detail=communes");
    expect(await cellulesEnErreur(page)).toEqual([]);
    expect(erreurs).toEqual([]);
  }, 120_000);
});
