// The series read from the warehouse do not depend on the physical order of its rows: two loads of
// the same files (DuckDB writes in parallel, in no fixed order) must give the same site files, byte for byte.
import {DuckDBInstance} from "@duckdb/node-api";
import {copyFileSync, mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {avecEntrepot} from "../../entrepot/connexion.js";
import {lireFaits} from "../../entrepot/faits.js";
import {entrepotEmbarque} from "../aides.js";

/** A copy of the warehouse whose populations (the embedded warehouse's series) are stored in reverse order. */
async function copieALEnvers(chemin: string): Promise<string> {
  const copie = join(mkdtempSync(join(tmpdir(), "ctg-faits-ordre-")), "warehouse.duckdb");
  copyFileSync(chemin, copie);
  const instance = await DuckDBInstance.create(copie);
  const conn = await instance.connect();
  await conn.run("CREATE OR REPLACE TABLE population_legale AS SELECT * FROM population_legale ORDER BY commune DESC, millesime DESC");
  conn.closeSync();
  instance.closeSync();
  return copie;
}

describe("séries de l'entrepôt", () => {
  it("mêmes séries, clés dans le même ordre, quel que soit l'ordre des lignes dans l'entrepôt", async () => {
    const chemin = entrepotEmbarque();
    const [droit, envers] = await Promise.all([chemin, await copieALEnvers(chemin)].map((c) => avecEntrepot((conn) => lireFaits(conn), c)));
    expect(Object.keys(droit!.series.pop_mun ?? {}).length).toBeGreaterThan(30_000);
    expect(JSON.stringify(envers)).toBe(JSON.stringify(droit));
  });
});
