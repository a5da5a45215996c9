// INSEE état civil, naissances vivantes domiciliées by commune, EPCI, département, région
// and France, 2008 onwards: the zip INSEE's Melodi API serves for DS_ETAT_CIVIL_NAIS_COMMUNES.
// Its `_data.csv` member is long: EC_MEASURE;FREQ;GEO;GEO_OBJECT;OBS_STATUS;TIME_PERIOD;OBS_VALUE.
//
// Traps: the level is GEO_OBJECT, never the shape of GEO (a BV2022 code can equal a commune
// code: 04070); OBS_STATUS M ("sans objet", Mayotte before 2014) comes with an empty value,
// kept NULL, never 0; the ARM level holds INSEE's "arrondissement non connu" pseudo-codes.
import type {Chargeur, Contexte} from "./lib/chargeur.js";
import {lireCsv, lit, type Colonne, type Controle} from "./lib/csv.js";
import type {Rejet} from "./lib/source.js";
import {chercherFichiers, extraireMembre, lireCsvOuMembre, messageAbsent, type FichierLu, type FichierOfficiel, type FichierTrouve} from "./lib/fichiers-source.js";
import {motifCodeCommune, preparerCodesCommunes} from "./lib/communes.js";
import {enregistrerLecture, rejetsDe} from "./lib/bilan.js";
import {insererEnVrac, scalaire} from "./lib/sql.js";

const DOSSIER = "insee-naissances-communes-2008-2024";
const ARCHIVE = "DS_ETAT_CIVIL_NAIS_COMMUNES.zip";
const MEMBRE = "DS_ETAT_CIVIL_NAIS_COMMUNES_data.csv";
export const URL_NAISSANCES = "https://api.insee.fr/melodi/file/DS_ETAT_CIVIL_NAIS_COMMUNES/DS_ETAT_CIVIL_NAIS_COMMUNES_CSV_FR";

/** What the loader reads in ../shared/data (for the bench's bare read_csv of the same data). */
export const FICHIERS_NAISSANCES: FichierOfficiel[] = [{relatif: `${DOSSIER}/${ARCHIVE}`, membre: MEMBRE, separateur: ";"}];

/** Melodi's SDMX-style field names; no other header is known for this dataset. */
export const COLONNES_NAISSANCES: Colonne[] = [
  {nom: "ec_measure", alias: ["EC_MEASURE"], type: "code"},
  {nom: "freq", alias: ["FREQ"], type: "code"},
  {nom: "geo", alias: ["GEO"], type: "code"},
  {nom: "geo_object", alias: ["GEO_OBJECT"], type: "code"},
  {nom: "obs_status", alias: ["OBS_STATUS"], type: "code"},
  {nom: "time_period", alias: ["TIME_PERIOD"], type: "entier"},
  // France: 830 000 births at most since 2008.
  {nom: "obs_value", alias: ["OBS_VALUE"], type: "entier", masquable: true, plage: [0, 1_000_000]}
];

/** Levels loaded (GEO_OBJECT); the others (UU2020, BV2022, AAV2020, ZE2020, ARR) are counted as out of scope. */
export const NIVEAUX_NAISSANCES = ["COM", "ARM", "EPCI", "DEP", "REG", "FRANCE"] as const;

/** Codes the metadata member labels "Paris / Lyon / Marseille arrondissement non connu": real births, no arrondissement. */
export const ARRONDISSEMENTS_NON_CONNUS = ["751XX", "693XX", "132XX"] as const;

const LIBELLES_NIVEAUX: Record<string, string> = {
  UU2020: "unités urbaines 2020", BV2022: "bassins de vie 2022", AAV2020: "aires d'attraction des villes 2020",
  ZE2020: "zones d'emploi 2020", ARR: "arrondissements départementaux"
};

const CONTROLES: Controle[] = [
  {colonne: "obs_value", condition: "obs_status = 'M' AND obs_value IS NOT NULL", motif: "valeur fournie alors que le statut est M (valeur manquante)"},
  {colonne: "obs_value", condition: "obs_status <> 'M' AND obs_value IS NULL", motif: "nombre de naissances absent sans statut M (valeur manquante)"},
  {colonne: "time_period", condition: "time_period NOT BETWEEN 1900 AND 2100", motif: "année invalide"}
];

const liste = (valeurs: readonly string[]) => valeurs.map(lit).join(", ");

export const chargeurNaissances: Chargeur = {
  id: "insee-naissances",
  libelle: "INSEE, naissances domiciliées par commune (état civil)",
  telechargements: [{url: URL_NAISSANCES, fichier: `insee-naissances-communes/${ARCHIVE}`}],
  async charger(ctx) {
    // The zip, or its data member already extracted by hand; the zip wins when both are there.
    const fichiers = chercherFichiers(ctx.sources, {dossier: /^insee-naissances-communes/i, fichier: /^DS_ETAT_CIVIL_NAIS_COMMUNES(\.zip|_data\.csv)$/i})
      .sort((a, b) => Number(b.relatif.endsWith(".zip")) - Number(a.relatif.endsWith(".zip")));
    const f = fichiers[0];
    if (!f) return ctx.log(messageAbsent(`${DOSSIER}/${ARCHIVE}`, "naissances non chargées"));
    if (fichiers.length > 1) ctx.log(`      ${fichiers.slice(1).map((x) => x.relatif).join(", ")} ignoré : ${f.relatif} est lu.`);
    await lireCsvOuMembre(f, () => extraireMembre(f.chemin, f.relatif, "_data.csv"), (lu) => chargerFichier(ctx, f, lu));
  }
};

