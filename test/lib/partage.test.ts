// The diagnostic's data read once per build and shared by the processes writing the site's data files
// (entrepot/partage.ts): the copy gives back exactly what the warehouse gives, is used
// while its key holds, and is not once the warehouse changes.
import {copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {avecEntrepot} from "../../entrepot/connexion.js";
import {lireDonneesDiagnostic, type DonneesDiagnostic} from "../../entrepot/diagnostic.js";
import {donneesDiagnosticPartagees} from "../../entrepot/partage.js";
import {avecDonneesReelles, entrepotComplet} from "../aides.js";

/** Each test reads the whole warehouse once or twice: minutes on a busy 2-core machine. */
const LONG = 600_000;

describe.skipIf(!avecDonneesReelles())("données du diagnostic partagées entre les processus de construction", () => {
  let frais: DonneesDiagnostic;
  let dossier: string;
  let entrepot: string;
  beforeAll(async () => {
    dossier = mkdtempSync(join(tmpdir(), "ctg-partage-"));
    // A copy: the second test changes its modification time.
    entrepot = join(dossier, "entrepot.duckdb");
    copyFileSync(entrepotComplet(), entrepot);
    frais = await avecEntrepot(lireDonneesDiagnostic, entrepot);
  }, LONG);
  afterAll(() => rmSync(dossier, {recursive: true, force: true}));

  it("la copie rend exactement ce que l'entrepôt rend (référentiel en Map, séries, chiffres publiés, comparaisons)", async () => {
    const premier = await donneesDiagnosticPartagees(entrepot, dossier);
    expect(readdirSync(dossier).filter((f) => f.endsWith(".ndjson"))).toHaveLength(1);
    const relu = await donneesDiagnosticPartagees(entrepot, dossier);
    expect(relu.ref.communes).toBeInstanceOf(Map);
    expect(relu.ref.communes.get("04070")).toEqual(frais.ref.communes.get("04070"));
    expect(relu.ref.communes.size).toBe(frais.ref.communes.size);
    // Digne-les-Bains births 2022 (../shared/data README): 117, read back from the copy.
    expect(relu.faits.series.naissances!["04070"]!["2022"]).toBe(117);
    expect(relu).toEqual(frais);
    expect(premier).toEqual(frais);
  }, LONG);

  it("la copie sert tant que sa clé tient ; un entrepôt modifié la fait relire", async () => {
    const nom = readdirSync(dossier).find((f) => f.endsWith(".ndjson"));
    const chemin = join(dossier, nom!);
    // A marked copy, to see which one is served: the births line is ["naissances", {commune: {year: value}}].
    const lignes = readFileSync(chemin, "utf8").split("\n").map((l) => (l.startsWith('["naissances"') ? l.replace(/"04070":\{[^}]*\}/, (o) => o.replace('"2022":117', '"2022":-1')) : l));
    writeFileSync(chemin, lignes.join("\n"));
    expect((await donneesDiagnosticPartagees(entrepot, dossier)).faits.series.naissances!["04070"]!["2022"]).toBe(-1);
    // Same bytes, new modification time (a rebuilt warehouse): the warehouse is read again.
    const maintenant = new Date();
    utimesSync(entrepot, maintenant, maintenant);
    expect((await donneesDiagnosticPartagees(entrepot, dossier)).faits.series.naissances!["04070"]!["2022"]).toBe(117);
  }, LONG);
});
