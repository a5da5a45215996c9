// Reads the warehouse into the diagnostic's `Faits` (src/lib/diagnostic.ts):
// per-commune base series and published non-aggregable statistics. One SQL per kind,
// so that every base series is defined here once (ids used by the indicator catalogue).
import type {DuckDBConnection} from "@duckdb/node-api";
import type {Cellule} from "../src/lib/agregation.js";
import type {Faits, Saisie} from "../src/lib/diagnostic.js";
import {basesDe, indicateur, INDICATEURS} from "../src/lib/indicateurs.js";
import {avecEnfantsMoins3Ans, BASE_ENFANTS_MOINS3, BASES_ENFANTS_MOINS3} from "../src/lib/enfants-moins3ans.js";
import {lireCalibration} from "./moins3ans.js";

/** Base series per commune: base, commune, year, value, flag ('i' incomplete, 'a' approximate). */
const SERIES = `
  SELECT 'pop_mun' AS base, commune AS code, millesime AS annee, population_municipale::DOUBLE AS valeur, NULL AS drapeau FROM population_legale
  UNION ALL SELECT 'pop_tot', commune, millesime, population_totale, NULL FROM population_legale WHERE population_totale IS NOT NULL
  UNION ALL SELECT 'naissances', code, annee, naissances, NULL FROM naissance WHERE niveau = 'COM'
  UNION ALL SELECT 'caf_' || lower(indicateur), commune, annee, valeur, CASE WHEN incomplet AND valeur IS NOT NULL THEN 'i' END FROM caf_allocataires_commune i
    WHERE NOT (incomplet AND indicateur IN ('A', 'PERCOU') AND EXISTS (SELECT 1 FROM caf_allocataires_com c
      WHERE c.commune = i.commune AND c.annee = i.annee AND (CASE i.indicateur WHEN 'A' THEN c.foyers ELSE c.personnes END) IS NOT NULL))
  -- Cnaf s_ben_com_f (loaders/caf-allocataires-commune.ts), foyers (caf_a) and personnes couvertes (caf_percou)
  -- by commune, rounded to 5 by the Cnaf, hence 'a'. One value per commune and year, in this order:
  -- 1. the IRIS sum when complete: exact counts, and the same rows as the paired shares (caf_a_p_<x>);
  -- 2. else this commune figure: rounding moves it by 2 at most (10 or so for Paris' 20 arrondissements),
  --    while an incomplete IRIS sum ('i') can miss a whole masked IRIS (Digne-les-Bains 2020: 1 of 9);
  -- 3. else the incomplete IRIS sum (the commune figure is masked too, or absent).
  UNION ALL SELECT 'caf_a', c.commune, c.annee, c.foyers, 'a' FROM caf_allocataires_com c
    WHERE NOT EXISTS (SELECT 1 FROM caf_allocataires_commune i WHERE i.commune = c.commune AND i.annee = c.annee AND i.indicateur = 'A' AND (NOT i.incomplet OR c.foyers IS NULL))
  UNION ALL SELECT 'caf_percou', c.commune, c.annee, c.personnes, 'a' FROM caf_allocataires_com c
    WHERE NOT EXISTS (SELECT 1 FROM caf_allocataires_commune i WHERE i.commune = c.commune AND i.annee = c.annee AND i.indicateur = 'PERCOU' AND (NOT i.incomplet OR c.personnes IS NULL))
  -- INSEE census population by single year of age (loaders/insee-pop-age.ts), both sexes: age groups of the
  -- census indicators (enfants_moins_3_ans_rp, part_moins_18_ans_rp, part_65_ans_et_plus_rp, indice_jeunesse_rp)
  UNION ALL SELECT base, commune, annee, valeur, NULL FROM (
    FROM (SELECT commune, annee, sum(nb) FILTER (age <= 2) AS pop_moins3, sum(nb) FILTER (age < 18) AS pop_moins18, sum(nb) FILTER (age < 20) AS pop_moins20,
        sum(nb) FILTER (age >= 60) AS pop_60_plus, sum(nb) FILTER (age >= 65) AS pop_65_plus, sum(nb) AS pop_totale_rp
      FROM pop_age GROUP BY commune, annee)
    UNPIVOT (valeur FOR base IN (pop_moins3, pop_moins18, pop_moins20, pop_60_plus, pop_65_plus, pop_totale_rp)))
  -- INSEE census, couples-familles-ménages by IRIS summed by commune (loaders/insee-rp-familles.ts): the bases the
  -- analysts' entries fill too (an entry replaces the census figure of its commune and year); decimal estimates, 'i' when an IRIS cell is empty
  UNION ALL SELECT CASE variable WHEN 'menpseul' THEN 'rp_personnes_seules' WHEN 'coupsenf' THEN 'rp_couples_sans_enfant' ELSE 'rp_familles_monoparentales' END,
      commune, annee, valeur, CASE WHEN incomplet AND valeur IS NOT NULL THEN 'i' END
    FROM rp_familles WHERE variable IN ('menpseul', 'coupsenf', 'fammono')
  UNION ALL SELECT base, commune, annee, valeur, drapeau FROM caf_paires
  -- Cnaf places by mode (caf_places_<mode>, modes of MODES_CAF, subtotals as published), communes of the 2026 referential (Paris, Lyon, Marseille and merged communes recomposed from their pieces by the loader)
  UNION ALL SELECT 'caf_places_' || mode, code, annee, places::DOUBLE, NULL FROM caf_couverture WHERE niveau = 'com' AND statut = 'territoire'
  -- Area of each commune with a contour (km², loaders/lib/surface.ts), under every population millésime: the
  -- denominator a group's density pairs with its population (indicator densite, Σ population / Σ surface)
  UNION ALL SELECT 'surface', c.code, m.millesime, c.surface_km2, NULL FROM contour_commune c CROSS JOIN (SELECT DISTINCT millesime FROM population_legale) m
  -- Cnaf children under 3 implied by its own figures: places / taux × 100 (enfantsImplicites, couverture.ts); the rate is rounded to 0,1, hence 'a'
  UNION ALL SELECT 'caf_enfants_implicites', code, annee, places / taux * 100, 'a' FROM caf_couverture WHERE niveau = 'com' AND statut = 'territoire' AND mode = 'ensemble' AND taux > 0 AND places IS NOT NULL
`;

