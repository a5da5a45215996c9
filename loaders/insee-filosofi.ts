// INSEE Filosofi, revenu disponible: indicateurs de structure et de distribution, one file
// per level, FILO<millésime>_DISP_{COM,EPCI,DEP,REG,METROPOLE}.csv (`;`, BOM, CRLF,
// decimal comma; an empty cell is secret statistique). Variables carry the millésime's
// two last digits (Q219 = median 2019, Q218 in FILO2018), so the column list is built
// from the millésime read in the file name.
//
// Stored wide (table `filosofi`: one row per level × code × millésime, one column per
// variable), not long: the long form multiplies the rows by 29 (910 000 instead of 31 000
// for the communes) and writing them took 5 times as long as the wide rows (~0.4 s
// against ~0.08 s, measured; twice DuckDB's whole bare read of the file), which the
// bench's budget cannot afford; the site reads a territory's median and deciles side by
// side anyway. A variable another millésime adds is one line in VARIABLES_FILOSOFI
// and one column in schema.ts (a test checks they agree). NULL = empty cell = secret
// statistique; the source note lists the variables a millésime lacks.
//
// A median cannot be summed: a commune merged since the millésime keeps no figure, and
// the commune it merged into is rejected too when its old perimeter is in the file.
import type {Chargeur, Contexte} from "./lib/chargeur.js";
import {lireCsv, lit, q, type Colonne, type ResultatCsv} from "./lib/csv.js";
import type {Rejet} from "./lib/source.js";
import {chercherFichiers, messageAbsent, type FichierOfficiel, type FichierTrouve} from "./lib/fichiers-source.js";
import {motifCodeCommune, preparerCodesCommunes} from "./lib/communes.js";
import {enregistrerLecture, rejetsDe} from "./lib/bilan.js";
import {insererEnVrac, scalaire} from "./lib/sql.js";

/** Files of the Filosofi "indic-struct-distrib-revenu" archives, by level (file-name suffix → niveau). */
export const NIVEAUX_FILOSOFI = {COM: "COM", EPCI: "EPCI", DEP: "DEP", REG: "REG", METROPOLE: "FRANCE"} as const;
type SuffixeFilosofi = keyof typeof NIVEAUX_FILOSOFI;

/** What the loader reads in ../shared/data (for the bench's bare read_csv of the same data). */
export const FICHIERS_FILOSOFI: FichierOfficiel[] = Object.keys(NIVEAUX_FILOSOFI).map((s) => ({
  relatif: `insee-filosofi-2019-disp/FILO2019_DISP_${s}.csv`, separateur: ";"
}));

/** INSEE publication of each millésime whose archives are known (CSV flavour). */
const PUBLICATIONS: Record<number, {page: string; archives: string[]}> = {
  2019: {
    page: "https://www.insee.fr/fr/statistiques/6036907",
    archives: [
      "https://www.insee.fr/fr/statistiques/fichier/6036907/indic-struct-distrib-revenu-2019-COMMUNES_csv.zip",
      "https://www.insee.fr/fr/statistiques/fichier/6036907/indic-struct-distrib-revenu-2019-SUPRA_csv.zip"
    ]
  }
};

/** Euros per consumption unit a year (quartiles, median, deciles). */
const EUROS: [number, number] = [1_000, 500_000];

/**
 * The variables, by INSEE name without the year suffix (lower-cased: the column of `filosofi`). `annee`:
 * the header carries the millésime's two digits (NBMEN19); Q3_Q1 and RD have none.
 * Optional ones may be absent from another millésime without stopping the load.
 */
