// Cnaf early-childhood coverage (data.caf.fr, Licence Ouverte 2.0): rates
// `txcouv_pe_<niveau>` and places `nbpla_pe_<niveau>`, niveau ∈ com, epci, dep, reg, nat.
//
// The same figures reach us under several spellings (official field names with a niveau
// suffix, older national and communal names, a third-party copy with renamed headers):
// one explicit alias table per dataset family maps them to our modes, and an unknown
// header stops the load (lireCsv) rather than being guessed.
//
// Long table `caf_couverture` (niveau, code, annee, mode, taux, places): the modes are
// stable across niveaux and vintages while field names are not, rates and places come
// from separate datasets with different row sets (1 045 rates, 1 035 places in 2022), and
// the pages chart by mode. A wide table would need 16 nullable columns per row and a
// migration each time the Cnaf adds a mode.
//
// Traps (notes/data-sources.md) and how they are handled:
// - communes: only those over 10 000 inhabitants (+ PLM arrondissements): no mesh, no fill;
// - `XX`/`XXX` rows carry real values but are no area: kept, statut 'sans_territoire';
// - `annee` is a date in txcouv_pe_nat: the year is read from its first four digits;
// - published rates are rounded to 0,1 and places totals to the unit: subtotals and the
//   global are stored as published and never recomputed from the parts.
import {existsSync, readdirSync} from "node:fs";
import {join} from "node:path";
import type {Chargeur, Contexte} from "./lib/chargeur.js";
import {lireCsv, lit, q, type Colonne, type Controle} from "./lib/csv.js";
import {debutFichier} from "./lib/lecture-officielle.js";
import {chercherFichiers} from "./lib/fichiers-source.js";
import {notesLecture} from "./lib/bilan.js";
import type {Rejet} from "./lib/source.js";
import {motifCodeCommune, preparerCodesCommunes} from "./lib/communes.js";
import {insererEnVrac, sansOrdre} from "./lib/sql.js";
import {telecharger} from "./lib/telechargement.js";
import type {Telechargement} from "./lib/chargeur.js";
import {telechargerRecords, urlRecords, type OptionsRecords} from "./lib/opendatasoft.js";
import {MODES_CAF, type ModeCaf} from "../src/lib/couverture.js";

export type NiveauCaf = "com" | "epci" | "dep" | "reg" | "nat";
export type MesureCaf = "taux" | "places";

export const NIVEAUX_CAF: readonly NiveauCaf[] = ["com", "epci", "dep", "reg", "nat"];
export const DATA_CAF = "https://data.caf.fr";
/** Folder of the sources directory where official exports go (also read at its root). */
export const DOSSIER_CAF = "caf-couverture";

// ── Alias tables. `{s}` stands for the niveau suffix (com, epci, dep, reg, nat). ───────
// Order in each list: official field name, older official names, third-party copy
// (caf-txcouv-nbpla-commune-2017-2022, snake_case renames), French labels of an export
// with `use_labels=true` (not confirmed on a real export: data-sources.md advises not to
// rely on labels, they are here so such a file is recognised rather than refused).

/** Rates, dataset `txcouv_pe_<niveau>`. */
export const ALIAS_TAUX: Record<ModeCaf, readonly string[]> = {
  eaje_psu: ["txcouv_psu_col_{s}", "txcouv_psu_nat", "taux_de_couv_eaje_psu", "Taux de couverture EAJE PSU"],
  eaje_hors_psu: ["txcouv_hors_psu_col_{s}", "taux_de_couv_hors_eaje_psu", "Taux de couverture EAJE hors PSU"],
  eaje: ["txcouv_eaje_{s}", "taux_de_couv_eaje_ensemble", "Taux de couverture EAJE"],
  prescolarisation: ["txcouv_prescol_{s}", "taux_de_couv_prescolarisation", "Taux de couverture préscolarisation"],
  assistants_maternels: ["txcouv_am_ind_{s}", "txcouv_am_nat", "taux_de_couv_assistante_maternelle", "Taux de couverture assistants maternels"],
  garde_domicile: ["txcouv_gad_ind_{s}", "txcouv_gad_nat", "taux_de_couv_salariee_a_domicile", "Taux de couverture garde à domicile"],
  individuel: ["txcouv_ind_{s}", "taux_de_couv_accueil_individuel_ensemble", "Taux de couverture accueil individuel"],
  ensemble: ["txcouv_{s}", "tauxcouv_{s}", "taux_de_couv_global", "Taux de couverture global"]
};

