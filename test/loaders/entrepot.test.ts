// A failed load must leave the previous good warehouse untouched.
import {copyFileSync, mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {construireEntrepot, ErreurChargement} from "../../loaders/lib/warehouse.js";
import {entrepotEmbarque, requete} from "../aides.js";

describe("construction atomique de l'entrepôt", () => {
  it("garde l'entrepôt précédent quand un chargeur échoue", async () => {
    const dossier = mkdtempSync(join(tmpdir(), "ctg-entrepot-"));
    const cible = join(dossier, "warehouse.duckdb");
    copyFileSync(entrepotEmbarque(), cible);
    const avant = await requete(cible, "SELECT count(*)::INTEGER AS n FROM commune");
    const enPanne = {id: "panne", libelle: "Chargeur en panne", charger: async () => { throw new ErreurChargement("fichier illisible : essai.csv, ligne 3"); }};
    await expect(construireEntrepot({cible, sources: dossier, chargeurs: [enPanne], log: () => {}})).rejects.toThrow("fichier illisible : essai.csv, ligne 3");
    expect(await requete(cible, "SELECT count(*)::INTEGER AS n FROM commune")).toEqual(avant);
    expect(avant[0]!.n).toBe(34969);
  });

  it("refuse un bilan de lignes incohérent (rien ne se perd sans être compté)", async () => {
    const dossier = mkdtempSync(join(tmpdir(), "ctg-entrepot-"));
    const faux = {
      id: "faux", libelle: "Comptage faux",
      charger: async (ctx: Parameters<typeof construireEntrepot>[0]["chargeurs"][number] extends {charger: (c: infer C) => unknown} ? C : never) =>
        ctx.enregistrer({id: "x", editeur: "x", titre: "x", url: "x", millesime: "x", fichier: "x.csv", sha256: "0", lignesLues: 10, lignesChargees: 8, lignesRejetees: 1})
    };
    await expect(construireEntrepot({cible: join(dossier, "w.duckdb"), sources: null, chargeurs: [faux], log: () => {}})).rejects.toThrow(/Comptage incohérent pour x\.csv : 10 lignes lues, 8 chargées, 1 rejetées/);
  });
});
