// Reads an official CSV with DuckDB (fast, all columns as text first), then checks it
// against a declared column list: header aliases, types, masked cells, row checks,
// duplicates. Every row is either kept (view `into`, typed, with its file line `_ligne`),
// set aside as out of scope (another level of the same file), or returned as a reject
// naming file, line, column and reason.
//
// Speed matters (the bench compares a load with a bare DuckDB read_csv of the same file):
// reading, typing and checking happen in ONE pass (a single CREATE TABLE AS over
// read_csv), file lines come from the row order of that table (no window function),
// and duplicates are looked for with a hash aggregate, ranked only when there are some.
import type {DuckDBConnection} from "@duckdb/node-api";
import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {z} from "zod";
import {ErreurChargement} from "./warehouse.js";
import type {Rejet} from "./source.js";
import {champsAEspacesInsecables, decoderCsv, fichierTemporaire, finsDeLigneUnix, lignesCsv, lignesPhysiques, pointDeMilliers, type Encodage, type LignesPhysiques} from "./octets.js";

export const ColonneSchema = z.object({
  /** Our name for the column (the official field name where there is one). */
  nom: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  /** Headers under which publishers ship it (official name, older names, third-party renames). */
  alias: z.array(z.string()).default([]),
  type: z.enum(["code", "texte", "entier", "decimal"]),
  /** Empty cells are secret statistique / not published: kept as NULL, never 0. */
  masquable: z.boolean().default(false),
  obligatoire: z.boolean().default(true),
  /** Plausible values [min, max] of a number (the indicator's range, with its definition): outside, the row is a reject. */
  plage: z.tuple([z.number(), z.number()]).optional()
});
export type Colonne = z.input<typeof ColonneSchema>;
type ColonneValidee = z.infer<typeof ColonneSchema>;

/** A row check on the typed values: rows where `condition` is true are rejected. */
export interface Controle {
  /** The declared column the reject names (its header and raw value go in the reject). */
  colonne: string;
  /** SQL on the declared column names (typed values). */
  condition: string;
  motif: string;
}

export interface OptionsCsv {
  chemin: string;
  /** How the file is named in messages (relative to the sources folder). */
  fichier: string;
  colonnes: Colonne[];
  separateur: ";" | ",";
  /** "," a decimal comma (a "." in a number is then refused: thousands separator?); ",." either mark. */
  decimale?: Decimale;
  /** Quoted values may span lines (free text of the analysts' files); official files never do. */
  valeursMultilignes?: boolean;
  /** Headers that exist in the official file but are not loaded. */
  ignorer?: string[];
  /** Column names forming a unique key: later duplicates are rejected. */
  cle?: string[];
  /** Keep only rows matching this SQL condition on the declared column names (e.g. a level filter). */
  filtre?: string;
  /** SQL on the declared column names labelling each row outside `filtre` (counted per label in `horsFiltreDetail`). */
  detailHorsFiltre?: string;
  controles?: Controle[];
  /** Name of the temporary view of kept rows (its backing table is `<into>__lu`). */
  into: string;
  /** The zip `chemin` was extracted from, when it was: the sha256 is then the archive's (the file the analyst dropped). */
  archive?: string;
  /** The bytes of `chemin` when they are already in memory (a zip member just extracted). */
  octets?: Buffer;
}

export type Decimale = "," | "." | ",.";

/** Cells holding a secret-statistique marker: how many, on how many lines, the first lines. */
export interface Masquees {
  cellules: number;
  nbLignes: number;
  lignes: number[];
}

export interface ResultatCsv {
  /** Data rows of the file, counted on its bytes (header and blank lines aside) and equal to what the reader saw. */
  lues: number;
  chargees: number;
  rejets: Rejet[];
  encodage: Encodage;
  /** Which header each column was found under. */
  entetes: Record<string, string>;
  /** Rows outside the filter (counted as read, neither loaded nor rejected: another level of the same file). */
  horsFiltre: number;
  /** Out-of-filter rows per `detailHorsFiltre` label. */
  horsFiltreDetail: Record<string, number>;
  /** Of the file read (computed from the bytes already in memory for the encoding check), or of its `archive`. */
  sha256: string;
  /** Line number of the last line when the file does not end with a line break (it may have been cut). */
  derniereLigneTronquee: number | null;
  /** Cells holding a secret-statistique marker (s, nd…), loaded as NULL; first lines. */
  masquees: Masquees;
}