export const VARIABLES_FILOSOFI: {code: string; annee: boolean; type: "entier" | "decimal"; obligatoire?: boolean; plage: [number, number]}[] = [
  // Plausible ranges: the 2019 files hold medians of 11 730 to 51 720 €, deciles of 6 540 to 137 020 €,
  // shares of -41 to 102 %; the ranges leave room for other millésimes and catch shifted or cut cells.
  {code: "NBMEN", annee: true, type: "entier", obligatoire: true, plage: [0, 40_000_000]}, // ménages fiscaux
  {code: "NBPERS", annee: true, type: "entier", obligatoire: true, plage: [0, 80_000_000]}, // personnes des ménages fiscaux
  {code: "NBUC", annee: true, type: "decimal", plage: [0, 60_000_000]}, // unités de consommation
  {code: "Q1", annee: true, type: "decimal", plage: EUROS}, // 1er quartile du revenu disponible par UC (€)
  {code: "Q2", annee: true, type: "decimal", obligatoire: true, plage: EUROS}, // médiane
  {code: "Q3", annee: true, type: "decimal", plage: EUROS},
  {code: "Q3_Q1", annee: false, type: "decimal", plage: [0, 500_000]}, // écart interquartile Q3 − Q1 (€)
  ...[1, 2, 3, 4, 6, 7, 8, 9].map((d) => ({code: `D${d}`, annee: true, type: "decimal" as const, plage: EUROS})), // déciles (D5 = Q2)
  {code: "RD", annee: false, type: "decimal", plage: [1, 100]}, // rapport interdécile D9/D1
  {code: "S80S20", annee: true, type: "decimal", plage: [1, 100]},
  {code: "GI", annee: true, type: "decimal", plage: [0, 1]}, // indice de Gini
  // Parts du revenu disponible (%): activité, salaires, chômage, bénéfices, pensions, patrimoine,
  // prestations sociales, familiales, minima sociaux, logement, impôts (négatif).
  ...["PACT", "PTSA", "PCHO", "PBEN", "PPEN", "PPAT", "PPSOC", "PPFAM", "PPMINI", "PPLOGT"].map((code) => ({code, annee: true, type: "decimal" as const, plage: [0, 200] as [number, number]})),
  {code: "PIMPOT", annee: true, type: "decimal", plage: [-100, 0]}
];

/** Declared columns for one millésime: both the suffixed and the bare header are accepted. */
export function colonnesFilosofi(millesime: number): Colonne[] {
  const aa = String(millesime).slice(2);
  return [
    {nom: "codgeo", alias: ["CODGEO"], type: "code"},
    ...VARIABLES_FILOSOFI.map((v): Colonne => ({
      nom: v.code.toLowerCase(), alias: v.annee ? [`${v.code}${aa}`, v.code] : [v.code, `${v.code}${aa}`],
      type: v.type, masquable: true, obligatoire: v.obligatoire ?? false, plage: v.plage
    }))
  ];
}

export const chargeurFilosofi: Chargeur = {
  id: "insee-filosofi",
  libelle: "INSEE, Filosofi : revenu disponible (médiane, déciles, composition)",
  telechargements: Object.entries(PUBLICATIONS).flatMap(([m, p]) => p.archives.map((url) => ({
    url, fichier: `insee-filosofi-${m}-disp/${url.replace(/^.*\//, "")}`,
    // Member names as in the archives (FILO2019_DISP_COM.csv…); not checked against a download here.
    extraire: Object.fromEntries(Object.keys(NIVEAUX_FILOSOFI).filter((s) => (s === "COM") === url.includes("COMMUNES"))
      .map((s) => [`FILO${m}_DISP_${s}.csv`, `insee-filosofi-${m}-disp/FILO${m}_DISP_${s}.csv`]))
  }))),
  async charger(ctx) {
    const fichiers = chercherFichiers(ctx.sources, {dossier: /^insee-filosofi-\d{4}-disp$/i, fichier: /^FILO(\d{4})_DISP_(COM|EPCI|DEP|REG|METROPOLE)\.csv$/i});
    if (!fichiers.length) return ctx.log(messageAbsent("insee-filosofi-2019-disp/FILO2019_DISP_COM.csv (et EPCI, DEP, REG, METROPOLE)", "revenus Filosofi non chargés"));
    await preparerCodesCommunes(ctx.conn);
    for (const f of fichiers) await chargerFichier(ctx, f, Number(f.groupes[0]), f.groupes[1]!.toUpperCase() as SuffixeFilosofi);
  }
};

async function chargerFichier(ctx: Contexte, f: FichierTrouve, millesime: number, suffixe: SuffixeFilosofi): Promise<void> {
  const {conn} = ctx;
  const colonnes = colonnesFilosofi(millesime);
  const lecture = await lireCsv(conn, {
    chemin: f.chemin, fichier: f.relatif, colonnes, ignorer: ["LIBGEO"], separateur: ";", decimale: ",", cle: ["codgeo"], into: "filosofi_lu"
  });
  const niveau = NIVEAUX_FILOSOFI[suffixe];
  const {rejets, note} = niveau === "COM" ? await placerCommunes(conn, f.relatif) : {rejets: [], note: await codesHorsReferentiel(conn, niveau)};
  await ecrireIndicateurs(conn, lecture, niveau, millesime);
  const absentes = variablesAbsentes(lecture);
  const pub = PUBLICATIONS[millesime];
  await enregistrerLecture(ctx, {
    publication: {
      editeur: "INSEE, Filosofi (INSEE-DGFiP-Cnaf-Cnav-CCMSA)",
      titre: `Revenu disponible des ménages ${millesime} : structure et distribution (${f.relatif.replace(/^.*\//, "")})`,
      url: pub?.page ?? "https://www.insee.fr/fr/statistiques (Filosofi, indicateurs de structure et de distribution des revenus)",
      millesime: String(millesime)
    },
    fichier: f.relatif, sha256: lecture.sha256, lecture, rejets,
    note: [note, absentes.length ? `Variables absentes de ce fichier (NULL) : ${absentes.join(", ")}.` : ""].filter(Boolean).join(" ")
  });
}

