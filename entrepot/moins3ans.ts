// The calibration of the under-3 estimator read from the warehouse: every commune (and PLM
// arrondissement) with its EPCI and département, and every commune × year where the Cnaf
// published a rate beside births N−2..N (src/lib/estimation-moins3ans.ts).
import type {DuckDBConnection} from "@duckdb/node-api";
import {calibrer, POOLS_COMPARES, type CommuneCalibration, type FacteurMoins3, type ObservationRatio} from "../src/lib/estimation-moins3ans.js";
import {valider, validerHorizons, type ResultatValidation} from "../src/lib/validation-moins3ans.js";

/**
 * Births N−2..N (all three published) beside the children the Cnaf counted (places / taux × 100,
 * rate > 0): communes and PLM arrondissements, which the Cnaf and INSEE both break out.
 */
const OBSERVATIONS = `
  WITH n AS (SELECT code, annee, naissances FROM naissance WHERE niveau IN ('COM', 'ARM') AND naissances IS NOT NULL),
  brut AS (SELECT n0.code, n0.annee, (n0.naissances + n1.naissances + n2.naissances)::DOUBLE AS brut
    FROM n n0 JOIN n n1 ON n1.code = n0.code AND n1.annee = n0.annee - 1 JOIN n n2 ON n2.code = n0.code AND n2.annee = n0.annee - 2)
  SELECT c.code, c.annee::INTEGER AS annee, b.brut, c.places / c.taux * 100 AS implicite
  FROM caf_couverture c JOIN brut b ON b.code = c.code AND b.annee = c.annee
  WHERE c.niveau = 'com' AND c.mode = 'ensemble' AND c.statut IN ('territoire', 'arrondissement') AND c.taux > 0 AND c.places IS NOT NULL
  ORDER BY c.code, c.annee`;

/** Arrondissements take their city's EPCI and département. */
const COMMUNES = `
  SELECT code, epci, departement AS dep FROM commune
  UNION ALL SELECT a.code, c.epci, c.departement FROM commune_ancienne a JOIN commune c ON c.code = a.commune
    WHERE a.code IN (SELECT code FROM naissance WHERE niveau = 'ARM')`;

async function lire<T>(conn: DuckDBConnection, sql: string): Promise<T[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS() as unknown as T[];
}

export async function lireObservationsMoins3Ans(conn: DuckDBConnection): Promise<{observations: ObservationRatio[]; communes: CommuneCalibration[]}> {
  const existe = await lire<{n: number}>(conn, "SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name IN ('naissance', 'caf_couverture')");
  const communes = await lire<CommuneCalibration>(conn, existe[0]!.n === 2 ? COMMUNES : "SELECT code, epci, departement AS dep FROM commune");
  return {observations: existe[0]!.n === 2 ? await lire<ObservationRatio>(conn, OBSERVATIONS) : [], communes};
}

/** Σ births N−2..N of each commune at the latest year all three are published: its size class. */
const BRUT_RECENT = `
  WITH n AS (SELECT code, annee, naissances FROM naissance WHERE niveau IN ('COM', 'ARM') AND naissances IS NOT NULL)
  SELECT n0.code, arg_max(n0.naissances + n1.naissances + n2.naissances, n0.annee)::DOUBLE AS brut
  FROM n n0 JOIN n n1 ON n1.code = n0.code AND n1.annee = n0.annee - 1 JOIN n n2 ON n2.code = n0.code AND n2.annee = n0.annee - 2
  GROUP BY n0.code`;

/** Every commune's factor, fitted on every Cnaf year loaded (what the site and the CLI use). */
export async function lireCalibration(conn: DuckDBConnection): Promise<Map<string, FacteurMoins3>> {
  const {observations, communes} = await lireObservationsMoins3Ans(conn);
  if (!observations.length) return new Map();
  const brut = new Map((await lire<{code: string; brut: number}>(conn, BRUT_RECENT)).map((r) => [r.code, r.brut]));
  return calibrer(observations, communes, {brutTaille: (c) => brut.get(c)});
}

/** The out-of-sample validation on the loaded files (methodology page, bench, projections' band). */
export async function validationMoins3Ans(conn: DuckDBConnection): Promise<ResultatValidation> {
  const {observations, communes} = await lireObservationsMoins3Ans(conn);
  return valider(observations, communes, POOLS_COMPARES);
}

/** The errors by horizon only (the CLI's projection band). */
export async function lireErreursHorizons(conn: DuckDBConnection): Promise<ResultatValidation["horizons"]> {
  const {observations, communes} = await lireObservationsMoins3Ans(conn);
  return validerHorizons(observations, communes);
}