/**
 * Shares of allocataires are computed from the finest rows, the IRIS: for each variable x,
 * caf_<x>_p sums x and caf_a_p_<x> sums allocataires over the IRIS where both are published,
 * so that a masked IRIS drops out of numerator and denominator alike (flag 'p': partial but
 * paired, usable in a rate that then says it is incomplete).
 */
const PAIRES = `
  CREATE OR REPLACE TEMP TABLE caf_paires AS
  WITH longue AS (
    FROM (SELECT annee, commune, a, ai, am, acssenf, acavenf, ac3enf, enf_2, aal, aapl, aaah, appa, arsas, apres50, apres100 FROM caf_iris)
    UNPIVOT INCLUDE NULLS (x FOR variable IN (ai, am, acssenf, acavenf, ac3enf, enf_2, aal, aapl, aaah, appa, arsas, apres50, apres100))
  ), paires AS (
    SELECT annee, commune, variable,
      sum(x) FILTER (WHERE x IS NOT NULL AND a IS NOT NULL) AS sx,
      sum(a) FILTER (WHERE x IS NOT NULL AND a IS NOT NULL) AS sa,
      count(*) FILTER (WHERE x IS NOT NULL AND a IS NOT NULL) AS n, count(*) AS total
    FROM longue GROUP BY ALL HAVING n > 0
  )
  SELECT 'caf_' || variable || '_p' AS base, commune, annee, sx::DOUBLE AS valeur, CASE WHEN n < total THEN 'p' END AS drapeau FROM paires
  UNION ALL SELECT 'caf_a_p_' || variable, commune, annee, sa::DOUBLE, CASE WHEN n < total THEN 'p' END FROM paires
`;