/** Places, dataset `nbpla_pe_<niveau>`. */
export const ALIAS_PLACES: Record<ModeCaf, readonly string[]> = {
  eaje_psu: ["pl_psu_col_{s}", "places_EAJE_PSU", "Nombre de places EAJE PSU"],
  eaje_hors_psu: ["pl_hors_psu_col_{s}", "places_hors_EAJE_PSU", "Nombre de places EAJE hors PSU"],
  eaje: ["pl_eaje_{s}", "places_EAJE_ensemble", "Nombre de places EAJE"],
  prescolarisation: ["pl_prescol_{s}", "places_prescolarisation", "Nombre de places préscolarisation"],
  assistants_maternels: ["pl_am_ind_{s}", "places_assistante_maternelle", "Nombre de places assistants maternels"],
  garde_domicile: ["pl_gad_ind_{s}", "places_salariee_domicile", "Nombre de places garde à domicile"],
  individuel: ["pl_ind_{s}", "places_accueil_individuel_ensemble", "Nombre de places accueil individuel"],
  ensemble: ["tot_offre_{s}", "places_offertes_ensemble", "Nombre total de places"]
};

/** Code and name columns of each niveau (both datasets). nat has no code: its rows get "FR". */
export const ALIAS_TERRITOIRE: Record<NiveauCaf, {code: readonly string[]; nom: readonly string[]}> = {
  com: {code: ["numcom", "NUM_COM", "numero_commune", "num_commune", "Numéro de commune"], nom: ["nomcom", "NOM_COM", "nom_commune", "Nom de la commune"]},
  epci: {code: ["numepci", "NUM_EPCI", "numero_epci", "Numéro EPCI"], nom: ["nomepci", "NOM_EPCI", "nom_epci", "Nom EPCI"]},
  dep: {code: ["numdep", "NUM_DEP", "numero_departement", "Numéro de département"], nom: ["nomdep", "NOM_DEP", "nom_departement", "Nom du département"]},
  reg: {code: ["numregi", "numreg", "NUM_REG", "numero_region", "Numéro de région"], nom: ["nomregi", "nomreg", "NOM_REG", "nom_region", "Nom de la région"]},
  nat: {code: [], nom: ["national", "France"]}
};

export const ALIAS_ANNEE: readonly string[] = ["annee", "date_reference", "Année"];

/** Zone d'emploi columns of the older communal files: published, not loaded. */
const IGNORES_TOUJOURS = ["NUMZEMPL", "NOMZEMPL"];

const suffixe = (alias: readonly string[], niveau: NiveauCaf) => alias.map((a) => a.replaceAll("{s}", niveau));

/**
 * Plausible values: coverage rates reach 161 % in the 2017–2022 communal files (children of
 * other communes cared for there), so 250 leaves room while 628 (a lost decimal comma) is refused;
 * the national places total is about 1,4 million.
 */
export const PLAGES_CAF: Record<MesureCaf, [number, number]> = {taux: [0, 250], places: [0, 2_000_000]};

/** The declared columns of a dataset, for lireCsv. */
export function colonnesCaf(mesure: MesureCaf, niveau: NiveauCaf, {anneeColonne = true} = {}): Colonne[] {
  const table = mesure === "taux" ? ALIAS_TAUX : ALIAS_PLACES;
  return [
    ...(niveau === "nat" ? [] : [{nom: "code", alias: [...ALIAS_TERRITOIRE[niveau].code], type: "code" as const}]),
    {nom: "libelle", alias: [...ALIAS_TERRITOIRE[niveau].nom], type: "texte", masquable: true, obligatoire: false},
    // Older communal files (TAUXCOUV<année>.csv) have no year column: the file name gives it.
    {nom: "annee", alias: [...ALIAS_ANNEE], type: "texte", obligatoire: anneeColonne},
    ...MODES_CAF.map((m): Colonne => ({
      nom: m.id,
      alias: suffixe(table[m.id], niveau),
      // Places are whole: as "entier", "2.000" (a thousands separator) is refused rather than read 2.
      type: mesure === "places" ? "entier" : "decimal",
      masquable: true,
      obligatoire: m.id === "ensemble",
      plage: PLAGES_CAF[mesure]
    }))
  ];
}