const norm = (s: string) => s.trim().replace(/^"|"$/g, "").trim().toLowerCase();
export const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The header line of decoded bytes (UTF-8 BOM and CR removed). */
function premiereLigne(octets: Buffer): string {
  const fin = octets.indexOf(10);
  return octets.subarray(0, fin < 0 ? octets.length : fin).toString("utf8").replace(/^\ufeff/, "").replace(/\r$/, "");
}

/** Map each declared column to the header it appears under; unknown or missing headers are errors. */
export function resoudreEntetes(fichier: string, entetes: string[], colonnes: Colonne[], ignorer: string[] = []): Record<string, string> {
  const cols = colonnes.map((c) => ColonneSchema.parse(c));
  const trouve: Record<string, string> = {};
  const ignores = new Set(ignorer.map(norm));
  const inconnus: string[] = [];
  for (const h of entetes) {
    const col = cols.find((c) => [c.nom, ...c.alias].some((a) => norm(a) === norm(h)));
    if (col) {
      if (trouve[col.nom]) throw new ErreurChargement(`${fichier}, ligne 1 : les colonnes « ${trouve[col.nom]} » et « ${h} » désignent toutes deux « ${col.nom} ».`);
      trouve[col.nom] = h;
    } else if (!ignores.has(norm(h))) inconnus.push(h);
  }
  if (inconnus.length) {
    throw new ErreurChargement(
      `${fichier}, ligne 1 : en-tête${inconnus.length > 1 ? "s" : ""} inconnu${inconnus.length > 1 ? "s" : ""} : ${inconnus.map((h) => `« ${h} »`).join(", ")}. ` +
        `Le format du fichier a peut-être changé : ajoutez l'en-tête à la table d'alias de la source.`
    );
  }
  const manquantes = cols.filter((c) => c.obligatoire && !trouve[c.nom]).map((c) => c.nom);
  if (manquantes.length) {
    throw new ErreurChargement(`${fichier}, ligne 1 : colonne${manquantes.length > 1 ? "s" : ""} obligatoire${manquantes.length > 1 ? "s" : ""} absente${manquantes.length > 1 ? "s" : ""} : ${manquantes.join(", ")}.`);
  }
  return trouve;
}

/** Names of the numeric columns holding a no-break space somewhere (all of them when the file has quotes). */
function colonnesAEspacesInsecables(octets: Buffer, separateur: string, entetes: string[], trouve: Record<string, string>, numeriques: ColonneValidee[]): string[] {
  const champs = champsAEspacesInsecables(octets, separateur);
  if (champs == null) return numeriques.map((c) => c.nom);
  const touchees = new Set([...champs].map((i) => entetes[i]));
  return numeriques.filter((c) => touchees.has(trouve[c.nom]!)).map((c) => c.nom);
}

/** Thousands separators INSEE and Cnaf files use: space, no-break space, narrow no-break space. */
const SEPARATEURS_MILLIERS = [" ", "\u00a0", "\u202f"];

/** A cell's text → DOUBLE (integers too: a decimal in an integer column must be seen, not rounded). */
function expressionNombre(brut: string, decimale: Decimale): string {
  let v = brut;
  for (const s of SEPARATEURS_MILLIERS) v = `replace(${v}, ${lit(s)}, '')`;
  if (decimale !== ".") v = `replace(${v}, ',', '.')`;
  // Most cells are plain numbers: cast them directly, clean only those that fail
  // (coalesce evaluates its second argument only for those rows). A decimal-comma file
  // has no "." in its numbers: such a cell is refused by a check, not read.
  const nombre = `coalesce(TRY_CAST(${brut} AS DOUBLE), TRY_CAST(${v} AS DOUBLE))`;
  return decimale === "," ? `CASE WHEN NOT contains(${brut}, '.') THEN ${nombre} END` : nombre;
}

/** Markers publishers and spreadsheets put in a masked cell (secret statistique, non disponible). */
export const MARQUEURS_SECRET = ["s", "nd", "n.d.", "n.d", "nc", "ns", "secret"] as const;

const plage = ([min, max]: readonly [number, number]) => `[${min.toLocaleString("fr-FR")} ; ${max.toLocaleString("fr-FR")}]`;

/** trim() copies every string and costs half a bare read_csv (measured): only call it on cells that need it. */
const sansEspacesAutour = (x: string) => `CASE WHEN starts_with(${x}, ' ') OR ends_with(${x}, ' ') THEN trim(${x}) ELSE ${x} END`;