/** Published statistics by territory id (only where the publisher computed them). */
const PUBLIES = `
  WITH f AS (
    SELECT CASE niveau WHEN 'COM' THEN 'commune:' || code WHEN 'EPCI' THEN 'epci:' || code WHEN 'DEP' THEN 'departement:' || code
      WHEN 'REG' THEN 'region:' || code ELSE 'france' END AS id, annee, q2, ppsoc
    -- arrondissements municipaux (ARM) are no territory of the site: left out (they once fell into ELSE 'france')
    FROM filosofi WHERE niveau <> 'ARM'
  )
  SELECT 'filo_q2' AS base, id, annee, q2 AS valeur, NULL AS drapeau FROM f
  UNION ALL SELECT 'filo_ppsoc', id, annee, ppsoc, NULL FROM f
  -- INSEE births: the rows INSEE publishes for a département, a région, France ('F', Mayotte included from 2014) and an
  -- EPCI, shown as published rather than summed over communes (INSEE's own rows can differ from the sum of its commune
  -- rows: France 2015 796 844, communes 796 840). An EPCI row only where its perimeter is the referential's: the
  -- published figure equals the sum of the referential's communes in the file's latest year.
  UNION ALL SELECT 'naissances', CASE n.niveau WHEN 'EPCI' THEN 'epci:' || n.code WHEN 'DEP' THEN 'departement:' || n.code
      WHEN 'REG' THEN 'region:' || n.code ELSE 'france' END, n.annee, n.naissances, NULL
    FROM naissance n
    WHERE n.niveau IN ('DEP', 'REG') OR (n.niveau = 'FRANCE' AND n.code = 'F')
      OR (n.niveau = 'EPCI' AND n.code IN (
        SELECT e.code FROM naissance e JOIN commune c ON c.epci = e.code JOIN naissance m ON m.niveau = 'COM' AND m.code = c.code AND m.annee = e.annee
        WHERE e.niveau = 'EPCI' AND e.annee = (SELECT max(annee) FROM naissance) GROUP BY e.code HAVING any_value(e.naissances) = sum(m.naissances)))
  -- Population density of an EPCI or a département with its own contour (2025 geography): Σ population municipale of
  -- its communes (referential 2026, every one known for the millésime) / the area of its contour
  UNION ALL SELECT 'densite', niveau || ':' || code, millesime, sum(population_municipale) / any_value(surface_km2), NULL FROM (
    SELECT z.niveau, z.code, z.surface_km2, m.millesime, p.population_municipale
    -- each commune once as an EPCI's, once as a département's: an equality DuckDB hashes (a CASE over both sides compared every zone with every commune, seconds)
    FROM contour_zone z JOIN (SELECT 'epci' AS cle, epci AS zone, code FROM commune WHERE code IS NOT NULL
        UNION ALL SELECT 'departement', departement, code FROM commune WHERE code IS NOT NULL) c
      ON c.zone = z.code AND c.cle = CASE z.niveau WHEN 'epci' THEN 'epci' ELSE 'departement' END
      CROSS JOIN (SELECT DISTINCT millesime FROM population_legale) m
      LEFT JOIN population_legale p ON p.commune = c.code AND p.millesime = m.millesime)
    GROUP BY niveau, code, millesime HAVING count(population_municipale) = count(*)
  -- Cnaf coverage rates as published, never recomputed from places: caf_txcouv (global) and caf_txcouv_<mode>, every niveau the loaded files hold
  UNION ALL SELECT CASE mode WHEN 'ensemble' THEN 'caf_txcouv' ELSE 'caf_txcouv_' || mode END,
      CASE niveau WHEN 'com' THEN 'commune:' || code WHEN 'epci' THEN 'epci:' || code WHEN 'dep' THEN 'departement:' || code WHEN 'reg' THEN 'region:' || code ELSE 'france' END,
      annee, taux, CASE WHEN recompose THEN 'a' END
    FROM caf_couverture WHERE statut = 'territoire' AND taux IS NOT NULL
`;