/** Headers of the other niveaux (a communal file also names its EPCI and département): not loaded. */
export function ignoresCaf(niveau: NiveauCaf): string[] {
  return [...IGNORES_TOUJOURS, ...NIVEAUX_CAF.filter((n) => n !== niveau).flatMap((n) => [...ALIAS_TERRITOIRE[n].code, ...ALIAS_TERRITOIRE[n].nom])];
}

// ── Datasets and files ───────────────────────────────────────────────────────────────

export interface JeuCaf {
  id: string;
  mesure: MesureCaf;
  niveau: NiveauCaf;
  /** Lower wins when two files give the same code × year: current, history, copies. */
  priorite: number;
}

/** Current datasets, then their `_hist` flavour (2017–2022 series; ids seen in public loaders, to check per niveau). */
export const JEUX_CAF: readonly JeuCaf[] = [false, true].flatMap((hist) =>
  NIVEAUX_CAF.flatMap((niveau) => (["taux", "places"] as const).map((mesure) => ({
    id: `${mesure === "taux" ? "txcouv" : "nbpla"}_pe_${niveau}${hist ? "_hist" : ""}`,
    mesure,
    niveau,
    priorite: hist ? 2 : 1
  })))
);

export const urlExportCsv = (base: string, id: string) => `${base.replace(/\/$/, "")}/api/explore/v2.1/catalog/datasets/${id}/exports/csv?delimiter=%3B`;

interface FichierCaf {
  chemin: string;
  relatif: string;
  jeu: JeuCaf;
  url: string;
  editeur: string;
  titre: string;
  anneeFichier?: number;
  note?: string;
}

const COPIE_TIERCE = "caf-txcouv-nbpla-commune-2017-2022";
const URL_COPIE_TIERCE = "https://github.com/NadNadou/creche_project/tree/80171aeb88c5cff227d8aea30f9d89e4edbed4bf/project/seeds";

const NOMS_NIVEAU: Record<NiveauCaf, string> = {com: "commune", epci: "EPCI", dep: "département", reg: "région", nat: "France"};

/** The Cnaf files present in the sources folder, highest priority first. */
export function fichiersCouverture(sources: string): FichierCaf[] {
  const trouves: FichierCaf[] = [];
  for (const jeu of JEUX_CAF) {
    // In caf-couverture/ or at the root, any case, "(1)" of a second download accepted (chercherFichiers).
    const rel = chercherFichiers(sources, {dossier: new RegExp(`^${DOSSIER_CAF}$`, "i"), fichier: new RegExp(`^${jeu.id}\\.csv$`, "i")})[0]?.relatif;
    if (!rel) continue;
    trouves.push({
      chemin: join(sources, rel), relatif: rel, jeu, url: urlExportCsv(DATA_CAF, jeu.id), editeur: "Cnaf (data.caf.fr)",
      titre: `${jeu.mesure === "taux" ? "Taux de couverture" : "Places"} d'accueil du jeune enfant par ${NOMS_NIVEAU[jeu.niveau]} (${jeu.id})`
    });
  }
  const copie = [
    {fichier: "tx_couverture.csv", mesure: "taux" as const, id: "txcouv_pe_com_hist"},
    {fichier: "nbpla_pe_caf.csv", mesure: "places" as const, id: "nbpla_pe_com_hist"}
  ];
  for (const c of copie) {
    const rel = `${COPIE_TIERCE}/${c.fichier}`;
    if (!existsSync(join(sources, rel))) continue;
    trouves.push({
      chemin: join(sources, rel), relatif: rel, jeu: {id: c.id, mesure: c.mesure, niveau: "com", priorite: 3},
      url: `${URL_COPIE_TIERCE}/${c.fichier}`, editeur: "Cnaf (data.caf.fr), copie tierce du dépôt public NadNadou/creche_project",
      titre: `${c.mesure === "taux" ? "Taux de couverture" : "Places"} d'accueil du jeune enfant par commune, 2017–2022 (${c.id}, en-têtes renommés)`,
      note: "Valeurs publiées par la Cnaf ; en-têtes renommés par un tiers (table d'alias)."
    });
  }
  for (const dossier of [DOSSIER_CAF, ""]) {
    const d = join(sources, dossier);
    if (!existsSync(d)) continue;
    for (const nom of readdirSync(d).sort()) {
      const m = /^TAUXCOUV(\d{4})\.csv$/i.exec(nom);
      if (!m) continue;
      const rel = dossier ? `${dossier}/${nom}` : nom;
      trouves.push({
        chemin: join(sources, rel), relatif: rel, jeu: {id: nom, mesure: "taux", niveau: "com", priorite: 4}, url: urlExportCsv(DATA_CAF, "txcouv_pe_com"),
        editeur: "Cnaf (data.caf.fr)", titre: `Taux de couverture global par commune, ancien fichier ${nom}`, anneeFichier: Number(m[1]),
        note: `Ancien format (NUM_COM, tauxcouv_com) ; année ${m[1]} lue dans le nom du fichier.`
      });
    }
  }
  return trouves;
}