const estNombre = (c: ColonneValidee) => c.type === "entier" || c.type === "decimal";
const brut = (nom: string) => q(`_b_${nom}`);
/** `_erreur` holds "<column>|<reason>"; this pseudo-column marks duplicate keys. */
const CLE = "_cle";

export async function lireCsv(conn: DuckDBConnection, o: OptionsCsv): Promise<ResultatCsv> {
  verifierSqlLocal(o);
  const brut = o.octets ?? readFileSync(o.chemin);
  const decode = decoderCsv(brut, o.fichier);
  let octets = decode.octets;
  const entete = premiereLigne(octets);
  const autre = o.separateur === ";" ? "," : ";";
  if (!entete.includes(o.separateur) && entete.includes(autre)) {
    throw new ErreurChargement(`${o.fichier}, ligne 1 : séparateur « ${autre} » trouvé, « ${o.separateur} » attendu.`);
  }
  const entetes = entete.split(o.separateur).map((h) => h.trim().replace(/^"|"$/g, ""));
  const trouve = resoudreEntetes(o.fichier, entetes, o.colonnes, o.ignorer);
  const cols = o.colonnes.map((c) => ColonneSchema.parse(c)).filter((c) => trouve[c.nom]);
  const lu = `${o.into}__lu`;
  let temporaire = decode.transcode ? fichierTemporaire(o.fichier, octets) : null;
  try {
    // Numbers are first parsed by DuckDB's CSV reader itself (3 to 4 times faster than casting
    // text in SQL, measured on Filosofi). A cell it cannot parse ("1 070", "n.d.", "s") becomes a
    // CAST reject: the pass is then run again with those columns as text, cleaned and checked
    // in SQL, so such files give the same rows and rejects, only slower.
    const numeriques = cols.filter(estNombre);
    const passe = (texte: Set<string>, pendant?: () => void) => lirePasse(conn, o, {chemin: temporaire?.chemin ?? o.chemin, entetes, trouve, cols, lu, texte, pendant});
    // No-break spaces (thousands separators the reader cannot parse): their columns are read as text at once.
    const texteInitial = new Set(colonnesAEspacesInsecables(octets, o.separateur, entetes, trouve, numeriques));
    let physiques: LignesPhysiques | null = null;
    let sha256 = "";
    // The reader would read "2.000" in a whole-number column as 2: such columns are read as text when the file may hold one.
    const entiers = o.decimale === "," ? [] : numeriques.filter((c) => c.type === "entier");
    let milliers = false;
    // While DuckDB reads (its own threads), this thread counts the lines and hashes the file.
    const compterEtHacher = () => {
      physiques = lignesPhysiques(octets, {separateur: o.separateur, entetes: entetes.length});
      sha256 = createHash("sha256").update(o.archive ? readFileSync(o.archive) : brut).digest("hex");
      milliers = entiers.length > 0 && pointDeMilliers(octets);
    };
    let erreurs: ErreurLecteur[];
    try {
      erreurs = await passe(texteInitial, compterEtHacher);
    } catch (e) {
      if (!/invalid state/i.test(String(e))) throw e;
      // A file mixing "\r\n" and "\n" line ends (a spreadsheet's resave, a hand edit): read with "\n" only.
      octets = finsDeLigneUnix(octets);
      temporaire?.nettoyer();
      temporaire = fichierTemporaire(o.fichier, octets);
      await conn.run(VIDER_REJETS_LECTEUR).catch(() => {}); // absent when the first read of the session failed
      erreurs = await passe(texteInitial).catch((e2: unknown) => {
        throw new ErreurChargement(`${o.fichier} : fichier CSV illisible (structure des lignes incohérente). Ouvrez-le dans un éditeur de texte pour vérifier séparateurs et guillemets, ou téléchargez-le à nouveau.`, String(e2));
      });
    }
    if (!physiques) compterEtHacher();
    const enEchec = new Set(erreurs.filter((e) => e.type === "CAST").map((e) => e.colonne));
    const texte = new Set(numeriques.filter((c) => texteInitial.has(c.nom) || enEchec.has(trouve[c.nom]!) || (milliers && entiers.includes(c))).map((c) => c.nom));
    if (texte.size > texteInitial.size) {
      await conn.run(VIDER_REJETS_LECTEUR);
      erreurs = await passe(texte);
    }

    const rejetsStructure = lignesMalFormees(erreurs, o.fichier, o.separateur);
    await marquerChampsEnTrop(conn, lu, physiques!.enTrop, rejetsStructure.lignes, entetes.length, o.separateur);
    // One call: the reader's rejects are emptied for the next file, both views are created, the rows counted.
    let comptes = await compter(conn, lu, o.cle, `${VIDER_REJETS_LECTEUR}
      CREATE OR REPLACE TEMP VIEW ${q(`${o.into}__lignes`)} AS
        SELECT (${await expressionLigne(conn, o.into, rejetsStructure)})::INTEGER AS _ligne, t.* FROM ${q(lu)} t;
      CREATE OR REPLACE TEMP VIEW ${q(o.into)} AS
        SELECT _ligne, ${cols.map((c) => q(c.nom)).join(", ")} FROM ${q(`${o.into}__lignes`)} WHERE _hors IS NULL AND _erreur IS NULL;`);
    const gardees = comptes.find((c) => c._hors == null && !c.erreur)?.n ?? 0;
    const doublons = gardees > 0 && comptes[0]!.cles != null && comptes[0]!.cles < gardees;
    if (doublons) {
      await marquerDoublons(conn, lu, o.cle!);
      comptes = await compter(conn, lu);
    }
    const horsFiltreDetail: Record<string, number> = {};
    let total = 0, chargees = 0, horsFiltre = 0, marques = 0;
    for (const c of comptes) {
      total += c.n;
      marques += c.marques;
      if (c._hors != null) {
        horsFiltre += c.n;
        horsFiltreDetail[c._hors] = (horsFiltreDetail[c._hors] ?? 0) + c.n;
      } else if (!c.erreur) chargees += c.n;
    }
    const lues = total + rejetsStructure.lignes.length;
    verifierDecompte(o, octets, physiques!, lues);
    const rejetsValeur = comptes.some((c) => c.erreur) ? await rejetsDeValeur(conn, o, trouve, doublons) : [];
    const rejets = [...rejetsStructure.rejets, ...rejetsValeur].sort((a, b) => (a.ligne ?? 0) - (b.ligne ?? 0));
    const masquees = marques ? await cellulesMarquees(conn, o.into) : {cellules: 0, nbLignes: 0, lignes: []};
    return {lues, chargees, rejets, encodage: decode.encodage, entetes: trouve, horsFiltre, horsFiltreDetail, sha256,
      derniereLigneTronquee: physiques!.finSansSaut && lues > 0 ? physiques!.derniere : null, masquees};
  } finally {
    temporaire?.nettoyer();
  }
}

