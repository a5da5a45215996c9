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
import {isUtf8} from "node:buffer";
import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {z} from "zod";
import {ErreurChargement} from "./warehouse.js";
import type {Rejet} from "./source.js";

export const ColonneSchema = z.object({
  /** Our name for the column (the official field name where there is one). */
  nom: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  /** Headers under which publishers ship it (official name, older names, third-party renames). */
  alias: z.array(z.string()).default([]),
  type: z.enum(["code", "texte", "entier", "decimal"]),
  /** Empty cells are secret statistique / not published: kept as NULL, never 0. */
  masquable: z.boolean().default(false),
  obligatoire: z.boolean().default(true)
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
  decimale?: "," | ".";
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
}

export interface ResultatCsv {
  lues: number;
  chargees: number;
  rejets: Rejet[];
  encodage: "utf-8" | "latin-1";
  /** Which header each column was found under. */
  entetes: Record<string, string>;
  /** Rows outside the filter (counted as read, neither loaded nor rejected: another level of the same file). */
  horsFiltre: number;
  /** Out-of-filter rows per `detailHorsFiltre` label. */
  horsFiltreDetail: Record<string, number>;
  /** Of the file read (computed from the bytes already in memory for the encoding check). */
  sha256: string;
}

const norm = (s: string) => s.trim().replace(/^"|"$/g, "").trim().toLowerCase();
export const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

function premiereLigne(chemin: string): {entete: string; utf8: boolean; espacesInsecables: boolean; sha256: string} {
  const buf = readFileSync(chemin);
  // Native check of the whole file: one stray Latin-1 byte anywhere changes the encoding.
  const utf8 = isUtf8(buf);
  // No-break spaces (thousands separators the CSV reader cannot parse): read numbers as text at once.
  const espacesInsecables = utf8 ? buf.includes(NNBSP) || buf.includes(NBSP) : buf.includes(0xa0);
  const fin = buf.indexOf(10);
  let ligne = buf.subarray(0, fin < 0 ? buf.length : fin).toString(utf8 ? "utf8" : "latin1");
  // A UTF-8 byte-order mark, also when the rest of the file turned out to be Latin-1.
  ligne = ligne.replace(/^(\ufeff|\u00ef\u00bb\u00bf)/, "").replace(/\r$/, "");
  return {entete: ligne, utf8, espacesInsecables, sha256: createHash("sha256").update(buf).digest("hex")};
}
const NNBSP = Buffer.from("\u202f", "utf8");
const NBSP = Buffer.from("\u00a0", "utf8");

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

/** Thousands separators INSEE and Cnaf files use: space, no-break space, narrow no-break space. */
const SEPARATEURS_MILLIERS = [" ", "\u00a0", "\u202f"];

/** A cell's text → DOUBLE (integers too: a decimal in an integer column must be seen, not rounded). */
function expressionNombre(brut: string, decimale: "," | "."): string {
  let v = brut;
  for (const s of SEPARATEURS_MILLIERS) v = `replace(${v}, ${lit(s)}, '')`;
  if (decimale === ",") v = `replace(${v}, ',', '.')`;
  // Most cells are plain numbers: cast them directly, clean only those that fail
  // (coalesce evaluates its second argument only for those rows).
  return `coalesce(TRY_CAST(${brut} AS DOUBLE), TRY_CAST(${v} AS DOUBLE))`;
}

/** trim() copies every string and costs half a bare read_csv (measured): only call it on cells that need it. */
const sansEspacesAutour = (x: string) => `CASE WHEN starts_with(${x}, ' ') OR ends_with(${x}, ' ') THEN trim(${x}) ELSE ${x} END`;

const estNombre = (c: ColonneValidee) => c.type === "entier" || c.type === "decimal";
const brut = (nom: string) => q(`_b_${nom}`);
/** `_erreur` holds "<column>|<reason>"; this pseudo-column marks duplicate keys. */
const CLE = "_cle";

export async function lireCsv(conn: DuckDBConnection, o: OptionsCsv): Promise<ResultatCsv> {
  verifierSqlLocal(o);
  const {entete, utf8, espacesInsecables, sha256} = premiereLigne(o.chemin);
  const autre = o.separateur === ";" ? "," : ";";
  if (!entete.includes(o.separateur) && entete.includes(autre)) {
    throw new ErreurChargement(`${o.fichier}, ligne 1 : séparateur « ${autre} » trouvé, « ${o.separateur} » attendu.`);
  }
  const entetes = entete.split(o.separateur).map((h) => h.trim().replace(/^"|"$/g, ""));
  const trouve = resoudreEntetes(o.fichier, entetes, o.colonnes, o.ignorer);
  const cols = o.colonnes.map((c) => ColonneSchema.parse(c)).filter((c) => trouve[c.nom]);
  const encodage = utf8 ? "utf-8" : "latin-1";
  const lu = `${o.into}__lu`;

  // Numbers are first parsed by DuckDB's CSV reader itself (3 to 4 times faster than casting
  // text in SQL, measured on Filosofi). A cell it cannot parse ("1 070", "n.d.") becomes a
  // CAST reject: the pass is then run again with those columns as text, cleaned and checked
  // in SQL, so such files give the same rows and rejects, only slower.
  const numeriques = cols.filter(estNombre);
  await lirePasse(conn, o, {entetes, trouve, cols, encodage, lu, texte: new Set(espacesInsecables ? numeriques.map((c) => c.nom) : [])});
  const enEchec = espacesInsecables ? new Set<string>() : await colonnesEnEchec(conn);
  if (enEchec.size) {
    await conn.run("DELETE FROM reject_errors; DELETE FROM reject_scans;");
    await lirePasse(conn, o, {entetes, trouve, cols, encodage, lu, texte: new Set(numeriques.filter((c) => enEchec.has(trouve[c.nom]!)).map((c) => c.nom))});
  }

  const rejetsStructure = await lignesMalFormees(conn, o.fichier);
  await conn.run(`CREATE OR REPLACE TEMP VIEW ${q(`${o.into}__lignes`)} AS
    SELECT (${await expressionLigne(conn, o.into, rejetsStructure)})::INTEGER AS _ligne, t.* FROM ${q(lu)} t`);
  await conn.run(`CREATE OR REPLACE TEMP VIEW ${q(o.into)} AS
    SELECT _ligne, ${cols.map((c) => q(c.nom)).join(", ")} FROM ${q(`${o.into}__lignes`)} WHERE _hors IS NULL AND _erreur IS NULL`);

  let comptes = await compter(conn, lu, o.cle ?? []);
  const doublons = comptes.some((c) => c.distinctes != null && c.distinctes < c.n);
  if (doublons) {
    await marquerDoublons(conn, lu, o.cle!);
    comptes = await compter(conn, lu, []);
  }
  const horsFiltreDetail: Record<string, number> = {};
  let total = 0, chargees = 0, horsFiltre = 0;
  for (const c of comptes) {
    total += c.n;
    if (c._hors != null) {
      horsFiltre += c.n;
      horsFiltreDetail[c._hors] = (horsFiltreDetail[c._hors] ?? 0) + c.n;
    } else if (!c.erreur) chargees += c.n;
  }
  const rejetsValeur = await rejetsDeValeur(conn, o, trouve, doublons);
  const rejets = [...rejetsStructure.rejets, ...rejetsValeur].sort((a, b) => (a.ligne ?? 0) - (b.ligne ?? 0));
  return {lues: total + rejetsStructure.lignes.length, chargees, rejets, encodage, entetes: trouve, horsFiltre, horsFiltreDetail, sha256};
}

interface Passe {
  entetes: string[];
  trouve: Record<string, string>;
  cols: ColonneValidee[];
  encodage: string;
  lu: string;
  /** Numeric columns read as text and cast in SQL (those the reader could not parse). */
  texte: Set<string>;
}

/**
 * One pass over the file, into table `lu`: cells (empty → NULL) → numbers as DOUBLE (parsed
 * by the reader, or cast from text) → typed values (integers checked whole, then BIGINT)
 * → scope → first failing check.
 */
async function lirePasse(conn: DuckDBConnection, o: OptionsCsv, p: Passe): Promise<void> {
  const {trouve, cols} = p;
  const h = (c: ColonneValidee) => q(trouve[c.nom]!);
  const parLecteur = (c: ColonneValidee) => estNombre(c) && !p.texte.has(c.nom);
  const nombre = (nom: string) => q(`_n_${nom}`);
  const cellules = cols.map((c) => `${parLecteur(c) ? h(c) : `nullif(${sansEspacesAutour(h(c))}, '')`} AS ${brut(c.nom)}`);
  const nombres = cols.filter(estNombre).map((c) => `${parLecteur(c) ? brut(c.nom) : expressionNombre(brut(c.nom), o.decimale ?? ".")} AS ${nombre(c.nom)}`);
  const types = cols.map((c) => `${c.type === "entier" ? `TRY_CAST(${nombre(c.nom)} AS BIGINT)` : c.type === "decimal" ? nombre(c.nom) : brut(c.nom)} AS ${q(c.nom)}`);
  const checks = cols.flatMap((c) => [
    ...(c.masquable ? [] : [`CASE WHEN ${brut(c.nom)} IS NULL THEN ${lit(`${c.nom}|valeur manquante`)} END`]),
    ...(estNombre(c) ? [`CASE WHEN ${brut(c.nom)} IS NOT NULL AND ${q(c.nom)} IS NULL THEN ${lit(`${c.nom}|valeur non numérique`)} END`] : []),
    ...(c.type === "entier" ? [`CASE WHEN ${nombre(c.nom)} <> trunc(${nombre(c.nom)}) THEN ${lit(`${c.nom}|nombre à décimales : un entier est attendu`)} END`] : [])
  ]);
  for (const k of o.controles ?? []) {
    if (!trouve[k.colonne]) continue; // an optional column this file does not have
    checks.push(`CASE WHEN ${k.condition} THEN ${lit(`${k.colonne}|${k.motif}`)} END`);
  }
  const hors = o.filtre ? `CASE WHEN NOT coalesce(${o.filtre}, false) THEN coalesce((${o.detailHorsFiltre ?? "''"})::VARCHAR, '') END` : "NULL::VARCHAR";
  const valeurErreur = `CASE split_part(_erreur, '|', 1) ${cols.map((c) => `WHEN ${lit(c.nom)} THEN ${brut(c.nom)}::VARCHAR`).join(" ")} END`;
  const typeLu = (entete: string) => (cols.some((c) => parLecteur(c) && trouve[c.nom] === entete) ? "DOUBLE" : "VARCHAR");
  await dansLOrdreDuFichier(conn, `CREATE OR REPLACE TEMP TABLE ${q(p.lu)} AS
    WITH brut AS (
      SELECT ${cellules.join(", ")}
      FROM read_csv(${lit(o.chemin)}, delim=${lit(o.separateur)}, header=true, encoding=${lit(p.encodage)},
        ignore_errors=true, store_rejects=true, auto_detect=false, quote='"', escape='"', strict_mode=false,
        ${o.decimale === "," ? "decimal_separator=',', " : ""}columns={${p.entetes.map((e) => `${lit(e)}: '${typeLu(e)}'`).join(", ")}})
    ), nombres AS (SELECT *${nombres.length ? `, ${nombres.join(", ")}` : ""} FROM brut),
    type AS (SELECT *, ${types.join(", ")} FROM nombres),
    portee AS (SELECT *, ${hors} AS _hors FROM type),
    controle AS (SELECT *, CASE WHEN _hors IS NULL THEN ${checks.length ? `coalesce(${checks.join(", ")})` : "NULL::VARCHAR"} END AS _erreur FROM portee)
    SELECT ${cols.map((c) => q(c.nom)).join(", ")}, _hors, _erreur,
      CASE WHEN _erreur IS NOT NULL THEN ${valeurErreur} END AS _valeur
    FROM controle`);
}

/** Headers of the columns where the reader met a cell it could not parse as a number. */
async function colonnesEnEchec(conn: DuckDBConnection): Promise<Set<string>> {
  const r = await conn.runAndReadAll("SELECT DISTINCT column_name FROM reject_errors WHERE error_type = 'CAST'");
  return new Set(r.getRows().map((x) => String(x[0])));
}

/**
 * Runs the one-pass CREATE TABLE AS so that the table keeps the file's row order, which
 * gives each row its file line. A plain projection keeps it (with preserve_insertion_order,
 * DuckDB's default, forced here); a join does not, and DuckDB rewrites an IN list of 6
 * constants or more into one ("in_clause" optimizer), so that rule is switched off for this
 * statement. Hence also: filters and checks must be row-local SQL, without subqueries.
 */
async function dansLOrdreDuFichier(conn: DuckDBConnection, sql: string): Promise<void> {
  const r = await conn.runAndReadAll("SELECT current_setting('disabled_optimizers')::VARCHAR, current_setting('preserve_insertion_order')::BOOLEAN");
  const [optimiseurs, ordre] = r.getRows()[0] as [string | null, boolean];
  const avant = optimiseurs ?? "";
  await conn.run(`SET disabled_optimizers = ${lit([avant, "in_clause"].filter(Boolean).join(","))}; SET preserve_insertion_order = true`);
  try {
    await conn.run(sql);
  } finally {
    await conn.run(`${avant ? `SET disabled_optimizers = ${lit(avant)}` : "RESET disabled_optimizers"}; SET preserve_insertion_order = ${ordre}`);
  }
}

function verifierSqlLocal(o: OptionsCsv): void {
  for (const sql of [o.filtre, o.detailHorsFiltre, ...(o.controles ?? []).map((k) => k.condition)]) {
    if (sql && /\bselect\b/i.test(sql)) throw new Error(`lireCsv : « ${sql} » doit porter sur la ligne seule (pas de sous-requête).`);
  }
}

/** Lines DuckDB could not split into the declared columns (too many/few fields, broken quotes). */
async function lignesMalFormees(conn: DuckDBConnection, fichier: string): Promise<{rejets: Rejet[]; lignes: number[]}> {
  const structure = (await conn.runAndReadAll(`SELECT line::INTEGER AS ligne, coalesce(column_name, '') AS colonne, error_message AS motif FROM reject_errors ORDER BY line`)).getRowObjectsJS() as {ligne: number; colonne: string; motif: string}[];
  await conn.run("DELETE FROM reject_errors; DELETE FROM reject_scans;");
  return {
    rejets: structure.map((r) => ({fichier, ligne: r.ligne, colonne: r.colonne || null, valeur: null, motif: `ligne mal formée : ${r.motif}`})),
    lignes: [...new Set(structure.map((r) => r.ligne))].sort((a, b) => a - b)
  };
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

/**
 * Rows per scope label and error state, in one scan. With a key, also the number of
 * distinct key hashes among the kept rows: as many as rows proves there is no duplicate,
 * at a fraction of a GROUP BY on the key columns (a hash collision only costs the exact
 * search of marquerDoublons).
 */
async function compter(conn: DuckDBConnection, lu: string, cle: string[]): Promise<{_hors: string | null; erreur: boolean; n: number; distinctes: number | null}[]> {
  const distinctes = cle.length ? `count(DISTINCT hash(${cle.map(q).join(", ")})) FILTER (WHERE _hors IS NULL AND _erreur IS NULL)::INTEGER` : "NULL::INTEGER";
  const r = await conn.runAndReadAll(`SELECT _hors, (_erreur IS NOT NULL) AS erreur, count(*)::INTEGER AS n, ${distinctes} AS distinctes FROM ${q(lu)} GROUP BY ALL`);
  return r.getRowObjectsJS().map((c) => ({...c, distinctes: c._hors == null && !c.erreur ? (c.distinctes as number | null) : null})) as {_hors: string | null; erreur: boolean; n: number; distinctes: number | null}[];
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
      colonne: col === CLE ? colonneCle : trouve[col] ?? col,
      valeur: (r._valeur as string | null) ?? null,
      motif: erreur.slice(i + 1)
    };
  });
}