// ── Refresh ──────────────────────────────────────────────────────────────────────────

/** Whole-file CSV exports (the `--refresh` path). */
export function telechargementsCouverture(base = DATA_CAF): Telechargement[] {
  return JEUX_CAF.map((j) => ({url: urlExportCsv(base, j.id), fichier: `${DOSSIER_CAF}/${j.id}.csv`}));
}

/**
 * Refresh the Cnaf files into `sources/caf-couverture/`: `export` fetches the whole-file
 * CSV exports; `records` pages through the JSON records API (100 per page) and writes the
 * same CSV, for networks that block or time out on exports. A dataset that fails is
 * logged and skipped: files already present are kept.
 */
export async function rafraichirCouverture(
  sources: string,
  o: {base?: string; via: "export" | "records"; log: (m: string) => void; jeux?: readonly string[]} & OptionsRecords
): Promise<number> {
  const base = o.base ?? DATA_CAF;
  const jeux = JEUX_CAF.filter((j) => !o.jeux || o.jeux.includes(j.id));
  if (o.via === "export") {
    return telecharger(telechargementsCouverture(base).filter((t) => jeux.some((j) => t.fichier.endsWith(`/${j.id}.csv`))), sources, o.log);
  }
  let ok = 0;
  for (const j of jeux) {
    const url = urlRecords(base, j.id);
    try {
      const r = await telechargerRecords(url, join(sources, DOSSIER_CAF, `${j.id}.csv`), o);
      o.log(`      téléchargé : ${j.id} (${r.total} enregistrements, ${r.pages} pages) → ${DOSSIER_CAF}/${j.id}.csv`);
      ok++;
    } catch (e) {
      o.log(`      non téléchargé (${(e as Error).message}) : ${url}. Les fichiers déjà présents sont conservés.`);
    }
  }
  return ok;
}

// ── Parsing ──────────────────────────────────────────────────────────────────────────


const FORMATS_CODE: Record<Exclude<NiveauCaf, "nat">, {re: string; attendu: string}> = {
  com: {re: "[0-9][0-9AB][0-9]{3}", attendu: "code commune INSEE sur 5 caractères"},
  epci: {re: "[0-9]{9}", attendu: "SIREN d'EPCI sur 9 chiffres"},
  dep: {re: "[0-9]{2}|2A|2B|97[0-9]", attendu: "code de département (01, 2A, 971…)"},
  reg: {re: "[0-9]{2}", attendu: "code de région sur 2 chiffres"}
};

/**
 * Row checks (SQL, run by lireCsv in its single pass; the first failing one names the
 * column): readable year, code format of the niveau (or an XX placeholder). Ranges and
 * whole places are checked by the declared columns (colonnesCaf).
 */
export function controlesCaf(niveau: NiveauCaf): Controle[] {
  const c: Controle[] = [
    {colonne: "annee", condition: `NOT regexp_matches(annee, '^20[0-9]{2}(-[0-9]{2}(-[0-9]{2}([T ].*)?)?)?$')`, motif: "année illisible (attendu : 2022 ou 2022-01-01)"}
  ];
  if (niveau !== "nat") {
    const f = FORMATS_CODE[niveau];
    const longueur = {com: 5, epci: 9, dep: 2, reg: 2}[niveau];
    c.push({colonne: "code", condition: `regexp_matches(code, '^[0-9]{${longueur - 1}}$')`, motif: `${f.attendu} attendu : zéro initial perdu (fichier ouvert dans un tableur ?)`});
    c.push({colonne: "code", condition: `NOT regexp_matches(upper(code), '^(X+|${f.re})$')`, motif: `${f.attendu} attendu`});
  }
  return c;
}

/** Official exports use `;`, the third-party copy `,`: the header line tells. */
function separateurDe(chemin: string): ";" | "," {
  const debut = debutFichier(chemin, 4096);
  const fin = debut.indexOf(10);
  return debut.subarray(0, fin < 0 ? debut.length : fin).includes(";") ? ";" : ",";
}