/**
 * A JSON object of the group's `cle` → `valeur` (JSON), keys in order: DuckDB's json_group_object
 * (a macro over string_agg) takes them in whatever order the threads met the rows, and the
 * site's files must not change when the warehouse's figures do not.
 */
const objetJson = (cle: string, valeur: string) => `'{' || string_agg(to_json(${cle}::VARCHAR) || ':' || (${valeur})::VARCHAR, ',' ORDER BY ${cle}) || '}'`;

/**
 * Rows (base, code or id, annee, valeur, drapeau) as base → code → year → Cellule (null; a
 * number; [number, 'i' | 'a' | 'p']), nested by DuckDB into one JSON text per base: a million
 * cells read as rows cost most of a CLI call (each value crossing into JavaScript), one
 * JSON.parse per base a fraction of it.
 */
async function imbriquer(conn: DuckDBConnection, sql: string, cle: "code" | "id"): Promise<Record<string, Record<string, Record<string, Cellule>>>> {
  const lignes = (await conn.runAndReadAll(`
    SELECT base, ${objetJson(cle, "annees")} FROM (
      SELECT base, ${cle}, ${objetJson("annee", `CASE WHEN valeur IS NULL THEN 'null'::JSON
        WHEN drapeau IN ('i', 'a', 'p') THEN json_array(valeur, drapeau) ELSE to_json(valeur) END`)} AS annees
      FROM (${sql}) GROUP BY base, ${cle})
    GROUP BY base ORDER BY base`)).getRows() as [string, string][];
  return Object.fromEntries(lignes.map(([base, json]) => [base, JSON.parse(json)]));
}

/**
 * Faits for the given communes (all when omitted); commune-level published figures restricted
 * likewise. `indicateurs`: only the bases these catalogue indicators read (the CLI's similar
 * territories: a few bases of every commune instead of all of them).
 */
export async function lireFaits(conn: DuckDBConnection, communes?: readonly string[], indicateurs?: readonly string[]): Promise<Faits> {
  const bases = indicateurs && basesLues(indicateurs);
  // The IRIS pairs (caf_<x>_p, caf_a_p_<x>) are the costly part: built only when read.
  if (!bases || bases.some((b) => /^caf_.*_p$|^caf_a_p_/.test(b))) await conn.run(PAIRES);
  else await conn.run("CREATE OR REPLACE TEMP TABLE caf_paires AS SELECT NULL::VARCHAR AS base, NULL::VARCHAR AS commune, NULL::INTEGER AS annee, NULL::DOUBLE AS valeur, NULL::VARCHAR AS drapeau WHERE false");
  await conn.run("CREATE OR REPLACE TEMP TABLE faits_communes (code VARCHAR)");
  if (communes) {
    const a = await conn.createAppender("faits_communes", "main", "temp");
    for (const c of communes) {
      a.appendVarchar(c);
      a.endRow();
    }
    a.closeSync();
  }
  const parBase = bases ? `base IN (${bases.map((b) => `'${b}'`).join(", ")})` : "true";
  const filtre = `WHERE ${parBase}${communes ? " AND code IN (SELECT code FROM faits_communes)" : ""}`;
  const filtreId = `WHERE ${parBase}${communes ? " AND (NOT starts_with(id, 'commune:') OR substr(id, 9) IN (SELECT code FROM faits_communes))" : ""}`;
  const faits: Faits = {series: await imbriquer(conn, `SELECT * FROM (${SERIES}) ${filtre}`, "code"), publies: await imbriquer(conn, `SELECT * FROM (${PUBLIES}) ${filtreId}`, "id")};
  await lireSaisies(conn, faits, communes != null);
  await lirePiecesAbsentes(conn, faits);
  if (bases && !bases.includes(BASE_ENFANTS_MOINS3)) return faits;
  faits.calibration = Object.fromEntries(await lireCalibration(conn, communes));
  // After the analysts' commune entries and the calibration: the one under-3 figure reads both.
  return avecEnfantsMoins3Ans(faits);
}

