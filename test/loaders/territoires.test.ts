// Custom territory files: each bad file is refused with a French message naming
// the file and the offending code, and the other files keep loading.
import {mkdtempSync, writeFileSync, copyFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {construireEntrepot} from "../../loaders/lib/warehouse.js";
import {ouvrirEntrepot} from "../../entrepot/connexion.js";
import {referentielsPourValidation, validerGroupe, chargeurTerritoires, type Referentiels} from "../../loaders/territoires.js";
import {chargeurReferentiel} from "../../loaders/referentiel.js";
import {entrepotEmbarque, requete} from "../aides.js";

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
  it("charge les fichiers valides, refuse les autres et consigne le motif", async () => {
    const dossier = mkdtempSync(join(tmpdir(), "ctg-territoires-"));
    copyFileSync(resolve(import.meta.dirname, "../../data/territoires/ctg-paa.json"), join(dossier, "ctg-paa.json"));
    writeFileSync(join(dossier, "mauvais.json"), JSON.stringify({id: "mauvais", nom: "Mauvais", communes: ["04070", "00000"]}));
    writeFileSync(join(dossier, "vide.json"), JSON.stringify({id: "vide", nom: "Vide"}));
    const cible = join(dossier, "entrepot.duckdb");
    const messages: string[] = [];
    await construireEntrepot({cible, sources: dossier, chargeurs: [chargeurReferentiel, chargeurTerritoires(dossier)], log: (m) => messages.push(m)});
    expect(await requete(cible, "SELECT id FROM groupe")).toEqual([{id: "ctg-paa"}]);
    const rejets = await requete<{fichier: string; motif: string}>(cible, "SELECT fichier, motif FROM rejet WHERE fichier LIKE 'data/territoires/%' ORDER BY fichier");
    expect(rejets.map((r) => r.motif)).toEqual([
      "data/territoires/mauvais.json : commune inconnue du référentiel 2026 : 00000.",
      "data/territoires/vide.json : le territoire « vide » ne contient aucune commune."
    ]);
    expect(messages.some((m) => m.includes("refusé — data/territoires/mauvais.json"))).toBe(true);
  });
});
