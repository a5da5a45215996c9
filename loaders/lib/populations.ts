// Writes legal-population rows for one millésime onto the current (2026) commune map:
// codes of communes merged since, and arrondissements municipaux, are summed into the
// current commune (flag `recompose`); a code the referential does not know is rejected.
import type {DuckDBConnection} from "@duckdb/node-api";
import type {Rejet} from "./source.js";

export interface LignePopulation {
  commune: string;
  pmun: number;
  ptot: number | null;
  /** Line in the source file, for reject messages (null for JSON sources without lines). */
  ligne: number | null;
}

export interface BilanPopulations {
  chargees: number;
  rejets: Rejet[];
  note: string;
}

/** Rows read from JSON (the referential package) into the temp table ajouterPopulations reads. */
export async function tablePopulations(conn: DuckDBConnection, lignes: LignePopulation[]): Promise<string> {
  await conn.run("CREATE OR REPLACE TEMP TABLE pop_entree (commune VARCHAR, pmun INTEGER, ptot INTEGER, ligne INTEGER)");
  const a = await conn.createAppender("pop_entree", "main", "temp");
  for (const l of lignes) {
    a.appendVarchar(l.commune);
    a.appendInteger(l.pmun);
    if (l.ptot == null) a.appendNull(); else a.appendInteger(l.ptot);
    if (l.ligne == null) a.appendNull(); else a.appendInteger(l.ligne);
    a.endRow();
  }
  a.closeSync();
  return "pop_entree";
}

/**
 * `entree` is a SQL relation with columns commune, pmun, ptot, ligne (a CSV read by
 * lireCsv stays in DuckDB: no round trip of 35 000 rows through JavaScript).
 */
export async function ajouterPopulations(
  conn: DuckDBConnection,
  o: {millesime: number; sourceId: string; fichier: string; entree: string; remplacer: boolean}
): Promise<BilanPopulations> {
  // Current codes map to themselves; former codes to the commune that absorbed them.
  await conn.run(`CREATE OR REPLACE TEMP TABLE pop_cible AS
    WITH correspondance AS (
      SELECT code, code AS cible FROM commune
      UNION ALL
      SELECT code, any_value(commune) FROM commune_ancienne WHERE code NOT IN (SELECT code FROM commune) GROUP BY code
    )
    SELECT e.commune, e.pmun, e.ptot, e.ligne, m.cible FROM ${o.entree} e LEFT JOIN correspondance m ON m.code = e.commune`);
  const inconnus = await conn.runAndReadAll("SELECT commune, ligne FROM pop_cible WHERE cible IS NULL ORDER BY ligne, commune");
  const rejets: Rejet[] = inconnus.getRowObjectsJS().map((r) => ({
    fichier: o.fichier, ligne: (r.ligne as number | null) ?? null, colonne: "commune", valeur: String(r.commune),
    motif: "code commune absent du référentiel (géographie 2026)"
  }));
  await conn.run(`CREATE OR REPLACE TEMP TABLE pop_agregee AS
    SELECT cible AS commune, sum(pmun)::INTEGER AS pmun,
      CASE WHEN count(ptot) = count(*) THEN sum(ptot)::INTEGER END AS ptot,
      (count(*) > 1 OR bool_or(commune <> cible)) AS recompose
    FROM pop_cible WHERE cible IS NOT NULL GROUP BY cible`);
  // A file that supersedes a vintage rewrites its rows in place: an UPDATE of non-key
  // columns leaves the primary-key index alone, where DELETE + INSERT rebuilt it (5 times slower).
  const param = {m: o.millesime, src: o.sourceId};
  const remplacees = !o.remplacer ? 0 : (await conn.run(
    `UPDATE population_legale p SET population_municipale = a.pmun, population_totale = a.ptot, source_id = $src, recompose = a.recompose
     FROM pop_agregee a WHERE p.millesime = $m AND p.commune = a.commune`, param)).rowsChanged;
  const ajoutees = remplacees + (await conn.run(
    `INSERT INTO population_legale
     SELECT $m, a.commune, a.pmun, a.ptot, $src, a.recompose FROM pop_agregee a
     ANTI JOIN (SELECT commune FROM population_legale WHERE millesime = $m) p ON p.commune = a.commune`,
    param
  )).rowsChanged;
  const stats = (await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE recompose)::INTEGER AS r,
    (SELECT count(*) FROM pop_cible WHERE cible IS NOT NULL)::INTEGER AS valides FROM pop_agregee`)).getRowObjectsJS()[0] as {n: number; r: number; valides: number};
  const valides = stats.valides;
  const ecartees = stats.n - ajoutees;
  return {
    chargees: valides,
    rejets,
    note: `${ajoutees} communes écrites pour le millésime ${o.millesime}` +
      (stats.r ? ` (dont ${stats.r} recomposées à partir d'anciens codes ou d'arrondissements)` : "") +
      (ecartees ? ` ; ${ecartees} déjà fournies par une source prioritaire` : "") + "."
  };
}
