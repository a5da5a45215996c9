// What the warehouse records about every input file (table `source`) and every row
// it did not load (table `rejet`): nothing is dropped silently.
import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";

export interface SourceChargee {
  id: string;
  editeur: string;
  titre: string;
  url: string;
  millesime: string;
  fichier: string;
  sha256: string;
  lignesLues: number;
  lignesChargees: number;
  lignesRejetees: number;
  /** Rows of the file outside what this source loads (other geographic levels): counted, said in `note`. */
  lignesHorsChamp?: number;
  note?: string;
}

export interface Rejet {
  fichier: string;
  /** 1-based line number in the file (header = line 1), or the index in a JSON array + 1. */
  ligne: number | null;
  colonne: string | null;
  valeur: string | null;
  motif: string;
}

export function sha256Fichier(chemin: string): string {
  return createHash("sha256").update(readFileSync(chemin)).digest("hex");
}
