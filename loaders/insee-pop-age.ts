// INSEE recensement, "POP1B – Population par sexe et âge" of the base des tableaux détaillés,
// long format by single year of age: TD_POP1B_<année>.csv (`;`), usually inside the zip
// TD_POP1B_<année>_csv.zip (BTT_TD_POP1B_<année>.csv / .zip up to 2019).
//
// NO REAL FILE HAS BEEN SEEN HERE. Known from notes/data-sources.md § 4 and public code
// that read these files (third-party material): columns NIVGEO (level: COM, ARM…), CODGEO,
// LIBGEO, SEXE (1 men, 2 women), AGED100 (age "000"…"100", 100 = 100 or more), NB
// (decimal: an estimate, communes of 10 000 inhabitants or more being surveyed by sample).
// Assumed, to check on a real file: the order of the columns (irrelevant: read by name),
// that NIVGEO and LIBGEO may be absent (they are optional here), that the level values are
// COM and ARM, that the decimal mark is "." (a "," is read too). The wide flavour
// (BTX_TD_POP1B, one column per sex × age: SEXE1_AGED100000…) is refused with a message.
//
// Traps handled: codes stay text ("01001", "2A004"); Paris, Lyon and Marseille by
// arrondissement are summed into the commune, never twice if the commune is also there
// whole; codes of communes merged since the census year (geography of diffusion) are
// summed into today's commune; NB keeps its decimals (the sums do too).
import type {Chargeur, Contexte} from "./lib/chargeur.js";
import {ErreurChargement} from "./lib/warehouse.js";
import {lireCsv, lit, type Colonne, type Controle} from "./lib/csv.js";
import {chercherFichiers, lireCsvOuMembre, messageAbsent, type FichierLu, type FichierTrouve} from "./lib/fichiers-source.js";
import {preparerCodesCommunes} from "./lib/communes.js";
import {enregistrerLecture, rejetsDe} from "./lib/bilan.js";
import {insererEnVrac} from "./lib/sql.js";
import type {Telechargement} from "./lib/chargeur.js";
import {decimaleDe, entetesDe, extraireMembreCsv, sqlPlacement} from "./lib/lecture-officielle.js";

export const DOSSIER_POP_AGE = "insee-pop-age";
export const INSEE = "https://www.insee.fr";

/**
 * Publications whose archive URL was seen (public code that downloaded them); the page of
 * the 2022 census tables was not found offline: add it here when known.
 */
export const PUBLICATIONS_POP_AGE: Record<number, string> = {
  2020: "/fr/statistiques/fichier/7631680/TD_POP1B_2020_csv.zip",
  2021: "/fr/statistiques/fichier/8202264/TD_POP1B_2021_csv.zip"
};

export function telechargementsPopAge(base = INSEE): Telechargement[] {
  return Object.entries(PUBLICATIONS_POP_AGE).map(([annee, chemin]) => ({url: `${base}${chemin}`, fichier: `${DOSSIER_POP_AGE}/TD_POP1B_${annee}_csv.zip`}));
}

/** INSEE's names; no other spelling is known (lower-case headers are matched anyway). */
export const COLONNES_POP_AGE: Colonne[] = [
  {nom: "nivgeo", alias: ["NIVGEO"], type: "code", obligatoire: false},
  {nom: "codgeo", alias: ["CODGEO"], type: "code"},
  {nom: "libgeo", alias: ["LIBGEO"], type: "texte", masquable: true, obligatoire: false},
  {nom: "sexe", alias: ["SEXE"], type: "code", obligatoire: false},
  // Text ("000"…"100"): a reject then shows the cell as written.
  {nom: "aged100", alias: ["AGED100"], type: "code"},
  // One sex and one year of age in one commune: about 20 000 in Paris; 100 000 is a shifted or broken cell.
  {nom: "nb", alias: ["NB"], type: "decimal", plage: [0, 100_000]}
];

/** Levels loaded (NIVGEO); any other is counted out of scope. */
export const NIVEAUX_POP_AGE = ["COM", "ARM"] as const;

const CONTROLES: Controle[] = [
  {colonne: "codgeo", condition: `regexp_matches(codgeo, '^[0-9]{4}$')`, motif: "code commune INSEE sur 5 caractères attendu : zéro initial perdu (fichier ouvert dans un tableur ?)"},
  {colonne: "codgeo", condition: `NOT regexp_matches(upper(codgeo), '^[0-9][0-9AB][0-9]{3}$')`, motif: "code commune INSEE sur 5 caractères attendu"},
  {colonne: "sexe", condition: "sexe NOT IN ('1', '2')", motif: "sexe attendu : 1 (hommes) ou 2 (femmes)"},
  {colonne: "aged100", condition: "NOT regexp_matches(aged100, '^[0-9]{1,3}$') OR TRY_CAST(aged100 AS INTEGER) > 100", motif: "âge attendu de 0 à 100 (100 = 100 ans ou plus)"}
];

/** Finds the files: one per census year, the zip preferred to a CSV of the same year. */
export function fichiersPopAge(sources: string | null): {f: FichierTrouve; annee: number; ignores: FichierTrouve[]}[] {
  const trouves = chercherFichiers(sources, {dossier: /^insee-pop-age/i, fichier: /^(?:BTT_)?TD_POP1B_(\d{4})(?:_csv)?\.(csv|zip)$/i});
  const parAnnee = new Map<number, FichierTrouve[]>();
  for (const f of trouves) parAnnee.set(Number(f.groupes[0]), [...(parAnnee.get(Number(f.groupes[0])) ?? []), f]);
  return [...parAnnee.entries()].sort(([a], [b]) => a - b).map(([annee, fs]) => {
    const tries = fs.sort((a, b) => Number(b.groupes[1]!.toLowerCase() === "zip") - Number(a.groupes[1]!.toLowerCase() === "zip"));
    return {f: tries[0]!, annee, ignores: tries.slice(1)};
  });
}

