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

export async function ajouterPopulations(
  conn: DuckDBConnection,
  o: {millesime: number; sourceId: string; fichier: string; lignes: LignePopulation[]; remplacer: boolean}
): Promise<BilanPopulations> {
  await conn.run("CREATE OR REPLACE TEMP TABLE pop_entree (commune VARCHAR, pmun INTEGER, ptot INTEGER, ligne INTEGER)");
  const a = await conn.createAppender("pop_entree", "main", "temp");
  for (const l of o.lignes) {
    a.appendVarchar(l.commune);
    a.appendInteger(l.pmun);
    if (l.ptot == null) a.appendNull(); else a.appendInteger(l.ptot);
    if (l.ligne == null) a.appendNull(); else a.appendInteger(l.ligne);
    a.endRow();
  }
  a.closeSync();
  // Current codes map to themselves; former codes to the commune that absorbed them.
  await conn.run(`CREATE OR REPLACE TEMP TABLE pop_cible AS
    WITH correspondance AS (
      SELECT code, code AS cible FROM commune
      UNION ALL
      SELECT code, any_value(commune) FROM commune_ancienne WHERE code NOT IN (SELECT code FROM commune) GROUP BY code
    )
    SELECT e.*, m.cible FROM pop_entree e LEFT JOIN correspondance m ON m.code = e.commune`);
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
  if (o.remplacer) {
    await conn.run("DELETE FROM population_legale WHERE millesime = $m AND commune IN (SELECT commune FROM pop_agregee)", {m: o.millesime});
  }
  const avant = await compter(conn, o.millesime);
  await conn.run(
    `INSERT INTO population_legale
     SELECT $m, a.commune, a.pmun, a.ptot, $src, a.recompose FROM pop_agregee a
     ANTI JOIN (SELECT commune FROM population_legale WHERE millesime = $m) p ON p.commune = a.commune`,
    {m: o.millesime, src: o.sourceId}
  );
  const ajoutees = (await compter(conn, o.millesime)) - avant;
  const stats = (await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE recompose)::INTEGER AS r FROM pop_agregee`)).getRowObjectsJS()[0] as {n: number; r: number};
  const valides = o.lignes.length - rejets.length;
  const ecartees = stats.n - ajoutees;
  return {
    chargees: valides,
    rejets,
    note: `${ajoutees} communes écrites pour le millésime ${o.millesime}` +
      (stats.r ? ` (dont ${stats.r} recomposées à partir d'anciens codes ou d'arrondissements)` : "") +
      (ecartees ? ` ; ${ecartees} déjà fournies par une source prioritaire` : "") + "."
  };
}

async function compter(conn: DuckDBConnection, millesime: number): Promise<number> {
  const r = await conn.runAndReadAll("SELECT count(*)::INTEGER AS n FROM population_legale WHERE millesime = $m", {m: millesime});
  return r.getRowObjectsJS()[0]!.n as number;
}