/** Bases read for these indicators: theirs, and those the one under-3 figure is made of. */
function basesLues(indicateurs: readonly string[]): string[] {
  const bases = new Set(indicateurs.flatMap((id) => basesDe(indicateur(id))));
  if (bases.has(BASE_ENFANTS_MOINS3)) for (const b of BASES_ENFANTS_MOINS3) bases.add(b);
  return [...bases].filter((b) => /^[a-z0-9_]+$/.test(b));
}

/**
 * A commune nouvelle whose pieces the Cnaf IRIS file lists under their former codes some years
 * (IRIS codes start with the commune code) and leaves one of them out another year: Oullins
 * 69149 in 2016 without Pierre-Bénite 69152, present from 2017. That year's figure covers part of
 * the commune: Faits.piecesAbsentes for every base read from the IRIS file. A year whose IRIS all
 * carry today's code is taken as recoded (complete), unless a later year still lists former codes.
 */
async function lirePiecesAbsentes(conn: DuckDBConnection, faits: Faits): Promise<void> {
  const lignes = (await conn.runAndReadAll(`
    WITH p AS (SELECT commune, annee::VARCHAR AS annee, list(DISTINCT substr(iris, 1, 5)) AS prefixes FROM caf_iris GROUP BY ALL)
    SELECT commune, annee, prefixes FROM p WHERE commune IN (SELECT commune FROM p, unnest(prefixes) AS u(x) WHERE x <> commune)
    ORDER BY commune, annee`)).getRowsJS() as [string, string, string[]][];
  const noms = new Map((await conn.runAndReadAll("SELECT code, any_value(nom) FROM commune_ancienne GROUP BY code")).getRows() as [string, string | null][]);
  const bases = (await conn.runAndReadAll("SELECT DISTINCT 'caf_' || lower(indicateur) FROM caf_allocataires_commune UNION SELECT DISTINCT base FROM caf_paires")).getRows().map((r) => String(r[0]));
  const parCommune = new Map<string, [string, string, string[]][]>();
  for (const l of lignes) parCommune.set(l[0], [...(parCommune.get(l[0]) ?? []), l]);
  const absentes: NonNullable<Faits["piecesAbsentes"]> = {};
  for (const [commune, annees] of parCommune) {
    const anciennes = annees.map(([, , prefixes]) => prefixes.some((x) => x !== commune));
    // A year lists former codes if it does or a later one does (files are not un-recoded).
    const codesAnciens = anciennes.map((_, k) => anciennes.slice(k).some(Boolean));
    const pieces = new Set(annees.filter((_, k) => codesAnciens[k]).flatMap(([, , prefixes]) => prefixes));
    annees.forEach(([, annee, prefixes], k) => {
      const manque = codesAnciens[k] ? [...pieces].filter((x) => !prefixes.includes(x)).sort() : [];
      if (!manque.length) return;
      const libelles = manque.map((x) => `${noms.get(x) ?? "commune"} (${x})`);
      for (const base of bases) {
        const cellule = faits.series[base]?.[commune]?.[annee];
        // caf_a and caf_percou flagged 'a' come from the Cnaf's communal file, which covers the whole commune.
        if (cellule === undefined || (Array.isArray(cellule) && cellule[1] === "a")) continue;
        ((absentes[base] ??= {})[commune] ??= {})[annee] = libelles;
      }
    });
  }
  faits.piecesAbsentes = absentes;
}