/**
 * Rows read by DuckDB (kept, out of scope or rejected) must be the file's lines, counted
 * without the reader: a quote opened and never closed makes the reader take the rest of the
 * file as one value, and a file where that happens is refused, naming the line.
 */
function verifierDecompte(o: OptionsCsv, octets: Buffer, physiques: LignesPhysiques, lues: number): void {
  const attendues = Math.max(physiques.nonVides - 1, 0);
  if (lues === attendues) return;
  const csv = lignesCsv(octets);
  if (csv.guillemetOuvert != null) {
    throw new ErreurChargement(
      `${o.fichier}, ligne ${csv.guillemetOuvert} : guillemet « " » ouvert et jamais refermé : le reste du fichier ` +
        `(${physiques.derniere - csv.guillemetOuvert + 1} lignes) serait lu comme une seule valeur. Fichier refusé : ` +
        `supprimez ou refermez ce guillemet (un fichier retouché dans un tableur ?), ou téléchargez à nouveau le fichier.`
    );
  }
  if (!o.valeursMultilignes || csv.enregistrements - 1 !== lues) {
    throw new ErreurChargement(
      `${o.fichier} : ${attendues.toLocaleString("fr-FR")} lignes de données dans le fichier, ${lues.toLocaleString("fr-FR")} lues par le lecteur CSV ` +
        `(des guillemets qui enjambent des lignes ?). Fichier refusé : aucune ligne ne doit se perdre. Vérifiez les guillemets du fichier ` +
        `ou téléchargez-le à nouveau.`
    );
  }
}