// ── Load ─────────────────────────────────────────────────────────────────────────────

interface Lu {
  f: FichierCaf;
  lues: number;
  valides: number;
  rejets: Rejet[];
  notes: string;
  annees: number[];
  sansTerritoire: number;
  sha256: string;
}

/**
 * One file → rows of caf_entree, one per code × year as in the file (its modes side by
 * side, `modes` saying which ones the file publishes), all in SQL. The year is the first
 * four digits of `annee` (txcouv_pe_nat publishes a date; the row checks already ensured
 * the shape), or the file name's year. Kept wide until the final write: one row per mode
 * from the start (8 times the rows, regrouped by mode afterwards) cost 0,27 s of CPU to
 * write and 0,23 to 0,4 s to regroup, against 0,07 s and 0,19 s (measured).
 */
async function lireFichier(ctx: Contexte, f: FichierCaf): Promise<Lu> {
  const separateur = separateurDe(f.chemin);
  const {mesure, niveau} = f.jeu;
  const anneeColonne = f.anneeFichier == null;
  const r = await lireCsv(ctx.conn, {
    chemin: f.chemin, fichier: f.relatif, colonnes: colonnesCaf(mesure, niveau, {anneeColonne}), ignorer: ignoresCaf(niveau),
    // With `;` the decimal mark may be "," (older files) or "." (exports): "," → "." covers both.
    separateur, decimale: separateur === ";" ? ",." : ".", controles: controlesCaf(niveau),
    cle: [...(niveau === "nat" ? [] : ["code"]), ...(anneeColonne ? ["annee"] : [])], into: "caf_lu"
  });
  // Only the modes the file has (an older communal file has only `ensemble`): a bit each, in MODES_CAF order.
  const presents = MODES_CAF.map((m, i) => ({id: m.id, bit: m.id in r.entetes ? 1 << i : 0}));
  await ctx.conn.run(`INSERT INTO caf_entree
    SELECT ${lit(niveau)}, ${niveau === "nat" ? "'FR'" : "upper(code)"}, ${anneeColonne ? "substr(trim(annee), 1, 4)::INTEGER" : f.anneeFichier},
      ${lit(mesure)}, libelle, ${lit(f.relatif)}, ${f.jeu.priorite}, _ligne, ${presents.reduce((n, m) => n | m.bit, 0)},
      ${presents.map((m) => (m.bit ? `${q(m.id)}::DOUBLE` : "NULL")).join(", ")}
    FROM caf_lu`);
  const [valides, annees, sansTerritoire] = (await ctx.conn.runAndReadAll(`SELECT count(*)::INTEGER, coalesce(list(DISTINCT annee ORDER BY annee), []),
      count(*) FILTER (regexp_matches(code, '^X+$'))::INTEGER
    FROM (SELECT DISTINCT code, annee FROM caf_entree WHERE fichier = ${lit(f.relatif)})`)).getRowsJS()[0] as [number, number[], number];
  return {f, lues: r.lues, valides, rejets: r.rejets, notes: notesLecture(r), annees, sansTerritoire, sha256: r.sha256};
}

/**
 * The rows of the files kept, rates and places side by side: one row per level × code × year,
 * holding the rate file's row and the places file's row (for each measure the highest-priority
 * file, all its modes: never a mix of modes from two vintages of the same figure) and the code's
 * statut and commune (caf_statut). One row per code, not per mode: 6 300 rows to materialise
 * instead of 50 000 (20 ms of the loader's 300, measured). Files are ranked only when two of
 * them give the same level and measure (`classer`): each key's file is then picked in a GROUP
 * BY (arg_min on the row), 10 ms more.
 */
const creerCafPaire = (classer: boolean) => `CREATE OR REPLACE TEMP TABLE caf_paire AS
  WITH retenu AS (
    ${classer ? "SELECT r.* FROM (SELECT arg_min(e, (e.priorite, e.fichier)) AS r FROM caf_entree e GROUP BY e.niveau, e.code, e.annee, e.mesure)" : "FROM caf_entree"}
  ), t AS (FROM retenu WHERE mesure = 'taux'), p AS (FROM retenu WHERE mesure = 'places')
  SELECT niveau, code, annee, s.statut, s.commune, t.libelle AS libelle_taux, p.libelle AS libelle_places,
    t.fichier AS fichier_taux, p.fichier AS fichier_places, coalesce(t.modes, 0) AS modes_taux, coalesce(p.modes, 0) AS modes_places,
    ${MODES_CAF.map((m) => `t.${q(m.id)} AS ${q(`taux_${m.id}`)}, p.${q(m.id)} AS ${q(`places_${m.id}`)}`).join(", ")}
  FROM t FULL JOIN p USING (niveau, code, annee) JOIN caf_statut s USING (niveau, code)`;