export const chargeurPopAge: Chargeur = {
  id: "insee-pop-age",
  libelle: "INSEE, population par âge détaillé (recensement, TD_POP1B)",
  telechargements: telechargementsPopAge(),
  async charger(ctx) {
    const fichiers = fichiersPopAge(ctx.sources);
    if (!fichiers.length) return ctx.log(messageAbsent(`${DOSSIER_POP_AGE}/TD_POP1B_<année>_csv.zip`, "population par âge du recensement non chargée"));
    await preparerCodesCommunes(ctx.conn);
    for (const {f, annee, ignores} of fichiers) {
      if (ignores.length) ctx.log(`      ${ignores.map((x) => x.relatif).join(", ")} ignoré : ${f.relatif} est lu.`);
      await lireCsvOuMembre(f, () => extraireMembreCsv(f.chemin, f.relatif, new RegExp(`^(BTT_)?TD_POP1B_${annee}\\.csv$`, "i"), `TD_POP1B_${annee}.csv`),
        (lu) => chargerFichier(ctx, f, annee, lu));
    }
  }
};

async function chargerFichier(ctx: Contexte, f: FichierTrouve, annee: number, lu: FichierLu): Promise<void> {
  const {conn} = ctx;
  const {chemin, fichier: nomLu} = lu;
  const entetes = entetesDe(chemin, ";");
  if (entetes.some((h) => /^SEXE\d_AGED100\d{3}$/i.test(h))) {
    throw new ErreurChargement(`${nomLu}, ligne 1 : format large (une colonne par sexe et âge, fichier BTX_TD_POP1B) : seul le format long TD_POP1B (CODGEO;SEXE;AGED100;NB) est lu.`);
  }
  const present = (nom: string) => entetes.some((h) => h.toLowerCase() === nom);
  const lecture = await lireCsv(conn, {
    ...lu, colonnes: COLONNES_POP_AGE, separateur: ";", decimale: decimaleDe(chemin, ";"), controles: CONTROLES, into: "pop_age_lu",
    cle: [...(present("nivgeo") ? ["nivgeo"] : []), "codgeo", ...(present("sexe") ? ["sexe"] : []), "aged100"],
    ...(present("nivgeo") ? {filtre: `nivgeo IN (${NIVEAUX_POP_AGE.map(lit).join(", ")})`, detailHorsFiltre: "coalesce(nivgeo, '?')"} : {})
  });
  // ~7 million rows in a national file: codes are placed once each (~35 000), then joined.
  await conn.run(`CREATE OR REPLACE TEMP TABLE pop_age_code AS ${sqlPlacement("(SELECT codgeo, count(*) AS lignes FROM pop_age_lu GROUP BY codgeo)", "codgeo")}`);
  await insererEnVrac(conn, `INSERT INTO pop_age
    SELECT ${annee}, p.commune, l.aged100::INTEGER AS age, sum(l.nb) FROM pop_age_lu l JOIN pop_age_code p USING (codgeo)
    WHERE p.motif IS NULL AND NOT p.plm_en_double GROUP BY p.commune, age`);
  const rejets = await rejetsDe(conn, nomLu, `SELECT l._ligne AS ligne, ${lit(lecture.entetes.codgeo!)} AS colonne, l.codgeo AS valeur, p.motif
    FROM pop_age_lu l JOIN pop_age_code p USING (codgeo) WHERE p.motif IS NOT NULL`);
  const [enDouble, recodes, communes] = (await conn.runAndReadAll(`SELECT coalesce(sum(lignes) FILTER (motif IS NULL AND plm_en_double), 0)::INTEGER,
      coalesce(sum(lignes) FILTER (motif IS NULL AND statut = 'ancienne'), 0)::INTEGER, count(DISTINCT commune) FILTER (motif IS NULL)::INTEGER FROM pop_age_code`)).getRows()[0] as [number, number, number];
  await enregistrerLecture(ctx, {
    publication: {
      editeur: "INSEE, recensement de la population (exploitation principale)",
      titre: `Population par sexe et âge détaillé par commune en ${annee} (POP1B, base des tableaux détaillés)`,
      url: PUBLICATIONS_POP_AGE[annee] ? `${INSEE}${PUBLICATIONS_POP_AGE[annee]}` : "non connue : fichier fourni dans le dossier de sources (insee.fr, recensement, base des tableaux détaillés, POP1B)",
      millesime: `RP ${annee}`
    },
    fichier: f.relatif, sha256: lecture.sha256, lecture, rejets,
    horsChamp: [{lignes: enDouble, motif: "lignes d'arrondissement municipal d'une commune aussi publiée entière (non additionnées deux fois)"}],
    libelleHorsFiltre: (e) => `lignes de niveau ${e}`,
    note: [
      `${communes.toLocaleString("fr-FR")} communes ; effectifs estimés (décimaux), les deux sexes additionnés ; âge 100 = 100 ans ou plus.`,
      recodes ? `${recodes.toLocaleString("fr-FR")} lignes d'anciens codes communes additionnées dans la commune actuelle.` : ""
    ].filter(Boolean).join(" ")
  });
}
