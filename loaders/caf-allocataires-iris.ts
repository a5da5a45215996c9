// Cnaf, allocataires et prestations à l'IRIS at 31 December: data_CAF_<année>_IRIS.csv
// (`;`, CRLF, BOM on some years). Only communes split into IRIS are in these files.
//
// Traps: the columns change from year to year (see VARIANTES_CAF below); NOTE flags rows
// with masked cells (0 = published); an empty cell is secret statistique, kept NULL, never
// 0, even on a row whose NOTE is 0; the 2016 and 2017 files write thousands with a narrow
// no-break space ("1 070"), read by lireCsv. IRIS codes keep the geography of their year:
// the commune (first five characters) is brought onto the 2026 map, arrondissements of
// Paris, Lyon and Marseille going to their commune.
//
// No official download URL is known for these files (the copies in ../shared/data come
// from a third-party repository; see its PROVENANCE.md): no `telechargements` entry.
import type {Chargeur, Contexte} from "./lib/chargeur.js";
import {lireCsv, lit, q, type Colonne, type Controle, type ResultatCsv} from "./lib/csv.js";
import {chercherFichiers, messageAbsent, type FichierOfficiel, type FichierTrouve} from "./lib/fichiers-source.js";
import {COMMUNES_A_ARRONDISSEMENTS, motifCodeCommune, preparerCodesCommunes} from "./lib/communes.js";
import {enregistrerLecture, rejetsDe} from "./lib/bilan.js";
import {insererEnVrac} from "./lib/sql.js";

const DOSSIER = "caf-allocataires-iris-2016-2020";

/** What the loader reads in ../shared/data (for the bench's bare read_csv of the same data). */
export const FICHIERS_CAF_IRIS: FichierOfficiel[] = [2016, 2017, 2018, 2019, 2020].map((a) => ({relatif: `${DOSSIER}/data_CAF_${a}_IRIS.csv`, separateur: ";"}));

/** The Cnaf indicators (counts), in file order; labels from the Cnaf variable names (dictionary not at hand). */
export const INDICATEURS_CAF = [
  {code: "A", libelle: "foyers allocataires"},
  {code: "PERCOU", libelle: "personnes couvertes"},
  {code: "AI", libelle: "allocataires isolés sans enfant"},
  {code: "AM", libelle: "familles monoparentales"},
  {code: "ACSSENF", libelle: "couples sans enfant"},
  {code: "ACAVENF", libelle: "couples avec enfant(s)"},
  {code: "AC3ENF", libelle: "allocataires avec 3 enfants ou plus"},
  {code: "ENF", libelle: "enfants couverts"},
  {code: "ENF_2", libelle: "enfants de moins de 3 ans"},
  {code: "ENF_3_5", libelle: "enfants de 3 à 5 ans"},
  {code: "ENF_6_10", libelle: "enfants de 6 à 10 ans"},
  {code: "ENF_11_14", libelle: "enfants de 11 à 14 ans"},
  {code: "ENF_15_17", libelle: "enfants de 15 à 17 ans"},
  {code: "ENF_18_24", libelle: "enfants de 18 à 24 ans"},
  {code: "A_ETUD", libelle: "allocataires étudiants"},
  {code: "A_NETUD_24", libelle: "allocataires non étudiants de moins de 25 ans"},
  {code: "AAL", libelle: "allocataires d'une aide au logement"},
  {code: "AAPL", libelle: "allocataires de l'APL"},
  {code: "AAAH", libelle: "allocataires de l'AAH"},
  {code: "APPA", libelle: "allocataires de la prime d'activité"},
  {code: "ARSAS", libelle: "allocataires du RSA socle"},
  {code: "APRES50", libelle: "allocataires dont les prestations font au moins 50 % des ressources"},
  {code: "APRES100", libelle: "allocataires dont les prestations font 100 % des ressources"}
] as const;

/**
 * The one variant table: which year's file has which column (from the files themselves,
 * see ../shared/data PROVENANCE.md). `depuis`/`jusqua`: first and last year seen; a column
 * is required in a file of a year within its range. A later year is read like 2020.
 * 2016: 30 columns; 2017 adds UU; 2018 drops APRES50/APRES100; 2019–2020 drop the labels.
 */
