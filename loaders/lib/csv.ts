// Reads an official CSV with DuckDB (fast, all columns as text first), then checks it
// against a declared column list: header aliases, types, masked cells, duplicates.
// Every row is either kept (temp table `into`, typed, with its file line `_ligne`)
// or returned as a reject naming file, line, column and reason.
import type {DuckDBConnection} from "@duckdb/node-api";
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
  /** Keep only rows matching this SQL condition on the text columns (e.g. a level filter). */
  filtre?: string;
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
}

const norm = (s: string) => s.trim().replace(/^"|"$/g, "").trim().toLowerCase();

function premiereLigne(chemin: string): {entete: string; utf8: boolean} {
  const buf = readFileSync(chemin);
  let utf8 = true;
  try {
    new TextDecoder("utf-8", {fatal: true}).decode(buf);
  } catch {
    utf8 = false;
  }
  const fin = buf.indexOf(10);
  let ligne = buf.subarray(0, fin < 0 ? buf.length : fin).toString(utf8 ? "utf8" : "latin1");
  ligne = ligne.replace(/^\ufeff/, "").replace(/\r$/, "");
  return {entete: ligne, utf8};
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

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function lireCsv(conn: DuckDBConnection, o: OptionsCsv): Promise<ResultatCsv> {
  const {entete, utf8} = premiereLigne(o.chemin);
  const autre = o.separateur === ";" ? "," : ";";
  if (!entete.includes(o.separateur) && entete.includes(autre)) {
    throw new ErreurChargement(`${o.fichier}, ligne 1 : séparateur « ${autre} » trouvé, « ${o.separateur} » attendu.`);
  }
  const entetes = entete.split(o.separateur).map((h) => h.trim().replace(/^"|"$/g, ""));
  const trouve = resoudreEntetes(o.fichier, entetes, o.colonnes, o.ignorer);
  const cols = o.colonnes.map((c) => ColonneSchema.parse(c)).filter((c) => trouve[c.nom]);
  const encodage = utf8 ? "utf-8" : "latin-1";

  await conn.run(`CREATE OR REPLACE TEMP TABLE csv_brut AS
    SELECT row_number() OVER () AS _rn, * FROM read_csv(${lit(o.chemin)}, delim=${lit(o.separateur)}, header=true,
      all_varchar=true, encoding=${lit(encodage)}, ignore_errors=true, store_rejects=true, auto_detect=false,
      columns={${entetes.map((h) => `${lit(h)}: 'VARCHAR'`).join(", ")}}, quote='"', escape='"', strict_mode=false)`);
  const structure = (await conn.runAndReadAll(`SELECT line::INTEGER AS ligne, coalesce(column_name, '') AS colonne, error_message AS motif FROM reject_errors ORDER BY line`)).getRowObjectsJS() as {ligne: number; colonne: string; motif: string}[];
  await conn.run("DELETE FROM reject_errors; DELETE FROM reject_scans;");
  const rejetsStructure: Rejet[] = structure.map((r) => ({fichier: o.fichier, ligne: r.ligne, colonne: r.colonne || null, valeur: null, motif: `ligne mal formée : ${r.motif}`}));
  // File line of each kept row: row number + header + structural rejects before it.
  const lignesRejetees = [...new Set(structure.map((r) => r.ligne))].sort((a, b) => a - b);
  const seuils = lignesRejetees.map((l, k) => l - 2 - k);
  const ligneSql = seuils.length ? `_rn + 1 + (${seuils.map((s) => `(_rn > ${s})::INTEGER`).join(" + ")})` : "_rn + 1";

  const valeur = (c: z.infer<typeof ColonneSchema>) => `nullif(trim(${q(trouve[c.nom]!)}), '')`;
  const nombre = (c: z.infer<typeof ColonneSchema>) => {
    const v = valeur(c);
    const brut = o.decimale === "," ? `replace(replace(${v}, ' ', ''), ',', '.')` : `replace(${v}, ' ', '')`;
    return c.type === "entier" ? `TRY_CAST(${brut} AS BIGINT)` : `TRY_CAST(${brut} AS DOUBLE)`;
  };
  const typed = cols.map((c) => `${c.type === "entier" || c.type === "decimal" ? nombre(c) : valeur(c)} AS ${q(c.nom)}`);
  const checks = cols.flatMap((c) => {
    const out: string[] = [];
    if (!c.masquable) out.push(`CASE WHEN ${valeur(c)} IS NULL THEN ${lit(`${c.nom}|valeur manquante`)} END`);
    if (c.type === "entier" || c.type === "decimal") {
      out.push(`CASE WHEN ${valeur(c)} IS NOT NULL AND ${nombre(c)} IS NULL THEN ${lit(`${c.nom}|valeur non numérique`)} END`);
    }
    return out;
  });
  const filtre = o.filtre ? `WHERE ${o.filtre}` : "";
  await conn.run(`CREATE OR REPLACE TEMP TABLE csv_controle AS
    SELECT (${ligneSql})::INTEGER AS _ligne, ${typed.join(", ")},
      ${checks.length ? `coalesce(${checks.join(", ")})` : "NULL::VARCHAR"} AS _erreur,
      ${cols.map((c) => `${q(trouve[c.nom]!)} AS ${q("_brut_" + c.nom)}`).join(", ")}
    FROM csv_brut ${filtre}`);
  const total = await scalaire(conn, "SELECT count(*) FROM csv_brut");
  const retenues = await scalaire(conn, "SELECT count(*) FROM csv_controle");
  const erreurs = (await conn.runAndReadAll(`SELECT _ligne, _erreur, ${cols.map((c) => q("_brut_" + c.nom)).join(", ")} FROM csv_controle WHERE _erreur IS NOT NULL ORDER BY _ligne`)).getRowObjectsJS();
  const rejetsValeur: Rejet[] = erreurs.map((r) => {
    const [col, motif] = String(r._erreur).split("|") as [string, string];
    return {fichier: o.fichier, ligne: r._ligne as number, colonne: trouve[col] ?? col, valeur: (r["_brut_" + col] as string | null) ?? null, motif};
  });
  const cle = o.cle?.length ? o.cle.map(q).join(", ") : null;
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${q(o.into)} AS
    SELECT _ligne, ${cols.map((c) => q(c.nom)).join(", ")}${cle ? `, row_number() OVER (PARTITION BY ${cle} ORDER BY _ligne) AS _rang` : ", 1 AS _rang"}
    FROM csv_controle WHERE _erreur IS NULL`);
  const doublons = (await conn.runAndReadAll(`SELECT _ligne FROM ${q(o.into)} WHERE _rang > 1 ORDER BY _ligne`)).getRowObjectsJS();
  const rejetsDoublons: Rejet[] = doublons.map((r) => ({fichier: o.fichier, ligne: r._ligne as number, colonne: o.cle!.map((c) => trouve[c] ?? c).join(" + "), valeur: null, motif: "ligne en double (même clé qu'une ligne précédente)"}));
  await conn.run(`DELETE FROM ${q(o.into)} WHERE _rang > 1`);
  const chargees = await scalaire(conn, `SELECT count(*) FROM ${q(o.into)}`);
  await conn.run("DROP TABLE csv_brut; DROP TABLE csv_controle;");
  const rejets = [...rejetsStructure, ...rejetsValeur, ...rejetsDoublons].sort((a, b) => (a.ligne ?? 0) - (b.ligne ?? 0));
  return {lues: total + lignesRejetees.length, chargees, rejets, encodage, entetes: trouve, horsFiltre: total - retenues};
}

async function scalaire(conn: DuckDBConnection, sql: string): Promise<number> {
  const r = await conn.runAndReadAll(sql);
  return Number(r.getRows()[0]![0]);
}