/** Cells holding a secret-statistique marker (s, nd…), read as NULL: how many, and their first lines. */
async function cellulesMarquees(conn: DuckDBConnection, into: string): Promise<Masquees> {
  const r = (await conn.runAndReadAll(`SELECT sum(_marques)::INTEGER, count(*)::INTEGER, list(_ligne ORDER BY _ligne)[1:5] FROM ${q(`${into}__lignes`)} WHERE _marques > 0`)).getRowsJS()[0] as [number, number, number[]];
  return {cellules: r[0], nbLignes: r[1], lignes: r[2]};
}

interface Passe {
  entetes: string[];
  trouve: Record<string, string>;
  cols: ColonneValidee[];
  /** The file DuckDB reads (UTF-8: a temporary copy when the official file was not). */
  chemin: string;
  lu: string;
  /** Numeric columns read as text and cast in SQL (those the reader could not parse). */
  texte: Set<string>;
  /** Synchronous work to do while DuckDB reads (called once the read is under way). */
  pendant?: () => void;
}

/**
 * One pass over the file, into table `lu`: cells (empty → NULL) → numbers as DOUBLE (parsed
 * by the reader, or cast from text) → typed values (integers checked whole, then BIGINT)
 * → scope → first failing check.
 */
async function lirePasse(conn: DuckDBConnection, o: OptionsCsv, p: Passe): Promise<ErreurLecteur[]> {
  const {trouve, cols} = p;
  const h = (c: ColonneValidee) => q(trouve[c.nom]!);
  const parLecteur = (c: ColonneValidee) => estNombre(c) && !p.texte.has(c.nom);
  // A number the reader parsed is its cell itself: no alias column carried through the layers below (12 % of
  // Filosofi's read pass, measured); the others are cast from text into `_n_<nom>`.
  const nombre = (c: ColonneValidee) => (parLecteur(c) ? brut(c.nom) : q(`_n_${c.nom}`));
  // A secret-statistique marker (s, nd…) in a maskable numeric column read as text is a masked cell: NULL, counted in _marques.
  const marquable = (c: ColonneValidee) => c.masquable && estNombre(c) && !parLecteur(c);
  const marque = (c: ColonneValidee) => `lower(trim(${h(c)})) IN (${MARQUEURS_SECRET.map(lit).join(", ")})`;
  const cellules = cols.map((c) => {
    const cellule = `nullif(${sansEspacesAutour(h(c))}, '')`;
    return `${parLecteur(c) ? h(c) : marquable(c) ? `CASE WHEN ${marque(c)} THEN NULL ELSE ${cellule} END` : cellule} AS ${brut(c.nom)}`;
  });
  const marques = cols.filter(marquable).map((c) => `coalesce(${marque(c)}, false)::INTEGER`);
  cellules.push(`${marques.length ? marques.join(" + ") : "0"} AS _marques`);
  const decimale = o.decimale ?? ".";
  const nombres = cols.filter((c) => estNombre(c) && !parLecteur(c)).map((c) => `${expressionNombre(brut(c.nom), decimale)} AS ${nombre(c)}`);
  const types = cols.map((c) => `${c.type === "entier" ? `TRY_CAST(${nombre(c)} AS BIGINT)` : c.type === "decimal" ? nombre(c) : brut(c.nom)} AS ${q(c.nom)}`);
  const checks = cols.flatMap((c) => [
    ...(c.masquable ? [] : [`CASE WHEN ${brut(c.nom)} IS NULL THEN ${lit(`${c.nom}|valeur manquante`)} END`]),
    // "20.390" in a decimal-comma file is twenty thousand, never 20,39.
    ...(estNombre(c) && decimale === "," && !parLecteur(c) ? [`CASE WHEN contains(${brut(c.nom)}, '.') THEN ${lit(`${c.nom}|point dans un nombre d'un fichier à virgule décimale : séparateur de milliers (20.390 pour 20 390) ? Valeur refusée plutôt que lue 20,39`)} END`] : []),
    ...(c.type === "entier" && decimale !== "," && !parLecteur(c) ? [`CASE WHEN regexp_matches(${brut(c.nom)}, '^-?[0-9]{1,3}([.][0-9]{3})+$') THEN ${lit(`${c.nom}|point dans un nombre entier : séparateur de milliers (2.000 pour 2 000) ? Valeur refusée plutôt que lue 2`)} END`] : []),
    // (never true of a decimal the reader parsed: its value is its cell)
    ...(estNombre(c) && !(parLecteur(c) && c.type === "decimal") ? [`CASE WHEN ${brut(c.nom)} IS NOT NULL AND ${q(c.nom)} IS NULL THEN ${lit(`${c.nom}|valeur non numérique`)} END`] : []),
    ...(c.type === "entier" ? [`CASE WHEN ${nombre(c)} <> trunc(${nombre(c)}) THEN ${lit(`${c.nom}|nombre à décimales : un entier est attendu`)} END`] : []),
    ...(c.plage ? [`CASE WHEN ${nombre(c)} NOT BETWEEN ${c.plage[0]} AND ${c.plage[1]} THEN ${lit(`${c.nom}|valeur invraisemblable : hors de la plage plausible ${plage(c.plage)}`)} END`] : [])
  ]);
  for (const k of o.controles ?? []) {
    if (!trouve[k.colonne]) continue; // an optional column this file does not have
    checks.push(`CASE WHEN ${k.condition} THEN ${lit(`${k.colonne}|${k.motif}`)} END`);
  }
  const hors = o.filtre ? `CASE WHEN NOT coalesce(${o.filtre}, false) THEN coalesce((${o.detailHorsFiltre ?? "''"})::VARCHAR, '') END` : "NULL::VARCHAR";
  // A reject quotes the failing cell as written: a whole number the reader parsed without ".0". The cell is
  // picked by two flat CASEs (numbers the reader parsed, text) and the number formatted once: a formatting CASE
  // in each column's branch took half the planning of the pass (4 of 9 ms for Filosofi's 32 columns, measured).
  const celluleErreur = (colonnes: ColonneValidee[]) =>
    colonnes.length ? `CASE WHEN _erreur IS NOT NULL THEN CASE split_part(_erreur, '|', 1) ${colonnes.map((c) => `WHEN ${lit(c.nom)} THEN ${brut(c.nom)}`).join(" ")} END END` : "NULL";
  const valeurErreur = `coalesce(CASE WHEN _nombre_erreur = trunc(_nombre_erreur) AND abs(_nombre_erreur) < 1e15 THEN _nombre_erreur::BIGINT::VARCHAR ELSE _nombre_erreur::VARCHAR END, _texte_erreur)`;
  const typeLu = (entete: string) => (cols.some((c) => parLecteur(c) && trouve[c.nom] === entete) ? "DOUBLE" : "VARCHAR");
  return dansLOrdreDuFichier(conn, p.pendant, `CREATE OR REPLACE TEMP TABLE ${q(p.lu)} AS
    WITH brut AS (
      SELECT ${cellules.join(", ")}
      FROM read_csv(${lit(p.chemin)}, delim=${lit(o.separateur)}, header=true, encoding='utf-8',
        ignore_errors=true, store_rejects=true, auto_detect=false, quote='"', escape='"', strict_mode=true,
        ${decimale !== "." ? "decimal_separator=',', " : ""}columns={${p.entetes.map((e) => `${lit(e)}: '${typeLu(e)}'`).join(", ")}})
    ), nombres AS (SELECT *${nombres.length ? `, ${nombres.join(", ")}` : ""} FROM brut),
    type AS (SELECT *, ${types.join(", ")} FROM nombres),
    portee AS (SELECT *, ${hors} AS _hors FROM type),
    controle AS (SELECT *, CASE WHEN _hors IS NULL THEN ${checks.length ? `coalesce(${checks.join(", ")})` : "NULL::VARCHAR"} END AS _erreur FROM portee),
    erreur AS (SELECT *, (${celluleErreur(cols.filter(parLecteur))})::DOUBLE AS _nombre_erreur, (${celluleErreur(cols.filter((c) => !parLecteur(c)))})::VARCHAR AS _texte_erreur FROM controle)
    SELECT ${cols.map((c) => q(c.nom)).join(", ")}, _hors, _erreur, _marques, ${valeurErreur} AS _valeur
    FROM erreur`);
}

/** What DuckDB's reader refused in the last pass (store_rejects): cells it could not parse, lines it could not split. */
interface ErreurLecteur {
  ligne: number;
  colonne: string;
  type: string;
  motif: string;
}

/** `avant`: statements to run in the same call. */
async function erreursDuLecteur(conn: DuckDBConnection, avant: string): Promise<ErreurLecteur[]> {
  const r = await conn.runAndReadAll(`${avant} SELECT line::INTEGER AS ligne, coalesce(column_name, '') AS colonne, error_type AS type, error_message AS motif FROM reject_errors ORDER BY line, column_idx`);
  return r.getRowObjectsJS() as unknown as ErreurLecteur[];
}

/** Empties the reader's reject tables (each read must see only its own). */
const VIDER_REJETS_LECTEUR = "DELETE FROM reject_errors; DELETE FROM reject_scans;";

/**
 * Runs the one-pass CREATE TABLE AS so that the table keeps the file's row order, which
 * gives each row its file line, and returns what the reader refused. A plain projection keeps
 * the order (with preserve_insertion_order, DuckDB's default, forced here); a join does not,
 * and DuckDB rewrites an IN list of 6 constants or more into one ("in_clause" optimizer), so
 * that rule is switched off for this statement. Hence also: filters and checks must be
 * row-local SQL, without subqueries. Both settings are left as DuckDB's defaults, which the
 * loaders' connections keep: reading them first, then restoring them, took two more calls a file.
 */
async function dansLOrdreDuFichier(conn: DuckDBConnection, pendant: (() => void) | undefined, sql: string): Promise<ErreurLecteur[]> {
  const retablir = "RESET disabled_optimizers;";
  try {
    const lecture = conn.run(`SET disabled_optimizers = 'in_clause'; SET preserve_insertion_order = true; ${sql}`);
    pendant?.();
    await lecture;
  } catch (e) {
    await conn.run(retablir);
    throw e;
  }
  return erreursDuLecteur(conn, retablir);
}

function verifierSqlLocal(o: OptionsCsv): void {
  for (const sql of [o.filtre, o.detailHorsFiltre, ...(o.controles ?? []).map((k) => k.condition)]) {
    if (sql && /\bselect\b/i.test(sql)) throw new Error(`lireCsv : « ${sql} » doit porter sur la ligne seule (pas de sous-requête).`);
  }
}

/**
 * Lines DuckDB could not split into the declared columns (too many or too few fields, a
 * misplaced quote), one French reject per line: DuckDB reports a short line once per
 * missing column, in English. A line with one field too many is never loaded shifted.
 */
function lignesMalFormees(erreurs: ErreurLecteur[], fichier: string, separateur: string): {rejets: Rejet[]; lignes: number[]} {
  const rejets: Rejet[] = [];
  const vues = new Set<number>();
  for (const r of erreurs) {
    if (vues.has(r.ligne)) continue;
    vues.add(r.ligne);
    rejets.push({fichier, ligne: r.ligne, colonne: r.colonne || null, valeur: null, motif: `ligne mal formée : ${motifStructure(r.type, r.motif, separateur)}`});
  }
  return {rejets, lignes: [...vues].sort((a, b) => a - b)};
}

/**
 * Lines with more fields than the header whose extra fields are empty ("17;979;…;" where the
 * last cell is empty): the reader keeps them, shifted. Each becomes a reject like the lines
 * the reader refuses itself. Row k of `lu` is file line k + 2 plus the refused lines before it.
 */
async function marquerChampsEnTrop(conn: DuckDBConnection, lu: string, enTrop: LignesPhysiques["enTrop"], refusees: number[], entetes: number, separateur: string): Promise<void> {
  for (const {ligne, champs} of enTrop) {
    const rang = ligne - 2 - refusees.filter((l) => l < ligne).length;
    const motif = `|ligne mal formée : ${motifStructure("TOO MANY COLUMNS", `Expected Number of Columns: ${entetes} Found: ${champs}`, separateur)}`;
    await conn.run(`UPDATE ${q(lu)} SET _erreur = ${lit(motif)}, _hors = NULL, _valeur = NULL WHERE rowid = ${rang}`);
  }
}

export function motifStructure(type: string, message: string, separateur: string): string {
  const champs = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (champs) {
    const [attendus, trouves] = [Number(champs[1]), Number(champs[2])];
    return trouves < attendus
      ? `${trouves} colonne${trouves > 1 ? "s" : ""} au lieu de ${attendus} (les colonnes se séparent par « ${separateur} » ; ligne coupée ?)`
      : `${trouves} colonnes au lieu de ${attendus} (un « ${separateur} » dans une valeur ? entourez-la de guillemets doubles${separateur === "," ? " ; un nombre écrit 62,8 dans un fichier séparé par des virgules ?" : ""}) : ligne écartée plutôt que lue décalée`;
  }
  if (/quote/i.test(type) || /quote/i.test(message)) return `guillemet « " » mal placé dans une valeur (${message})`;
  return message;
}

/**
 * File line of each kept row. The table keeps the file's row order (DuckDB preserves
 * insertion order), so row k sits on line k + 2 (header = line 1), plus one for every
 * malformed line DuckDB skipped before it.
 */
async function expressionLigne(conn: DuckDBConnection, into: string, structure: {lignes: number[]}): Promise<string> {
  if (!structure.lignes.length) return "t.rowid + 2";
  // The j-th skipped line (0-based) at file line l shifts every row whose index is ≥ l - 2 - j.
  const seuils = structure.lignes.map((l, j) => l - 2 - j);
  const table = `${into}__sauts`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${q(table)} AS SELECT unnest([${seuils.join(", ")}])::BIGINT AS seuil`);
  return `t.rowid + 2 + (SELECT count(*) FROM ${q(table)} s WHERE s.seuil <= t.rowid)`;
}

/** Rows per scope label and error state, in one scan. */
interface Compte {
  _hors: string | null;
  erreur: boolean;
  n: number;
  marques: number;
  /** Distinct key hashes among the kept rows (null without a key), the same on every row. */
  cles: number | null;
}

/**
 * Counts the rows of `lu` (after the statements `avant`, run in the same call). With a key, also
 * the distinct key hashes among the kept rows: as many as rows proves there is no duplicate, at
 * a fraction of a GROUP BY on the key columns (a hash collision only costs the exact search of
 * marquerDoublons). A scan of its own: a DISTINCT aggregate inside the GROUP BY cost 1,7 times
 * as much (measured on the births).
 */
async function compter(conn: DuckDBConnection, lu: string, cle?: string[], avant = ""): Promise<Compte[]> {
  const cles = cle?.length ? `(SELECT count(DISTINCT hash(${cle.map(q).join(", ")})) FROM ${q(lu)} WHERE _hors IS NULL AND _erreur IS NULL)::INTEGER` : "NULL::INTEGER";
  const r = await conn.runAndReadAll(`${avant} SELECT *, ${cles} AS cles FROM (
    SELECT _hors, (_erreur IS NOT NULL) AS erreur, count(*)::INTEGER AS n, sum(_marques)::INTEGER AS marques FROM ${q(lu)} GROUP BY ALL)`);
  return r.getRowObjectsJS() as unknown as Compte[];
}

/** Marks every repeat of a key as an error (the first occurrence in the file stays). */
async function marquerDoublons(conn: DuckDBConnection, lu: string, cle: string[]): Promise<void> {
  const k = cle.map(q).join(", ");
  const valides = `FROM ${q(lu)} WHERE _hors IS NULL AND _erreur IS NULL`;
  const egal = cle.map((c) => `t.${q(c)} IS NOT DISTINCT FROM d.${q(c)}`).join(" AND ");
  await conn.run(`UPDATE ${q(lu)} SET _erreur = ${lit(`${CLE}|ligne en double (même clé qu'une ligne précédente)`)},
      _valeur = concat_ws(' | ', ${cle.map((c) => `${q(c)}::VARCHAR`).join(", ")})
    WHERE rowid IN (
      SELECT r FROM (
        SELECT t.rowid AS r, row_number() OVER (PARTITION BY ${cle.map((c) => `t.${q(c)}`).join(", ")} ORDER BY t.rowid) AS rang
        FROM ${q(lu)} t SEMI JOIN (SELECT ${k} ${valides} GROUP BY ${k} HAVING count(*) > 1) d ON ${egal}
        WHERE t._hors IS NULL AND t._erreur IS NULL
      ) WHERE rang > 1)`);
}

async function rejetsDeValeur(conn: DuckDBConnection, o: OptionsCsv, trouve: Record<string, string>, doublons: boolean): Promise<Rejet[]> {
  const lignes = (await conn.runAndReadAll(`SELECT _ligne, _erreur, _valeur FROM ${q(`${o.into}__lignes`)} WHERE _erreur IS NOT NULL ORDER BY _ligne`)).getRowObjectsJS();
  const colonneCle = doublons ? o.cle!.map((c) => trouve[c] ?? c).join(" + ") : "";
  return lignes.map((r) => {
    const erreur = String(r._erreur);
    const i = erreur.indexOf("|");
    const col = erreur.slice(0, i);
    return {
      fichier: o.fichier,
      ligne: r._ligne as number,
      colonne: (col === CLE ? colonneCle : trouve[col] ?? col) || null,
      valeur: (r._valeur as string | null) ?? null,
      motif: erreur.slice(i + 1)
    };
  });
}
