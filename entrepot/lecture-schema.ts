// Reads the schéma pluriannuel tables (table schema_pluriannuel, loaders/saisies-schema.ts) in
// the shape the projections take (src/lib/projection-territoire.ts): shared by the
// site's data files (src/data/fichiers.ts) and the CLI (`ctg projection`).
import type {DuckDBConnection} from "@duckdb/node-api";
import type {LigneSchema} from "../src/lib/projection-territoire.js";

export async function lireSchemaPluriannuel(conn: DuckDBConnection): Promise<LigneSchema[]> {
  const r = await conn.runAndReadAll(`
    SELECT territoire, ao, type_ao, mode, unite, periode, valeur, nb_structures, besoins_emplois, autres_besoins,
      projets, couts_calendrier, ingenierie, source, note
    FROM schema_pluriannuel ORDER BY territoire, ligne`);
  return r.getRowObjectsJS() as unknown as LigneSchema[];
}
