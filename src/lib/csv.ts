// CSV for French spreadsheets: ";" separator, UTF-8 with BOM (Excel detects it),
// numbers written with a decimal comma and no thousands separator so they stay numbers.

export interface ColonneExport<T> {
  titre: string;
  valeur: (ligne: T) => string | number | null | undefined;
}

function cellule(v: string | number | null | undefined): string {
  if (v == null || (typeof v === "number" && Number.isNaN(v))) return "";
  const s = typeof v === "number" ? String(v).replace(".", ",") : v;
  return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function versCsv<T>(colonnes: ColonneExport<T>[], lignes: T[], {bom = true} = {}): string {
  const entete = colonnes.map((c) => cellule(c.titre)).join(";");
  const corps = lignes.map((l) => colonnes.map((c) => cellule(c.valeur(l))).join(";"));
  return (bom ? "\ufeff" : "") + [entete, ...corps].join("\r\n") + "\r\n";
}
