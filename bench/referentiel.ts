// Referential load: our loader (zod validation, vintages mapped onto 2026, source
// records) against DuckDB alone reading the same JSON files, in the same run.
import {DuckDBInstance} from "@duckdb/node-api";
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {createRequire} from "node:module";
import {construireEntrepot} from "../loaders/lib/warehouse.js";
import {chargeurReferentiel, PAQUETS} from "../loaders/referentiel.js";
import {chrono, ms, ratio, type Ligne} from "./mesure.js";

const require = createRequire(import.meta.url);

function fichiersLus(): string[] {
  const dossier = (p: string) => join(require.resolve(`${p}/package.json`), "..", "data");
  return [
    ...["communes.json", "epci.json", "departements.json", "regions.json"].map((f) => join(dossier(PAQUETS["2026"]), f)),
    join(dossier(PAQUETS["2024"]), "communes.json"), join(dossier(PAQUETS["2024"]), "epci.json"),
    join(dossier(PAQUETS["2023"]), "communes.json"), join(dossier(PAQUETS["2023"]), "epci.json"),
    join(dossier(PAQUETS["2022"]), "epci.json")
  ];
}

export async function benchReferentiel(): Promise<Ligne[]> {
  const dossier = mkdtempSync(join(tmpdir(), "ctg-bench-"));
  const nous = await chrono(() => construireEntrepot({cible: join(dossier, "w.duckdb"), sources: null, chargeurs: [chargeurReferentiel], log: () => {}}));
  const duck = await chrono(async () => {
    const instance = await DuckDBInstance.create(join(dossier, "nu.duckdb"));
    const conn = await instance.connect();
    for (const [i, f] of fichiersLus().entries()) {
      await conn.run(`CREATE TABLE t${i} AS SELECT * FROM read_json('${f}', maximum_object_size=100000000)`);
    }
    conn.closeSync();
    instance.closeSync();
  });
  return [
    {mesure: "Construction de l'entrepôt (référentiel, 5 millésimes)", valeur: ms(nous.ms)},
    {mesure: "DuckDB seul : read_json des mêmes fichiers", valeur: ms(duck.ms)},
    {mesure: "Rapport chargeur / DuckDB seul", valeur: ratio(nous.ms, duck.ms)}
  ];
}
