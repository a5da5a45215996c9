// Download buttons for any exported table: CSV (French Excel conventions) and .xlsx
// (write-excel-file's browser build, loaded only when a user asks for it).
import {html} from "htl";
import {versCsv, type ColonneExport} from "../lib/csv.js";
import {largeurs, versFeuille} from "../lib/xlsx.js";

function enregistrer(nom: string, blob: Blob) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = nom;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export function boutonsExport<T>(nom: string, colonnes: ColonneExport<T>[], lignes: T[], feuille = "Données"): HTMLElement {
  const csv = () => enregistrer(`${nom}.csv`, new Blob([versCsv(colonnes, lignes)], {type: "text/csv;charset=utf-8"}));
  const xlsx = async () => {
    const {default: ecrire} = await import("write-excel-file/browser");
    const blob = await ecrire(versFeuille(colonnes, lignes) as never, {sheet: feuille.slice(0, 31), columns: largeurs(colonnes)} as never).toBlob();
    enregistrer(`${nom}.xlsx`, blob);
  };
  return html`<div class="telechargements no-print">
    <button type="button" class="telechargement" data-format="csv" onclick=${csv}>Télécharger (CSV)</button>
    <button type="button" class="telechargement" data-format="xlsx" onclick=${xlsx}>Télécharger (Excel .xlsx)</button>
  </div>`;
}