/** Bases the catalogue sums over communes: a commune's entry of one of them is a per-commune value. */
const BASES_SOMMEES = new Set(INDICATEURS.flatMap((i) => (i.calcul.type === "somme" ? [i.calcul.base] : [])));

/**
 * Analysts' entries (table saisie, loaders/saisies-diagnostic.ts; docs/saisies.md). A commune's
 * count joins the series, so that a group sums its communes' entries (it replaces an official
 * figure of the same commune and year: the analyst entered it on purpose); a commune's
 * statistic and every other territory's figure go to `saisies`, which calculer() reads before
 * summing communes. Unreadable figures (valeur NULL, kept for the record) stay out.
 */
async function lireSaisies(conn: DuckDBConnection, faits: Faits, filtrees: boolean): Promise<void> {
  const existe = (await conn.runAndReadAll("SELECT count(*)::INTEGER FROM information_schema.tables WHERE table_name = 'saisie'")).getRows();
  if (!existe[0]![0]) return; // a warehouse built before the table existed: rebuild with npm run data
  const filtre = filtrees ? "AND (NOT starts_with(territoire, 'commune:') OR substr(territoire, 9) IN (SELECT code FROM faits_communes))" : "";
  const lignes = (await conn.runAndReadAll(`SELECT base, territoire, annee::VARCHAR AS annee, valeur, source, note, cite_par FROM saisie WHERE valeur IS NOT NULL ${filtre} ORDER BY ligne`)).getRows();
  const saisies: NonNullable<Faits["saisies"]> = {};
  const references: NonNullable<Faits["references"]> = {};
  for (const [base, id, annee, valeur, source, note, citePar] of lignes as [string, string, string, number, string, string | null, string | null][]) {
    // Quoted by another territory's diagnostic: a benchmark for that territory only, never the area's figure.
    if (citePar) ((references[base] ??= {})[id] ??= {})[annee] = {valeur, source, citePar};
    else if (id.startsWith("commune:") && BASES_SOMMEES.has(base)) ((faits.series[base] ??= {})[id.slice(8)] ??= {})[annee] = valeur;
    else ((saisies[base] ??= {})[id] ??= {})[annee] = note ? {valeur, source, note} : {valeur, source};
  }
  apparierSaisies(saisies);
  faits.saisies = saisies;
  faits.references = references;
}

/**
 * Shares of allocataires read paired bases (caf_<x>_p / caf_a_p_<x>, see PAIRES). Where an
 * analyst entered, for one territory and year, both the count x and the allocataires, both are
 * complete totals: the pair is simply (x, allocataires), so the share is derived as for IRIS.
 */
function apparierSaisies(saisies: Record<string, Record<string, Record<string, Saisie>>>): void {
  for (const i of INDICATEURS) {
    if (i.calcul.type !== "ratio") continue;
    const {numerateur, denominateur} = i.calcul;
    const x = /^(caf_[a-z0-9_]+)_p$/.exec(numerateur)?.[1];
    if (!x || denominateur !== `caf_a_p_${x.slice(4)}`) continue;
    for (const [id, parAnnee] of Object.entries(saisies[x] ?? {})) {
      for (const [annee, s] of Object.entries(parAnnee)) {
        const allocataires = saisies.caf_a?.[id]?.[annee];
        if (!allocataires) continue;
        ((saisies[numerateur] ??= {})[id] ??= {})[annee] = s;
        ((saisies[denominateur] ??= {})[id] ??= {})[annee] = allocataires;
      }
    }
  }
}

/** Commune contours (GeoJSON geometries) by commune code, for the maps. */
export async function lireContours(conn: DuckDBConnection): Promise<Record<string, unknown>> {
  const rows = (await conn.runAndReadAll("SELECT code, geometrie FROM contour_commune")).getRows() as [string, string][];
  return Object.fromEntries(rows.map(([code, g]) => [code, JSON.parse(g)]));
}