async function chargerFichier(ctx: Contexte, f: FichierTrouve, lu: FichierLu): Promise<void> {
  const {conn} = ctx;
  const lecture = await lireCsv(conn, {
    ...lu, colonnes: COLONNES_NAISSANCES, separateur: ";", cle: ["geo_object", "geo", "time_period"],
    filtre: `ec_measure = 'LVB' AND freq = 'A' AND geo_object IN (${liste(NIVEAUX_NAISSANCES)})`,
    detailHorsFiltre: `CASE WHEN ec_measure IS DISTINCT FROM 'LVB' THEN 'mesure ' || coalesce(ec_measure, '?')
      WHEN freq IS DISTINCT FROM 'A' THEN 'fréquence ' || coalesce(freq, '?') ELSE coalesce(geo_object, '?') END`,
    controles: CONTROLES, into: "naissance_lue"
  });
  await preparerCodesCommunes(conn);
  // Communes and arrondissements onto the 2026 map: one join, then only the rows that fail.
  await conn.run(`CREATE OR REPLACE TEMP VIEW naissance_placee AS
    SELECT n.*, c.commune, c.statut, -- meaningful for COM and ARM rows only (a plain equi-join stays a hash join)
      CASE
        WHEN n.geo_object = 'COM' AND c.statut IN ('actuelle', 'ancienne') THEN NULL
        WHEN n.geo_object = 'COM' THEN ${motifCodeCommune("c.statut")}
        WHEN n.geo_object = 'ARM' AND (c.statut = 'arrondissement' OR n.geo IN (${liste(ARRONDISSEMENTS_NON_CONNUS)})) THEN NULL
        WHEN n.geo_object = 'ARM' THEN 'code d''arrondissement municipal inconnu du référentiel (géographie 2026)'
      END AS motif
    FROM naissance_lue n LEFT JOIN code_commune c ON c.code = n.geo`);
  const {rejetees, anciens} = await ecrireNaissances(conn, lecture.chargees);
  const rejets: Rejet[] = rejetees
    ? await rejetsDe(conn, lu.fichier, `SELECT _ligne AS ligne, 'GEO' AS colonne, geo AS valeur, motif FROM naissance_placee WHERE motif IS NOT NULL`)
    : [];
  const [debut, fin, manquantes] = (await conn.runAndReadAll("SELECT min(annee), max(annee), count(*) FILTER (statut = 'M')::INTEGER FROM naissance")).getRows()[0] as [number | null, number | null, number];
  await enregistrerLecture(ctx, {
    publication: {
      editeur: "INSEE, état civil", titre: "Naissances vivantes domiciliées par commune, EPCI, département, région (Melodi DS_ETAT_CIVIL_NAIS_COMMUNES)",
      url: URL_NAISSANCES, millesime: debut == null ? "aucune année" : `${debut}-${fin}`
    },
    fichier: f.relatif, sha256: lecture.sha256, lecture, rejets,
    libelleHorsFiltre: (e) => `lignes de niveau ${e}${LIBELLES_NIVEAUX[e] ? ` (${LIBELLES_NIVEAUX[e]})` : ""}`,
    note: `${manquantes.toLocaleString("fr-FR")} lignes au statut M (valeur manquante, « sans objet ») chargées sans valeur.` +
      (anciens ? ` ${anciens.toLocaleString("fr-FR")} lignes d'anciens codes communes additionnées dans la commune actuelle (recompose).` : "")
  });
}

/**
 * One INSERT does the common case (a file in the referential's geography): rows whose code
 * the referential cannot place are left out, and counted by difference with the rows read,
 * so no separate pass looks for them. When former codes of merged communes appear, the
 * rows are written again summed into today's commune; one missing piece makes the sum
 * missing (statut M), never a partial count.
 */
async function ecrireNaissances(conn: Contexte["conn"], lues: number): Promise<{rejetees: number; anciens: number}> {
  const ecrites = await insererEnVrac(conn, `INSERT INTO naissance
    SELECT geo_object, CASE WHEN geo_object = 'COM' THEN commune ELSE geo END, time_period::INTEGER, obs_value::INTEGER, obs_status,
      geo_object = 'COM' AND statut = 'ancienne'
    FROM naissance_placee WHERE motif IS NULL`);
  const anciens = await scalaire(conn, "SELECT count(*) FROM naissance WHERE recompose");
  if (anciens) {
    await conn.run("DELETE FROM naissance");
    await insererEnVrac(conn, `INSERT INTO naissance
      SELECT niveau, code, annee,
        CASE WHEN count(naissances) = count(*) THEN sum(naissances)::INTEGER END,
        CASE WHEN count(naissances) < count(*) THEN 'M' ELSE min(statut) END,
        count(*) > 1 OR bool_or(ancien)
      FROM (
        SELECT geo_object AS niveau, CASE WHEN geo_object = 'COM' THEN commune ELSE geo END AS code, geo_object = 'COM' AND statut = 'ancienne' AS ancien,
          time_period::INTEGER AS annee, obs_value AS naissances, obs_status AS statut
        FROM naissance_placee WHERE motif IS NULL
      ) GROUP BY niveau, code, annee`);
  }
  return {rejetees: lues - ecrites, anciens};
}
