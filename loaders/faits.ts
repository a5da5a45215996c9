// Reads the warehouse into the diagnostic's `Faits` (src/components/diagnostic.ts):
// per-commune base series and published non-aggregable statistics. One SQL per kind,
// so that every base series is defined here once (ids used by the indicator catalogue).
import type {DuckDBConnection} from "@duckdb/node-api";
import type {Cellule} from "../src/components/agregation.js";
import type {Faits} from "../src/components/diagnostic.js";

/** Base series per commune: base, commune, year, value, flag ('i' incomplete, 'a' approximate). */
const SERIES = `
  SELECT 'pop_mun' AS base, commune AS code, millesime AS annee, population_municipale::DOUBLE AS valeur, NULL AS drapeau FROM population_legale
  UNION ALL SELECT 'pop_tot', commune, millesime, population_totale, NULL FROM population_legale WHERE population_totale IS NOT NULL
  UNION ALL SELECT 'naissances', code, annee, naissances, NULL FROM naissance WHERE niveau = 'COM'
  UNION ALL SELECT 'caf_' || indicateur, commune, annee, valeur, CASE WHEN incomplet AND valeur IS NOT NULL THEN 'i' END FROM caf_allocataires_commune
`;

/** Published statistics by territory id (only where the publisher computed them). */
const PUBLIES = `
  SELECT 'filo_' || lower(indicateur) AS base,
    CASE niveau WHEN 'COM' THEN 'commune:' WHEN 'EPCI' THEN 'epci:' WHEN 'DEP' THEN 'departement:' WHEN 'REG' THEN 'region:' ELSE 'france' END
      || CASE WHEN niveau IN ('COM', 'EPCI', 'DEP', 'REG') THEN code ELSE '' END AS id,
    annee, valeur, NULL AS drapeau
  FROM filosofi WHERE indicateur IN ('Q2', 'PPSOC')
`;

function cellule(valeur: number | null, drapeau: string | null): Cellule {
  if (valeur == null) return null;
  return drapeau === "i" || drapeau === "a" ? [valeur, drapeau] : valeur;
}

/** Faits for the given communes (all when omitted); commune-level published figures restricted likewise. */
export async function lireFaits(conn: DuckDBConnection, communes?: readonly string[]): Promise<Faits> {
  await conn.run("CREATE OR REPLACE TEMP TABLE faits_communes (code VARCHAR)");
  if (communes) {
    const a = await conn.createAppender("faits_communes", "main", "temp");
    for (const c of communes) {
      a.appendVarchar(c);
      a.endRow();
    }
    a.closeSync();
  }
  const filtre = communes ? "WHERE code IN (SELECT code FROM faits_communes)" : "";
  const series = (await conn.runAndReadAll(`SELECT base, code, annee::VARCHAR AS annee, valeur, drapeau FROM (${SERIES}) ${filtre}`)).getRows();
  const filtreId = communes ? "WHERE NOT starts_with(id, 'commune:') OR substr(id, 9) IN (SELECT code FROM faits_communes)" : "";
  const publies = (await conn.runAndReadAll(`SELECT base, id, annee::VARCHAR AS annee, valeur, drapeau FROM (${PUBLIES}) ${filtreId}`)).getRows();
  const faits: Faits = {series: {}, publies: {}};
  for (const [base, code, annee, valeur, drapeau] of series as [string, string, string, number | null, string | null][]) {
    ((faits.series[base] ??= {})[code] ??= {})[annee] = cellule(valeur, drapeau);
  }
  for (const [base, id, annee, valeur, drapeau] of publies as [string, string, string, number | null, string | null][]) {
    ((faits.publies[base] ??= {})[id] ??= {})[annee] = cellule(valeur, drapeau);
  }
  return faits;
}