export const VARIANTES_CAF: {entete: string; depuis: number; jusqua?: number; colonne?: Colonne}[] = [
  {entete: "CODGEO", depuis: 2016, colonne: {nom: "iris", alias: ["CODGEO"], type: "code"}},
  {entete: "LIBGEO", depuis: 2016, jusqua: 2018, colonne: {nom: "libelle_iris", alias: ["LIBGEO"], type: "texte", masquable: true}},
  // Labels and codes of the commune and its groupings: the referential has them.
  {entete: "DEPCOM", depuis: 2016, jusqua: 2018},
  {entete: "LIBCOM", depuis: 2016, jusqua: 2018},
  {entete: "EPCI", depuis: 2016, jusqua: 2018},
  {entete: "UU", depuis: 2017, jusqua: 2018},
  {entete: "REG", depuis: 2016, jusqua: 2018},
  {entete: "NOTE", depuis: 2016, colonne: {nom: "note", alias: ["NOTE"], type: "entier"}},
  ...INDICATEURS_CAF.map((i) => ({
    entete: i.code, depuis: 2016, jusqua: i.code.startsWith("APRES") ? 2017 : undefined,
    // An IRIS has about 2 000 inhabitants (5 000 at most by INSEE's rules): 100 000 of anything is a shifted or broken cell.
    colonne: {nom: i.code.toLowerCase(), alias: [i.code], type: "entier" as const, masquable: true, plage: [0, 100_000] as [number, number]}
  }))
];

/** Declared columns for one year's file: those of its variant are required, the others optional. */
export function colonnesCaf(annee: number): {colonnes: Colonne[]; ignorer: string[]} {
  const a = Math.max(annee, 2016);
  const attendue = (v: (typeof VARIANTES_CAF)[number]) => v.depuis <= a && (v.jusqua == null || a <= v.jusqua);
  return {
    colonnes: VARIANTES_CAF.filter((v) => v.colonne).map((v) => ({...v.colonne!, obligatoire: attendue(v)})),
    ignorer: VARIANTES_CAF.filter((v) => !v.colonne).map((v) => v.entete)
  };
}

const CONTROLES: Controle[] = [
  {colonne: "iris", condition: "length(iris) <> 9", motif: "code IRIS invalide (9 caractères attendus : commune sur 5 + 4)"},
  {colonne: "note", condition: "note < 0", motif: "indicateur NOTE négatif"},
];

export const chargeurCafIris: Chargeur = {
  id: "caf-allocataires-iris",
  libelle: "Cnaf, allocataires et prestations à l'IRIS",
  async charger(ctx) {
    const fichiers = chercherFichiers(ctx.sources, {dossier: /^caf-allocataires-iris/i, fichier: /^data_CAF_(\d{4})_IRIS\.csv$/i});
    if (!fichiers.length) return ctx.log(messageAbsent(`${DOSSIER}/data_CAF_<année>_IRIS.csv`, "allocataires Caf à l'IRIS non chargés"));
    await preparerCodesCommunes(ctx.conn);
    const publies = new Map<number, string[]>();
    for (const f of fichiers) {
      const annee = Number(f.groupes[0]);
      publies.set(annee, await chargerFichier(ctx, f, annee));
    }
    await agregerCommunes(ctx.conn, publies);
  }
};

