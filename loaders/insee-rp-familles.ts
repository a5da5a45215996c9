// INSEE recensement, base infracommunale (IRIS) "couples – familles – ménages":
// base-ic-couples-familles-menages-<année>_csv.zip, member base-ic-couples-familles-menages-<année>.CSV
// (`;`), next to a meta_….CSV dictionary member. One row per IRIS; summed here by commune.
//
// NO REAL FILE HAS BEEN SEEN HERE. Known from notes/data-sources.md § 4 and public code that
// read the 2022 file (third-party material): geographic columns IRIS (9 characters), COM,
// and labels; variables prefixed by the census year, C22_ (exploitation complémentaire:
// households and families) and P22_ (principale): C22_MEN (ménages), C22_MENPSEUL (ménages
// d'une personne), C22_PMEN_MENPSEUL (their persons: the same count), C22_FAM (familles),
// C22_FAMMONO (familles monoparentales), C22_COUPSENF / C22_COUPAENF (couples sans / avec
// enfant)… Assumptions, to check on a real file:
// - the year is the prefix's two digits (C22 → 2022; C21 → 2021…) and must match the file
//   name; a file mixing two prefixes is refused;
// - the names FAM_MONO, FAM_COUPSENF, FAM_COUPAENF (written so in data-sources.md) are
//   accepted as aliases of FAMMONO, COUPSENF, COUPAENF;
// - every other C<aa>_/P<aa>_ variable and the known label/geography columns are published
//   but not loaded (recognised by family); any other header stops the load;
// - values are decimals (estimates weighted from the census sample), "." or "," read;
// - an empty cell is possible (kept NULL, the commune sum then flagged incomplete).
// IRIS → commune: the COM column, or the IRIS code's first five characters when there is
// no COM column; then onto the 2026 map (arrondissements → Paris, Lyon, Marseille; former
// codes → today's commune).
import type {Chargeur, Contexte} from "./lib/chargeur.js";
import {ErreurChargement} from "./lib/warehouse.js";
import {lireCsv, lit, q, type Colonne, type Controle} from "./lib/csv.js";
import {chercherFichiers, lireCsvOuMembre, messageAbsent, type FichierLu, type FichierTrouve} from "./lib/fichiers-source.js";
import {preparerCodesCommunes} from "./lib/communes.js";
import {enregistrerLecture, rejetsDe} from "./lib/bilan.js";
import {insererEnVrac} from "./lib/sql.js";
import type {Telechargement} from "./lib/chargeur.js";
import {decimaleDe, entetesDe, extraireMembreCsv, sqlPlacement} from "./lib/lecture-officielle.js";
import {INSEE} from "./insee-pop-age.js";

export const DOSSIER_RP_FAMILLES = "insee-rp-familles";

/** Publication of each year's archive whose URL is known (2022: notes/data-sources.md). */
export const PUBLICATIONS_RP_FAMILLES: Record<number, string> = {
  2022: "/fr/statistiques/fichier/8647008/base-ic-couples-familles-menages-2022_csv.zip"
};

export function telechargementsRpFamilles(base = INSEE): Telechargement[] {
  return Object.entries(PUBLICATIONS_RP_FAMILLES).map(([annee, chemin]) => ({
    url: `${base}${chemin}`, fichier: `${DOSSIER_RP_FAMILLES}/base-ic-couples-familles-menages-${annee}_csv.zip`
  }));
}

/**
 * Variables loaded, by our name (INSEE's without prefix, lower-cased): `{p}` stands for the
 * prefix C<aa> of the file's year. MENPSEUL and PMEN_MENPSEUL are two columns of the real
 * file (households, and their persons: the same count), so they are not aliases of each
 * other: the loader keeps MENPSEUL and falls back on PMEN_MENPSEUL.
 */
export const VARIABLES_RP_FAMILLES: {nom: string; alias: string[]; obligatoire: boolean; libelle: string}[] = [
  {nom: "men", alias: ["{p}_MEN"], obligatoire: true, libelle: "ménages"},
  {nom: "menpseul", alias: ["{p}_MENPSEUL"], obligatoire: false, libelle: "ménages d'une personne"},
  {nom: "pmen_menpseul", alias: ["{p}_PMEN_MENPSEUL"], obligatoire: false, libelle: "personnes des ménages d'une personne"},
  {nom: "fam", alias: ["{p}_FAM"], obligatoire: true, libelle: "familles"},
  {nom: "fammono", alias: ["{p}_FAMMONO", "{p}_FAM_MONO"], obligatoire: true, libelle: "familles monoparentales"},
  {nom: "coupsenf", alias: ["{p}_COUPSENF", "{p}_FAM_COUPSENF"], obligatoire: true, libelle: "couples sans enfant"},
  {nom: "coupaenf", alias: ["{p}_COUPAENF", "{p}_FAM_COUPAENF"], obligatoire: false, libelle: "couples avec enfant(s)"}
];