/** Column `mesure` of caf_paire for the mode of the row `m` of the modes table (CASE rather than a list built per row). */
const duMode = (mesure: MesureCaf) => `CASE m.i ${MODES_CAF.map((m, i) => `WHEN ${i} THEN ${q(`${mesure}_${m.id}`)}`).join(" ")} END`;

/**
 * caf_paire one row per mode that one of its two files publishes (a bit each in `modes`, in
 * MODES_CAF order): what caf_couverture holds for a published row. A view over a join with the
 * 8 modes, so that the recomposition's filters on the code reach caf_paire before the rows
 * are multiplied.
 */
const CREER_CAF_PUBLIE = `CREATE OR REPLACE TEMP VIEW caf_publie AS
  SELECT niveau, code, annee, mode, CASE WHEN en_taux THEN taux END AS taux, CASE WHEN en_places THEN places END::INTEGER AS places,
    -- the rate file's label, else the places file's, of the files publishing this mode
    coalesce(CASE WHEN en_taux THEN libelle_taux END, CASE WHEN en_places THEN libelle_places END) AS libelle,
    statut, commune, CASE WHEN en_taux THEN fichier_taux END AS source_taux, CASE WHEN en_places THEN fichier_places END AS source_places
  FROM (
    SELECT c.niveau, c.code, c.annee, c.statut, c.commune, c.libelle_taux, c.libelle_places, c.fichier_taux, c.fichier_places, m.mode,
      (c.modes_taux & (1 << m.i)) <> 0 AS en_taux, (c.modes_places & (1 << m.i)) <> 0 AS en_places,
      ${duMode("taux")} AS taux, ${duMode("places")} AS places
    FROM caf_paire c CROSS JOIN (VALUES ${MODES_CAF.map((m, i) => `(${i}, ${lit(m.id)})`).join(", ")}) m(i, mode)
  )
  WHERE en_taux OR en_places`;

/** Per file, its code × year rows kept in caf_paire (the others: a higher-priority file gives them too). */
const RETENUES = `SELECT fichier, count(*)::INTEGER AS n FROM (
    SELECT fichier_taux AS fichier FROM caf_paire UNION ALL SELECT fichier_places FROM caf_paire
  ) WHERE fichier IS NOT NULL GROUP BY fichier`;

/**
 * statut of each distinct level × code of caf_entree (once per code, not once per row), and
 * for communal codes the current commune they belong to (code_commune, after
 * preparerCodesCommunes): a PLM arrondissement or a former code is placed in today's commune.
 * Computed once into caf_statut, which the writes, the rejects and the recomposition read.
 * The join to code_commune is an equality on a CASE (NULL for other levels): `ON e.niveau =
 * 'com' AND k.code = e.code` made DuckDB take a nested-loop join (0,4 s of the 0,5 s, measured).
 */
const CREER_CAF_STATUT = `CREATE OR REPLACE TEMP TABLE caf_statut AS SELECT e.niveau, e.code, CASE
  WHEN regexp_matches(e.code, '^X+$') OR regexp_matches(coalesce(e.libelle, ''), '^X+$') THEN 'sans_territoire'
  WHEN e.niveau = 'nat' THEN 'territoire'
  WHEN e.niveau = 'com' AND k.statut = 'actuelle' THEN 'territoire'
  WHEN e.niveau = 'com' AND k.statut = 'arrondissement' THEN 'arrondissement'
  WHEN e.niveau = 'com' AND k.statut = 'ancienne' THEN 'ancien_code'
  WHEN e.niveau = 'epci' AND EXISTS (SELECT 1 FROM epci x WHERE x.code = e.code) THEN 'territoire'
  WHEN e.niveau = 'dep' AND EXISTS (SELECT 1 FROM departement d WHERE d.code = e.code) THEN 'territoire'
  WHEN e.niveau = 'reg' AND EXISTS (SELECT 1 FROM region r WHERE r.code = e.code) THEN 'territoire'
  ELSE 'hors_referentiel' END AS statut,
  CASE WHEN e.niveau = 'com' THEN k.commune END AS commune,
  CASE WHEN e.niveau = 'com' THEN ${motifCodeCommune("k.statut")} ELSE 'code absent du référentiel (géographie 2026)' END AS motif
  FROM (SELECT niveau, code, any_value(libelle) AS libelle FROM caf_entree GROUP BY niveau, code) e
  LEFT JOIN code_commune k ON k.code = CASE WHEN e.niveau = 'com' THEN e.code END`;