/** Loads one year's file; returns the indicators it publishes. */
async function chargerFichier(ctx: Contexte, f: FichierTrouve, annee: number): Promise<string[]> {
  const {conn} = ctx;
  const {colonnes, ignorer} = colonnesCaf(annee);
  const lecture = await lireCsv(conn, {chemin: f.chemin, fichier: f.relatif, colonnes, ignorer, separateur: ";", cle: ["iris"], controles: CONTROLES, into: "caf_iris_lu"});
  await conn.run(`CREATE OR REPLACE TEMP VIEW caf_iris_place AS
    SELECT i.*, c.commune, c.statut FROM caf_iris_lu i LEFT JOIN code_commune c ON c.code = left(i.iris, 5)`);
  // Current communes, former codes and arrondissements (→ Paris, Lyon, Marseille) all have a commune;
  // the rows without one are counted by difference, and only then looked for.
  const presents = INDICATEURS_CAF.map((i) => i.code).filter((c) => lecture.entetes[c.toLowerCase()]);
  const champs = ["iris", "commune", "note", ...(lecture.entetes.libelle_iris ? ["libelle_iris"] : []), ...presents.map((c) => c.toLowerCase())];
  const ecrites = await insererEnVrac(conn, `INSERT INTO caf_iris BY NAME SELECT ${annee} AS annee, ${champs.map(q).join(", ")} FROM caf_iris_place WHERE commune IS NOT NULL`);
  const rejets = ecrites < lecture.chargees
    ? await rejetsDe(conn, f.relatif, `SELECT _ligne AS ligne, 'CODGEO' AS colonne, iris AS valeur, ${motifCodeCommune("statut")} AS motif FROM caf_iris_place WHERE commune IS NULL`)
    : [];
  // Read on the year's rows just written, not on caf_iris_place (a view: its join again). A former
  // code's commune is neither its own code nor one of Paris, Lyon, Marseille (their arrondissements).
  const [recodes, masquees] = (await conn.runAndReadAll(`SELECT count(*) FILTER (left(iris, 5) <> commune AND commune NOT IN (${COMMUNES_A_ARRONDISSEMENTS.map(lit).join(", ")}))::INTEGER,
    count(*) FILTER (note <> 0)::INTEGER FROM caf_iris WHERE annee = ${annee}`)).getRows()[0] as [number, number];
  await enregistrerLecture(ctx, {
    publication: {
      editeur: "Cnaf (Caisses d'allocations familiales)",
      titre: `Allocataires et prestations à l'IRIS au 31 décembre ${annee}`,
      url: "non connue : fichier fourni dans le dossier de sources (jeu « données allocataires à l'IRIS » de la Cnaf)",
      millesime: String(annee)
    },
    fichier: f.relatif, sha256: lecture.sha256, lecture, rejets,
    note: [
      `${masquees} IRIS avec NOTE ≠ 0 (cellules masquées : secret statistique, laissées vides).`,
      recodes ? `${recodes} IRIS d'anciennes communes rattachés à la commune actuelle.` : "",
      `Indicateurs absents de ce fichier : ${absents(lecture).join(", ") || "aucun"}.`
    ].filter(Boolean).join(" ")
  });
  return presents;
}

const absents = (lecture: ResultatCsv) => INDICATEURS_CAF.map((i) => i.code).filter((c) => !lecture.entetes[c.toLowerCase()]);

/**
 * Sums of the IRIS by commune, one row per year × indicator the year's file publishes. A masked
 * IRIS makes the sum a lower bound: `incomplet`, with how many IRIS were masked. Summed by year
 * and commune with the indicators side by side, then one row per indicator published that year
 * (a list per year): grouping rows already one per indicator (20 times as many) took twice as
 * long, and one statement for every year a third less than one per year: 45 against 70 ms (measured).
 */
async function agregerCommunes(conn: Contexte["conn"], publies: ReadonlyMap<number, readonly string[]>): Promise<void> {
  const colonnes = INDICATEURS_CAF.map((i) => i.code.toLowerCase());
  const parAnnee = (f: (code: string) => string) => `CASE annee ${[...publies].map(([annee, codes]) => `WHEN ${annee} THEN [${codes.map(f).join(", ")}]`).join(" ")} END`;
  await insererEnVrac(conn, `INSERT INTO caf_allocataires_commune
    SELECT annee, commune, indicateur, valeur, nb_iris, nb_iris_masques, nb_iris_masques > 0
    FROM (
      SELECT annee, commune, nb_iris, unnest(${parAnnee(lit)}) AS indicateur, unnest(${parAnnee((c) => q(`s_${c.toLowerCase()}`))}) AS valeur,
        unnest(${parAnnee((c) => `nb_iris - ${q(`n_${c.toLowerCase()}`)}`)}) AS nb_iris_masques
      FROM (
        SELECT annee, commune, count(*)::INTEGER AS nb_iris, ${colonnes.map((c) => `sum(${q(c)})::INTEGER AS ${q(`s_${c}`)}, count(${q(c)})::INTEGER AS ${q(`n_${c}`)}`).join(", ")}
        FROM caf_iris GROUP BY annee, commune
      )
    )`);
}
