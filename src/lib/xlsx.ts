// The same export columns as the CSV, as an .xlsx sheet: French headers, numbers kept as
// numbers (with a French-looking number format), text as text. The writer itself is
// write-excel-file (browser build in pages, node build in the CLI).
import type {ColonneExport} from "./csv.js";

type Cellule = {value: string | number; type?: typeof String | typeof Number; format?: string; fontWeight?: "bold"} | null;

export function versFeuille<T>(colonnes: ColonneExport<T>[], lignes: T[]): Cellule[][] {
  const entete: Cellule[] = colonnes.map((c) => ({value: c.titre, fontWeight: "bold"}));
  const corps = lignes.map((l) =>
    colonnes.map((c): Cellule => {
      const v = c.valeur(l);
      if (v == null || (typeof v === "number" && Number.isNaN(v))) return null;
      return typeof v === "number" ? {value: v, type: Number, format: Number.isInteger(v) ? "#,##0" : "#,##0.0"} : {value: v, type: String};
    })
  );
  return [entete, ...corps];
}

export const largeurs = <T>(colonnes: ColonneExport<T>[]) => colonnes.map((c) => ({width: Math.min(60, Math.max(10, c.titre.length + 2))}));

/** One sheet of a workbook: its tab name, columns and rows. */
export interface FeuilleClasseur<T = any> {
  nom: string;
  colonnes: ColonneExport<T>[];
  lignes: T[];
}

/**
 * write-excel-file's arguments for these sheets (pages and CLI alike): one sheet's rows and
 * options, or, from two sheets on, one array of `{data, sheet, columns}`.
 */
export function argumentsClasseur(feuilles: readonly FeuilleClasseur[]): [unknown, unknown?] {
  const options = (f: FeuilleClasseur) => ({sheet: f.nom.slice(0, 31), columns: largeurs(f.colonnes)});
  if (feuilles.length === 1) return [versFeuille(feuilles[0]!.colonnes, feuilles[0]!.lignes), options(feuilles[0]!)];
  return [feuilles.map((f) => ({data: versFeuille(f.colonnes, f.lignes), ...options(f)}))];
}