/**
 * Today's communes that the file publishes in pieces (arrondissements of Paris, Lyon and
 * Marseille; communes merged since, e.g. Saint-Denis 93066 + Pierrefitte-sur-Seine 93059
 * in 2025): one row per commune × year × mode, statut 'territoire', recompose = true.
 * Places are summed (all pieces known, else NULL: never a partial count shown as the
 * commune's); a rate is Σ places / Σ children × 100, children = places / taux × 100 of each
 * piece's global rate (approximate: rates are rounded to 0,1), and only when every piece
 * has both (summed in code order: a sum of decimals in another order differs in its last
 * digits, and two loads of the same files must give the same warehouse). The pieces keep their
 * published rows; the current commune's own published row (its old perimeter) becomes statut
 * 'perimetre_ancien'.
 * Computed on the temporary rows (caf_publie), so that caf_couverture is written once, by
 * ECRIRE_COUVERTURE: no INSERT followed by an UPDATE of the rows just written.
 */
const RECOMPOSER = `
  CREATE OR REPLACE TEMP TABLE caf_piece AS
    SELECT * FROM caf_publie
    WHERE niveau = 'com' AND statut IN ('territoire', 'arrondissement', 'ancien_code')
      AND (commune, annee) IN (SELECT (commune, annee) FROM caf_paire WHERE niveau = 'com' AND statut IN ('arrondissement', 'ancien_code'));
  CREATE OR REPLACE TEMP TABLE caf_recompose AS
    WITH enfants AS (SELECT code, annee, places / taux * 100 AS enfants FROM caf_piece WHERE mode = 'ensemble' AND taux > 0 AND places IS NOT NULL),
    pieces AS (SELECT commune, annee, count(DISTINCT code) AS n FROM caf_piece GROUP BY ALL)
    SELECT 'com' AS niveau, p.commune AS code, p.annee, p.mode,
      CASE WHEN count(p.places) = any_value(n.n) AND count(e.enfants) = any_value(n.n) THEN sum(p.places) / sum(e.enfants ORDER BY p.code) * 100 END AS taux,
      CASE WHEN count(p.places) = any_value(n.n) THEN sum(p.places) END::INTEGER AS places,
      (SELECT nom FROM commune WHERE code = p.commune) AS libelle, 'territoire' AS statut,
      min(p.source_taux) AS source_taux, min(p.source_places) AS source_places, true AS recompose
    FROM caf_piece p JOIN pieces n USING (commune, annee) LEFT JOIN enfants e USING (code, annee)
    GROUP BY p.commune, p.annee, p.mode;
  DROP TABLE caf_piece;`;

/** The published rows (a recomposed commune's own row: perimetre_ancien) and the recomposed ones, in one write. */
const ECRIRE_COUVERTURE = `INSERT INTO caf_couverture
  SELECT niveau, code, annee, mode, c.taux, c.places, c.libelle,
    CASE WHEN r.code IS NOT NULL THEN 'perimetre_ancien' ELSE c.statut END AS statut, c.source_taux, c.source_places, false AS recompose
  FROM caf_publie c LEFT JOIN caf_recompose r USING (niveau, code, annee, mode)
  UNION ALL BY NAME SELECT * FROM caf_recompose`;