/**
 * Commune file rows: a current commune → COM, an arrondissement → ARM (kept as published).
 * A former code (commune merged since) is rejected, and so is the current commune it went
 * into when the file has both: its row describes the old perimeter.
 */
async function placerCommunes(conn: Contexte["conn"], fichier: string): Promise<{rejets: Rejet[]; note: string}> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE filosofi_place AS
    WITH lu AS (SELECT f._ligne, f.codgeo, c.commune, c.statut FROM filosofi_lu f LEFT JOIN code_commune c ON c.code = f.codgeo),
    absorbees AS (SELECT commune, string_agg(codgeo, ', ' ORDER BY codgeo) AS anciens FROM lu WHERE statut = 'ancienne' GROUP BY commune)
    SELECT lu._ligne, lu.codgeo, CASE WHEN lu.statut = 'arrondissement' THEN 'ARM' ELSE 'COM' END AS niveau,
      CASE
        WHEN lu.statut IS NULL OR lu.statut = 'ambigu' THEN ${motifCodeCommune("lu.statut")}
        WHEN lu.statut = 'ancienne' THEN 'ancienne commune, fusionnée depuis dans ' || lu.commune || ' : un revenu médian ne s''additionne pas, valeur non reportée'
        WHEN a.anciens IS NOT NULL THEN 'périmètre modifié depuis le millésime : la commune actuelle regroupe aussi ' || a.anciens || ', présente(s) séparément dans le fichier'
      END AS motif
    FROM lu LEFT JOIN absorbees a ON lu.statut = 'actuelle' AND a.commune = lu.codgeo`);
  const rejets = await rejetsDe(conn, fichier, `SELECT _ligne AS ligne, 'CODGEO' AS colonne, codgeo AS valeur, motif FROM filosofi_place WHERE motif IS NOT NULL`);
  const arm = await scalaire(conn, "SELECT count(*) FROM filosofi_place WHERE niveau = 'ARM' AND motif IS NULL");
  return {rejets, note: arm ? `${arm} arrondissements municipaux chargés au niveau ARM.` : ""};
}

/** EPCI, départements, régions keep the code published for the millésime (every row is written): say how many the 2026 referential does not know. */
async function codesHorsReferentiel(conn: Contexte["conn"], niveau: string): Promise<string> {
  const table = {EPCI: "epci", DEP: "departement", REG: "region"}[niveau];
  if (!table) return "";
  const n = await scalaire(conn, `SELECT count(*) FROM filosofi_lu ANTI JOIN ${table} t ON t.code = filosofi_lu.codgeo`);
  return n ? `${n} codes absents du référentiel 2026 (périmètres du millésime), chargés tels que publiés.` : "";
}

/** Only the variables the file has; the others stay NULL (listed in the source note). */
async function ecrireIndicateurs(conn: Contexte["conn"], lecture: ResultatCsv, niveau: string, millesime: number): Promise<void> {
  const presentes = VARIABLES_FILOSOFI.map((v) => v.code.toLowerCase()).filter((c) => lecture.entetes[c]);
  const lignes = niveau === "FRANCE"
    // France métropolitaine is CODGEO "1" in the METROPOLE file; FM as in the births file.
    ? `SELECT 'FRANCE' AS niveau, CASE WHEN f.codgeo = '1' THEN 'FM' ELSE f.codgeo END AS code, f.* FROM filosofi_lu f`
    : niveau === "COM" ? `SELECT p.niveau, f.codgeo AS code, f.* FROM filosofi_lu f JOIN filosofi_place p USING (_ligne) WHERE p.motif IS NULL`
    : `SELECT ${lit(niveau)} AS niveau, f.codgeo AS code, f.* FROM filosofi_lu f`;
  await insererEnVrac(conn, `INSERT INTO filosofi BY NAME
    SELECT niveau, code, ${millesime} AS annee, ${presentes.map(q).join(", ")} FROM (${lignes})`);
}

/** "…; variables absentes de ce fichier : …" for the source note. */
export function variablesAbsentes(lecture: ResultatCsv): string[] {
  return VARIABLES_FILOSOFI.filter((v) => !lecture.entetes[v.code.toLowerCase()]).map((v) => v.code);
}
