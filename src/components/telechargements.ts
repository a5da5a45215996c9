// Download buttons: any exported table as CSV (French Excel conventions) and .xlsx
// (write-excel-file's browser build, loaded only when a user asks for it), and the annexe 1
// as a workbook and a Word document (docx, loaded on demand too).
import {html} from "htl";
import {versCsv, type ColonneExport} from "../lib/csv.js";
import {argumentsClasseur} from "../lib/xlsx.js";
import {classeurAnnexe, COLONNES_DIAGNOSTIC, lignesExport, type Feuille, type MetaAnnexe} from "../lib/exports-diagnostic.js";
import type {SectionDiagnostic} from "../lib/diagnostic.js";
import type {LigneSchema} from "../lib/projection-territoire.js";
import {enteteAnnexe, type Annexe} from "../lib/annexe.js";
import type {ComplementsAnnexe} from "../lib/annexe-renouvellement.js";

function enregistrer(nom: string, blob: Blob) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = nom;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

async function xlsx(feuilles: Feuille<any>[]): Promise<Blob> {
  const {default: ecrire} = await import("write-excel-file/browser");
  return (ecrire as (...a: unknown[]) => {toBlob: () => Promise<Blob>})(...argumentsClasseur(feuilles)).toBlob();
}

export function boutonsExport<T>(nom: string, colonnes: ColonneExport<T>[], lignes: T[], feuille = "Données"): HTMLElement {
  const csv = () => enregistrer(`${nom}.csv`, new Blob([versCsv(colonnes, lignes)], {type: "text/csv;charset=utf-8"}));
  const classeur = async () => enregistrer(`${nom}.xlsx`, await xlsx([{nom: feuille, colonnes, lignes}]));
  return html`<div class="telechargements no-print">
    <button type="button" class="telechargement" data-format="csv" onclick=${csv}>Télécharger (CSV)</button>
    <button type="button" class="telechargement" data-format="xlsx" onclick=${classeur}>Télécharger (Excel .xlsx)</button>
  </div>`;
}

export interface DonneesAnnexe extends Omit<MetaAnnexe, "sources"> {
  /** The warehouse's sources (the workbook's metadata), fetched when the workbook is asked for. */
  sources: () => Promise<MetaAnnexe["sources"]>;
  modele: Annexe;
  sections: readonly SectionDiagnostic[];
  /** The schéma pluriannuel's lines of the territory, fetched when the workbook is asked for (not on the page's first load). */
  schema: () => Promise<readonly LigneSchema[]>;
  /** Peers and period of the Word annexe, computed when the user asks for it. */
  renouvellement?: () => Promise<ComplementsAnnexe>;
}

/** The annexe 1: Word document, workbook (summary, communes, series, schéma, metadata) and the summary as CSV. */
export function boutonsAnnexe(d: DonneesAnnexe): HTMLElement {
  const nom = `annexe1-diagnostic-${d.territoire.id.split(":").pop()!.replace(/[^a-z0-9-]+/gi, "-")}`;
  const docx = async () => {
    const [docx, {documentAnnexe}, renouvellement] = await Promise.all([import("docx"), import("../lib/docx-annexe.js"), d.renouvellement?.()]);
    enregistrer(`${nom}.docx`, await docx.Packer.toBlob(documentAnnexe(docx, d.modele, enteteAnnexe(d), renouvellement)));
  };
  const csv = () => enregistrer(`${nom}.csv`, new Blob([versCsv(COLONNES_DIAGNOSTIC, lignesExport(d.modele))], {type: "text/csv;charset=utf-8"}));
  const classeur = async () => {
    const [schema, sources] = await Promise.all([d.schema(), d.sources()]);
    enregistrer(`${nom}.xlsx`, await xlsx(classeurAnnexe(d.modele, d.sections, schema, {...d, sources})));
  };
  return html`<div class="telechargements no-print">
    <button type="button" class="telechargement" data-format="docx" onclick=${docx}>Annexe 1 (Word .docx)</button>
    <button type="button" class="telechargement" data-format="xlsx" onclick=${classeur}>Classeur complet (Excel .xlsx)</button>
    <button type="button" class="telechargement" data-format="csv" onclick=${csv}>Tableaux (CSV)</button>
  </div>`;
}
