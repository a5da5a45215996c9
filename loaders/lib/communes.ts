// Bringing the commune codes of an official file onto the 2026 map of the referential:
// a file of an older geography uses codes of communes merged since, and arrondissement
// codes for Paris, Lyon and Marseille. Loaders join their rows to `code_commune` in SQL.
import type {DuckDBConnection} from "@duckdb/node-api";

/** The three communes divided into arrondissements municipaux (loi PLM of 1982): Paris, Lyon, Marseille. */
export const COMMUNES_A_ARRONDISSEMENTS = ["75056", "69123", "13055"] as const;

export type StatutCode = "actuelle" | "arrondissement" | "ancienne" | "ambigu";

/**
 * Builds the temporary table `code_commune (code, commune, statut)`: every code a file
 * may use for a place of the 2026 map. `statut` is
 * - `actuelle`: a commune of the referential (commune = code);
 * - `arrondissement`: an arrondissement municipal (commune = Paris, Lyon or Marseille);
 * - `ancienne`: a former code of a commune merged or renumbered since (commune = today's);
 * - `ambigu`: a former code now spread over several communes (commune NULL: cannot be placed).
 * A code absent from the table is unknown to the referential.
 * Built once per connection, for every loader of a load (it took 9 ms in each of four loaders,
 * measured); the referential loader drops it before writing the communes (OUBLIER_CODES_COMMUNES).
 */
export async function preparerCodesCommunes(conn: DuckDBConnection): Promise<void> {
  const plm = COMMUNES_A_ARRONDISSEMENTS.map((c) => `'${c}'`).join(", ");
  await conn.run(`CREATE TEMP TABLE IF NOT EXISTS code_commune AS
    SELECT code, code AS commune, 'actuelle' AS statut FROM commune
    UNION ALL
    SELECT a.code,
      CASE WHEN count(DISTINCT a.commune) = 1 THEN min(a.commune) END,
      CASE WHEN count(DISTINCT a.commune) > 1 THEN 'ambigu' WHEN min(a.commune) IN (${plm}) THEN 'arrondissement' ELSE 'ancienne' END
    FROM commune_ancienne a ANTI JOIN commune c ON c.code = a.code
    GROUP BY a.code`);
}

/** Run by whatever writes the communes of the referential: code_commune is built anew from them. */
export const OUBLIER_CODES_COMMUNES = "DROP TABLE IF EXISTS temp.code_commune";

/** Why a commune code could not be placed, for rejects (SQL CASE on `statut`, NULL = unknown). */
export function motifCodeCommune(statut: string): string {
  return `CASE WHEN ${statut} IS NULL THEN 'code commune inconnu du référentiel (géographie 2026) : ni commune actuelle, ni ancien code, ni arrondissement municipal'
    WHEN ${statut} = 'ambigu' THEN 'ancien code commune réparti depuis entre plusieurs communes actuelles : impossible à rattacher à une seule'
    WHEN ${statut} = 'arrondissement' THEN 'code d''arrondissement municipal à la place d''un code commune'
  END`;
}
