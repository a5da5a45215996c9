// The calibration of the under-3 estimator read from the warehouse: every commune (and PLM
// arrondissement) with its EPCI and département, and every commune × year where the Cnaf
// published a rate beside births N−2..N (src/lib/modele-moins3ans.ts).
import type {DuckDBConnection} from "@duckdb/node-api";
import type {CommuneCalibration, FacteurMoins3, ObservationRatio} from "../src/lib/estimation-moins3ans.js";
import {calibrer, erreursSansPublication} from "../src/lib/modele-moins3ans.js";
import {parTaille, valider, validerHorizons, type ErreursProjection, type ResultatValidation} from "../src/lib/validation-moins3ans.js";

/**
 * Births N−2..N (all three published) beside the children the Cnaf counted (places / taux × 100,
 * rate > 0): communes and PLM arrondissements, which the Cnaf and INSEE both break out.
 */
const BRUT = (filtre: string) => `
  SELECT code, annee, brut FROM (
    SELECT code, annee, sum(naissances) OVER w AS brut, count(*) OVER w AS k, min(annee) OVER w AS premiere
    FROM naissance WHERE niveau IN ('COM', 'ARM') AND naissances IS NOT NULL ${filtre}
    WINDOW w AS (PARTITION BY code ORDER BY annee ROWS BETWEEN 2 PRECEDING AND CURRENT ROW))
  WHERE k = 3 AND premiere = annee - 2`;

const OBSERVATIONS = `
  WITH brut AS (${BRUT("AND code IN (SELECT code FROM caf_couverture)")})
  SELECT c.code, c.annee::INTEGER AS annee, b.brut::DOUBLE AS brut, c.places / c.taux * 100 AS implicite, p.brut::DOUBLE AS "brutPrecedent"
  FROM caf_couverture c JOIN brut b ON b.code = c.code AND b.annee = c.annee
    LEFT JOIN brut p ON p.code = c.code AND p.annee = c.annee - 3
  -- rows as published (not the communes the loader recomposes from arrondissements or former codes: their pieces are here)
  WHERE c.niveau = 'com' AND c.mode = 'ensemble' AND c.statut IN ('territoire', 'arrondissement') AND NOT c.recompose AND c.taux > 0 AND c.places IS NOT NULL
  ORDER BY c.code, c.annee`;

/** Arrondissements take their city's EPCI and département. */
const COMMUNES = `
  SELECT code, epci, departement AS dep FROM commune
  UNION ALL SELECT a.code, c.epci, c.departement FROM commune_ancienne a JOIN commune c ON c.code = a.commune
    WHERE a.code IN (SELECT code FROM naissance WHERE niveau = 'ARM')`;

async function lire<T>(conn: DuckDBConnection, sql: string): Promise<T[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS() as unknown as T[];
}

type Observations = {observations: ObservationRatio[]; communes: CommuneCalibration[]};
/** Read once per connection: the CLI's projection needs them for the factors and for the band. */
const lues = new WeakMap<DuckDBConnection, Promise<Observations>>();
export function lireObservationsMoins3Ans(conn: DuckDBConnection): Promise<Observations> {
  if (!lues.has(conn)) lues.set(conn, lireObservations(conn));
  return lues.get(conn)!;
}

async function lireObservations(conn: DuckDBConnection): Promise<Observations> {
  const existe = await lire<{n: number}>(conn, "SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name IN ('naissance', 'caf_couverture')");
  // Rows as arrays: 35 000 communes read as objects cost most of a CLI call.
  const lignes = (await conn.runAndReadAll(existe[0]!.n === 2 ? COMMUNES : "SELECT code, epci, departement AS dep FROM commune")).getRows() as [string, string | null, string][];
  const communes = lignes.map(([code, epci, dep]) => ({code, epci, dep}));
  return {observations: existe[0]!.n === 2 ? await lire<ObservationRatio>(conn, OBSERVATIONS) : [], communes};
}

/**
 * Every commune's factor (or those of `voulues`), fitted on every Cnaf year loaded: what the
 * site and the CLI use. The model is fitted on every published commune, whichever are asked.
 */
export async function lireCalibration(conn: DuckDBConnection, voulues?: readonly string[]): Promise<Map<string, FacteurMoins3>> {
  const {observations, communes} = await lireObservationsMoins3Ans(conn);
  if (!observations.length) return new Map();
  return calibrer(observations, communes, {voulues});
}

/** The out-of-sample validation on the loaded files (methodology page, bench, projections' band). */
export async function validationMoins3Ans(conn: DuckDBConnection): Promise<ResultatValidation> {
  const {observations, communes} = await lireObservationsMoins3Ans(conn);
  return valider(observations, communes);
}

/** What the projections' band needs: errors by horizon, and leave-one-out. */
export async function lireErreursProjection(conn: DuckDBConnection): Promise<ErreursProjection> {
  const {observations, communes} = await lireObservationsMoins3Ans(conn);
  return {horizons: validerHorizons(observations, communes), sansPublication: parTaille(erreursSansPublication(observations, communes))};
}
