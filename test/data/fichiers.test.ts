// The site's data files written before each build (src/data/fichiers.ts): every family, each file
// what its function computes, kept while the warehouse and the code hold, a French error for a
// missing warehouse. On the embedded warehouse (a fresh clone's), in a folder of the test's own.
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {avecEntrepot} from "../../entrepot/connexion.js";
import {lireDonneesDiagnostic} from "../../entrepot/diagnostic.js";
import {ecrireFichiers, type Lieux} from "../../src/data/fichiers.js";
import {fichiersAgregats} from "../../src/lib/donnees-territoire.js";
import {entrepotEmbarque} from "../aides.js";

const LONG = 300_000;

describe("fichiers de données du site", () => {
  let lieux: Lieux;
  beforeAll(async () => {
    const dossier = mkdtempSync(join(tmpdir(), "ctg-fichiers-"));
    lieux = {entrepot: entrepotEmbarque(), dossier, cache: join(dossier, "cache")};
    await ecrireFichiers(lieux);
  }, LONG);
  afterAll(() => rmSync(lieux.dossier, {recursive: true, force: true}));

  it("écrit chaque famille, dont les deux calculées par le second processus", () => {
    const familles = readdirSync(lieux.dossier, {withFileTypes: true}).filter((e) => e.isDirectory() && e.name !== "cache").map((e) => e.name).sort();
    expect(familles).toEqual(["agregats", "cartes", "communes", "contours", "faits", "index-communes", "pairs", "valeurs-epci"]);
    expect(readdirSync(lieux.dossier).filter((f) => f.endsWith(".json")).sort()).toEqual(
      ["france.json", "index-territoires.json", "schema-pluriannuel.json", "sources.json", "textes-analystes.json", "validation-moins3ans.json"]
    );
    // one file per département of the referential in each per-département family (overseas ones and
    // the collectivités with communes included), and the EPCI peers
    const faits = readdirSync(join(lieux.dossier, "faits"));
    expect(faits).toHaveLength(109);
    expect(faits).toEqual(expect.arrayContaining(["04.json", "06.json", "2A.json", "974.json"]));
    for (const famille of ["communes", "contours"]) expect(readdirSync(join(lieux.dossier, famille))).toEqual(faits);
    expect(readdirSync(join(lieux.dossier, "pairs"))).toContain("epci.json");
  });

  it("chaque fichier est ce que calcule sa fonction (France, agrégée à la construction)", async () => {
    const d = await avecEntrepot(lireDonneesDiagnostic, lieux.entrepot);
    expect(readFileSync(join(lieux.dossier, "agregats/france.json"), "utf8")).toBe(JSON.stringify(fichiersAgregats(d.ref, d.faits).get("france")));
  }, LONG);

  it("ne refait rien tant que l'entrepôt et le code n'ont pas changé", async () => {
    const fichier = join(lieux.dossier, "faits/04.json");
    const avant = statSync(fichier).mtimeMs;
    await ecrireFichiers(lieux);
    expect(statSync(fichier).mtimeMs).toBe(avant);
  }, LONG);

  it("un entrepôt absent : l'erreur en français, rien d'écrit", async () => {
    const ailleurs = mkdtempSync(join(tmpdir(), "ctg-fichiers-"));
    try {
      await expect(ecrireFichiers({...lieux, entrepot: join(ailleurs, "absent.duckdb"), dossier: ailleurs})).rejects.toThrow(/n'existe pas : lancez d'abord « npm run data »/);
      expect(readdirSync(ailleurs)).toEqual([]);
    } finally {
      rmSync(ailleurs, {recursive: true, force: true});
    }
  });
});