/** Geographic and label columns of the base-ic files (published, not loaded: the referential has them). */
export const GEOGRAPHIE_IGNOREE = ["REG", "DEP", "UU2010", "UU2020", "LIBCOM", "LIBIRIS", "TYP_IRIS", "MODIF_IRIS", "LAB_IRIS", "GRD_QUART"];

/** C22 → 2022: the census year of a variable prefix (two digits; INSEE bases start in 2006). */
export const anneePrefixe = (prefixe: string): number | null => {
  const m = /^[CP](\d{2})$/i.exec(prefixe);
  return m ? 2000 + Number(m[1]) : null;
};

/** The year the headers' variable prefixes give; an error when they mix two years or give none. */
export function anneeDesEntetes(fichier: string, entetes: readonly string[]): number {
  const annees = [...new Set(entetes.map((h) => /^([CP]\d{2})_/i.exec(h)?.[1]).filter((p): p is string => !!p).map((p) => anneePrefixe(p)!))].sort();
  if (annees.length === 0) throw new ErreurChargement(`${fichier}, ligne 1 : aucune variable préfixée C<aa>_ ou P<aa>_ (C22_MEN…) : ce n'est pas une base infracommunale de l'INSEE.`);
  if (annees.length > 1) throw new ErreurChargement(`${fichier}, ligne 1 : variables de plusieurs recensements mélangées (${annees.join(", ")}) : un fichier par année est attendu.`);
  return annees[0]!;
}

/** Declared columns and the headers recognised but not loaded, for a file of year `annee`. */
export function colonnesRpFamilles(annee: number, entetes: readonly string[]): {colonnes: Colonne[]; ignorer: string[]} {
  const p = `C${String(annee % 100).padStart(2, "0")}`;
  const colonnes: Colonne[] = [
    {nom: "iris", alias: ["IRIS"], type: "code"},
    {nom: "com", alias: ["COM"], type: "code", obligatoire: false},
    // An IRIS has about 2 000 inhabitants (a commune not split into IRIS, under 10 000): 100 000 of anything is a shifted or broken cell.
    ...VARIABLES_RP_FAMILLES.map((v): Colonne => ({nom: v.nom, alias: v.alias.map((a) => a.replace("{p}", p)), type: "decimal", masquable: true, obligatoire: v.obligatoire, plage: [0, 100_000]}))
  ];
  const declares = new Set(colonnes.flatMap((c) => [c.nom, ...(c.alias ?? [])]).map((a) => a.toUpperCase()));
  const variable = new RegExp(`^[CP]${p.slice(1)}_[A-Z0-9_]+$`, "i");
  const ignorer = entetes.filter((h) => !declares.has(h.toUpperCase()) && (variable.test(h) || GEOGRAPHIE_IGNOREE.includes(h.toUpperCase())));
  return {colonnes, ignorer};
}

const CONTROLES: Controle[] = [
  {colonne: "iris", condition: "NOT regexp_matches(upper(iris), '^[0-9][0-9AB][0-9]{7}$')", motif: "code IRIS invalide (9 caractères attendus : commune sur 5 + 4)"},
  {colonne: "com", condition: "left(upper(iris), 5) <> upper(com)", motif: "l'IRIS n'est pas dans la commune COM (ses 5 premiers caractères diffèrent)"}
];

export const chargeurRpFamilles: Chargeur = {
  id: "insee-rp-familles",
  libelle: "INSEE, couples, familles, ménages à l'IRIS (recensement)",
  telechargements: telechargementsRpFamilles(),
  async charger(ctx) {
    const trouves = chercherFichiers(ctx.sources, {dossier: /^insee-rp-familles/i, fichier: /^base-ic-couples-familles-menages-(\d{4})(_csv\.zip|\.csv)$/i});
    if (!trouves.length) return ctx.log(messageAbsent(`${DOSSIER_RP_FAMILLES}/base-ic-couples-familles-menages-<année>_csv.zip`, "ménages et familles du recensement non chargés"));
    await preparerCodesCommunes(ctx.conn);
    // One file per year: the zip, else the CSV extracted by hand.
    const parAnnee = new Map<number, FichierTrouve>();
    for (const f of trouves.sort((a, b) => Number(b.groupes[1]!.toLowerCase().endsWith("zip")) - Number(a.groupes[1]!.toLowerCase().endsWith("zip")))) {
      const annee = Number(f.groupes[0]);
      if (parAnnee.has(annee)) ctx.log(`      ${f.relatif} ignoré : ${parAnnee.get(annee)!.relatif} est lu.`);
      else parAnnee.set(annee, f);
    }
    for (const [annee, f] of [...parAnnee.entries()].sort(([a], [b]) => a - b)) {
      await lireCsvOuMembre(f, () => extraireMembreCsv(f.chemin, f.relatif, new RegExp(`^base-ic-couples-familles-menages-${annee}\\.csv$`, "i"), `base-ic-couples-familles-menages-${annee}.CSV`),
        (lu) => chargerFichier(ctx, f, annee, lu));
    }
  }
};

