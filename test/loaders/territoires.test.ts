// Custom territory files: each bad file is refused with a French message naming
// the file and the offending code, and the whole load fails (previous warehouse kept).
import {copyFileSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {construireEntrepot} from "../../loaders/lib/warehouse.js";
import {ouvrirEntrepot} from "../../entrepot/connexion.js";
import {referentielsPourValidation, validerGroupe, chargeurTerritoires, type Referentiels} from "../../loaders/territoires.js";
import {entrepotEmbarque, requete} from "../aides.js";
import {chargeurCopieReferentiel} from "./aides-sources.js";

let ref: Referentiels;
beforeAll(async () => {
  const conn = await ouvrirEntrepot(entrepotEmbarque());
  ref = await referentielsPourValidation(conn);
  conn.closeSync();
});

const valider = (obj: unknown) => validerGroupe("data/territoires/essai.json", typeof obj === "string" ? obj : JSON.stringify(obj), ref);

describe("validation d'un fichier de territoire", () => {
  it("accepte un groupe de communes et d'EPCI", () => {
    const r = valider({id: "essai", nom: "Essai", communes: ["06033"], epci: ["240400440"]});
    expect(r.erreurs).toEqual([]);
    expect(r.groupe!.communes).toHaveLength(14);
  });
  it("refuse une commune inconnue en nommant le fichier et le code", () => {
    expect(valider({id: "essai", nom: "Essai", communes: ["06033", "06999"]}).erreurs).toEqual([
      "data/territoires/essai.json : commune inconnue du référentiel 2026 : 06999."
    ]);
  });
  it("refuse une commune en double, y compris via un EPCI", () => {
    expect(valider({id: "essai", nom: "Essai", communes: ["06033", "06033"]}).erreurs[0]).toMatch(/commune en double : 06033/);
    expect(valider({id: "essai", nom: "Essai", communes: ["04070"], epci: ["200067437"]}).erreurs[0]).toMatch(/commune en double : 04070 .*200067437/);
  });
  it("refuse un groupe vide", () => {
    expect(valider({id: "essai", nom: "Essai"}).erreurs).toEqual(["data/territoires/essai.json : le territoire « essai » ne contient aucune commune."]);
  });
  it("refuse un fichier mal formé ou un champ invalide", () => {
    expect(valider("{ id: ").erreurs[0]).toMatch(/^data\/territoires\/essai\.json : JSON mal formé/);
    expect(valider({id: "Essai !", nom: "Essai", communes: ["06033"]}).erreurs[0]).toMatch(/champ « id »/);
    expect(valider({id: "essai", nom: "Essai", communes: ["6033"]}).erreurs[0]).toMatch(/champ « communes\.0 » : code commune INSEE attendu/);
    expect(valider({id: "essai", nom: "Essai", communes: ["06033"], inconnu: 1}).erreurs[0]).toMatch(/inconnu/);
  });
  it("refuse une définition d'AO incohérente", () => {
    const r = valider({id: "essai", nom: "Essai", epci: ["200067437"], autoritesOrganisatrices: [{epci: "200067437", sauf: ["06033"]}]});
    expect(r.erreurs).toEqual(["data/territoires/essai.json : autorité organisatrice 200067437 : la commune 06033 n'est pas membre de cet EPCI."]);
  });
});

describe("chargement d'un dossier de territoires", () => {
  it("un territoire refusé fait échouer tout le chargement : l'entrepôt précédent est gardé, octet pour octet", async () => {
    const dossier = mkdtempSync(join(tmpdir(), "ctg-territoires-"));
    copyFileSync(resolve(import.meta.dirname, "../../data/territoires/ctg-paa.json"), join(dossier, "ctg-paa.json"));
    const cible = join(dossier, "entrepot.duckdb");
    await construireEntrepot({cible, sources: dossier, chargeurs: [chargeurCopieReferentiel, chargeurTerritoires(dossier)], log: () => {}});
    expect(await requete(cible, "SELECT id FROM groupe")).toEqual([{id: "ctg-paa"}]);
    const avant = readFileSync(cible);
    writeFileSync(join(dossier, "mauvais.json"), JSON.stringify({id: "mauvais", nom: "Mauvais", communes: ["04070", "00000"]}));
    writeFileSync(join(dossier, "vide.json"), JSON.stringify({id: "vide", nom: "Vide"}));
    const messages: string[] = [];
    await expect(construireEntrepot({cible, sources: dossier, chargeurs: [chargeurCopieReferentiel, chargeurTerritoires(dossier)], log: (m) => messages.push(m)}))
      .rejects.toThrow("Territoires CTG refusés : data/territoires/mauvais.json : commune inconnue du référentiel 2026 : 00000. data/territoires/vide.json : le territoire « vide » ne contient aucune commune.");
    expect(readFileSync(cible).equals(avant)).toBe(true);
    expect(messages.some((m) => m.includes("refusé — data/territoires/mauvais.json"))).toBe(true);
  });

  it("décode un fichier enregistré en Windows-1252 (jamais de caractère de remplacement)", async () => {
    const dossier = mkdtempSync(join(tmpdir(), "ctg-territoires-"));
    writeFileSync(join(dossier, "essai.json"), Buffer.from(JSON.stringify({id: "essai", nom: "Gattières et Carros", description: "Vallée du Var, essai", communes: ["06064", "06033"]}), "latin1"));
    const cible = join(dossier, "entrepot.duckdb");
    await construireEntrepot({cible, sources: dossier, chargeurs: [chargeurCopieReferentiel, chargeurTerritoires(dossier)], log: () => {}});
    const [g] = await requete<{nom: string; description: string}>(cible, "SELECT nom, description FROM groupe");
    expect(g!.nom).toBe("Gattières et Carros");
    expect(g!.description).not.toContain("\ufffd");
  });
});
