// National maps (EPCI of France, a région, a département) on the diagnostic, built from the
// real files' warehouse (the 2025 EPCI contours are not in the embedded data).
import {describe, expect, it} from "vitest";
import {avecDonneesReelles, entrepotComplet} from "../aides.js";
import {AVEC_CHROMIUM, capture, cellulesEnErreur, sessionNavigateur} from "./navigateur.js";

const actif = AVEC_CHROMIUM && avecDonneesReelles();
const session = sessionNavigateur(entrepotComplet, actif);

// A région draws its EPCI in the browser: slow on a busy machine.
describe.skipIf(!actif)("cartes des EPCI dans Chromium (fichiers réels)", {timeout: 120_000}, () => {
  it.each([
    ["france", 1232, "France"],
    ["region:93", 52, "Provence-Alpes-Côte d'Azur"],
    ["departement:04", 12, "Alpes-de-Haute-Provence"]
  ] as const)("%s : une zone par EPCI, légende, tableau alternatif, liens vers les EPCI", async (id, epci, nom) => {
    const {page, erreurs} = await session.ouvrir(`/diagnostic?t=${id}`);
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