async function chargerFichier(ctx: Contexte, f: FichierTrouve, anneeNom: number, lu: FichierLu): Promise<void> {
  const {conn} = ctx;
  const {chemin, fichier: nomLu} = lu;
  const entetes = entetesDe(chemin, ";");
  // A wrong separator gives one header without prefix: let lireCsv say so first.
  const annee = entetes.length > 1 ? anneeDesEntetes(nomLu, entetes) : anneeNom;
  if (annee !== anneeNom) throw new ErreurChargement(`${nomLu}, ligne 1 : variables du recensement ${annee} dans un fichier nommé ${anneeNom} : fichier renommé ?`);
  const {colonnes, ignorer} = colonnesRpFamilles(annee, entetes);
  const lecture = await lireCsv(conn, {...lu, colonnes, ignorer, separateur: ";", decimale: decimaleDe(chemin, ";"), cle: ["iris"], controles: CONTROLES, into: "rp_familles_lu"});
  const e = lecture.entetes;
  if (!e.menpseul && !e.pmen_menpseul) {
    throw new ErreurChargement(`${nomLu}, ligne 1 : ni C${String(annee % 100).padStart(2, "0")}_MENPSEUL ni C${String(annee % 100).padStart(2, "0")}_PMEN_MENPSEUL : le nombre de personnes vivant seules manque.`);
  }
  const variables = VARIABLES_RP_FAMILLES.filter((v) => v.nom !== "pmen_menpseul" && (e[v.nom] || v.nom === "menpseul"));
  const expression = (nom: string) => (nom === "menpseul" && !e.menpseul ? q("pmen_menpseul") : q(nom));
  await conn.run(`CREATE OR REPLACE TEMP TABLE rp_familles_place AS
    ${sqlPlacement(`(SELECT *, ${e.com ? "upper(com)" : "left(upper(iris), 5)"} AS code FROM rp_familles_lu)`, "code")}`);
  await insererEnVrac(conn, `INSERT INTO rp_familles
    SELECT ${annee}, commune, variable, sum(valeur), count(*)::INTEGER, bool_or(valeur IS NULL) FROM (
      SELECT commune, unnest([${variables.map((v) => lit(v.nom)).join(", ")}]) AS variable, unnest([${variables.map((v) => `${expression(v.nom)}::DOUBLE`).join(", ")}]) AS valeur
      FROM rp_familles_place WHERE motif IS NULL AND NOT plm_en_double
    ) GROUP BY commune, variable`);
  const colonneCode = e.com ?? e.iris!;
  const rejets = await rejetsDe(conn, nomLu, `SELECT _ligne AS ligne, ${lit(colonneCode)} AS colonne, ${e.com ? "com" : "iris"} AS valeur, motif FROM rp_familles_place WHERE motif IS NOT NULL`);
  const [enDouble, incompletes, recodes] = (await conn.runAndReadAll(`SELECT
      (SELECT count(*) FROM rp_familles_place WHERE motif IS NULL AND plm_en_double)::INTEGER,
      (SELECT count(DISTINCT commune) FROM rp_familles WHERE annee = ${annee} AND incomplet)::INTEGER,
      (SELECT count(*) FROM rp_familles_place WHERE motif IS NULL AND statut = 'ancienne')::INTEGER`)).getRows()[0] as [number, number, number];
  await enregistrerLecture(ctx, {
    publication: {
      editeur: "INSEE, recensement de la population (exploitation complémentaire)",
      titre: `Couples, familles, ménages à l'IRIS en ${annee} (base infracommunale), additionnés par commune`,
      url: PUBLICATIONS_RP_FAMILLES[annee] ? `${INSEE}${PUBLICATIONS_RP_FAMILLES[annee]}` : "non connue : fichier fourni dans le dossier de sources (insee.fr, bases infracommunales, couples-familles-ménages)",
      millesime: `RP ${annee}`
    },
    fichier: f.relatif, sha256: lecture.sha256, lecture, rejets,
    horsChamp: [{lignes: enDouble, motif: "IRIS d'arrondissement municipal d'une commune aussi publiée entière (non additionnés deux fois)"}],
    note: [
      `Variables chargées : ${variables.map((v) => `${v.nom} (${e[v.nom] ?? e.pmen_menpseul}, ${v.libelle})`).join(", ")}. Effectifs estimés (décimaux).`,
      incompletes ? `${incompletes} communes avec au moins un IRIS à la cellule vide (somme incomplète, drapeau i).` : "",
      recodes ? `${recodes} IRIS d'anciennes communes rattachés à la commune actuelle.` : ""
    ].filter(Boolean).join(" ")
  });
}