export const chargeurCouverture: Chargeur = {
  id: "caf-couverture",
  libelle: "Cnaf, taux de couverture et places d'accueil du jeune enfant",
  telechargements: telechargementsCouverture(),
  rafraichirParRecords: (sources, o) => rafraichirCouverture(sources, {...o, via: "records"}),
  async charger(ctx) {
    const fichiers = ctx.sources && existsSync(ctx.sources) ? fichiersCouverture(ctx.sources) : [];
    if (!fichiers.length) {
      ctx.log("      aucun fichier Cnaf de couverture (txcouv_pe_*, nbpla_pe_*) dans le dossier de sources : couverture non disponible.");
      return;
    }
    await ctx.conn.run(`CREATE OR REPLACE TEMP TABLE caf_entree (niveau VARCHAR, code VARCHAR, annee INTEGER, mesure VARCHAR,
      libelle VARCHAR, fichier VARCHAR, priorite INTEGER, ligne INTEGER, modes INTEGER, ${MODES_CAF.map((m) => `${q(m.id)} DOUBLE`).join(", ")})`);
    await preparerCodesCommunes(ctx.conn);
    const lus: Lu[] = [];
    for (const f of fichiers) lus.push(await lireFichier(ctx, f));
    await ctx.conn.run(CREER_CAF_STATUT);
    // A code × year can only come twice from two files of the same level and measure.
    const classer = new Set(fichiers.map((f) => `${f.jeu.niveau} ${f.jeu.mesure}`)).size < fichiers.length;
    await ctx.conn.run(`${creerCafPaire(classer)}; ${CREER_CAF_PUBLIE}`);
    const retenues = classer ? new Map((await ctx.conn.runAndReadAll(RETENUES)).getRowObjectsJS().map((r) => [r.fichier as string, r.n as number])) : null;
    // Rows no current commune (or area) can take: kept as published with their statut, and rejected with the reason.
    const places = await rejetsPlacement(ctx);
    await sansOrdre(ctx.conn, () => ctx.conn.run(RECOMPOSER));
    await insererEnVrac(ctx.conn, ECRIRE_COUVERTURE);
    const recomposees = (await ctx.conn.runAndReadAll("SELECT count(DISTINCT (code, annee))::INTEGER FROM caf_recompose")).getRows()[0]![0] as number;
    await ctx.conn.run("DROP VIEW caf_publie; DROP TABLE caf_paire; DROP TABLE caf_entree; DROP TABLE caf_recompose; DROP TABLE caf_statut;");
    if (recomposees) ctx.log(`      ${recomposees} communes × années recomposées à partir d'arrondissements municipaux ou d'anciens codes.`);
    for (const l of lus) {
      // Its valid rows a higher-priority file gives too (each code × year once per file: lireCsv's key).
      const n = retenues ? l.valides - (retenues.get(l.f.relatif) ?? 0) : 0;
      const rejets = [...l.rejets, ...(places.get(l.f.relatif) ?? [])];
      const annees = l.annees.length ? `années ${l.annees[0]}${l.annees.length > 1 ? `–${l.annees.at(-1)}` : ""}` : "aucune année";
      await ctx.enregistrer(
        {id: l.f.relatif, editeur: l.f.editeur, titre: l.f.titre, url: l.f.url, millesime: annees, fichier: l.f.relatif, sha256: l.sha256,
          lignesLues: l.lues, lignesChargees: l.valides - rejets.length + l.rejets.length, lignesRejetees: rejets.length,
          note: [l.f.note, l.notes,
            l.sansTerritoire ? `${l.sansTerritoire} lignes de regroupement XX/XXX conservées (statut sans_territoire : valeurs réelles, aucun territoire).` : "",
            n ? `${n} lignes (code × année) déjà fournies par une source prioritaire.` : "",
            recomposees ? "Paris, Lyon, Marseille (arrondissements) et les communes fusionnées depuis (anciens codes) sont recomposés dans la commune actuelle : places additionnées, taux = Σ places / Σ enfants." : ""].filter(Boolean).join(" ")},
        rejets
      );
      ctx.log(`      ${l.f.relatif} : ${l.valides} lignes (${annees})${rejets.length ? `, ${rejets.length} rejetées` : ""}${n ? `, ${n} supplantées` : ""}.`);
    }
  }
};

/** One reject per file line whose code no current area takes (unknown code, former code now split), by file. */
async function rejetsPlacement(ctx: Contexte): Promise<Map<string, Rejet[]>> {
  const lignes = (await ctx.conn.runAndReadAll(`SELECT DISTINCT e.fichier, e.ligne, e.code, s.motif
    FROM caf_entree e JOIN caf_statut s USING (niveau, code) WHERE s.statut = 'hors_referentiel' ORDER BY e.fichier, e.ligne`)).getRowObjectsJS();
  const parFichier = new Map<string, Rejet[]>();
  for (const r of lignes) {
    const fichier = String(r.fichier);
    if (!parFichier.has(fichier)) parFichier.set(fichier, []);
    parFichier.get(fichier)!.push({fichier, ligne: Number(r.ligne), colonne: "code", valeur: String(r.code), motif: String(r.motif)});
  }
  return parFichier;
}
