// The files a warehouse was built from, as every reader receives them (methodology page,
// Excel metadata sheet, CLI): one row of the warehouse's `source` table.

/** The data's date, as the annexe 1 gives it: the latest day a file of the warehouse was read (ISO, "" when none). */
export const dateDesDonnees = (sources: readonly Pick<SourceAffichee, "recupere_le">[]): string => sources.map((s) => s.recupere_le).sort().pop() ?? "";

/** A row of the warehouse's `source` table as the site receives it (entrepot/lecture.ts). */
export interface SourceAffichee {
  id: string;
  titre: string;
  editeur: string;
  url: string;
  millesime: string;
  fichier: string;
  recupere_le: string;
  sha256: string;
  lignes_lues: number;
  lignes_chargees: number;
  lignes_rejetees: number;
  lignes_hors_champ: number;
  note: string | null;
}
