// What every loader is: an id, a label, a load step writing into the warehouse being built,
// and optionally the official URLs `--refresh` fetches. Types only, shared by the build
// (warehouse.ts) and the downloads (telechargement.ts), so that neither imports the other.
import type {DuckDBConnection} from "@duckdb/node-api";
import type {Rejet, SourceChargee} from "./source.js";

export interface Contexte {
  conn: DuckDBConnection;
  /** Folder holding the official files an analyst downloaded; null: the embedded data only (a fresh clone). */
  sources: string | null;
  log: (message: string) => void;
  enregistrer: (source: SourceChargee, rejets?: Rejet[]) => Promise<void>;
}

export interface Chargeur {
  id: string;
  libelle: string;
  charger: (ctx: Contexte) => Promise<void>;
  /** Official URLs fetched by `--refresh`. */
  telechargements?: Telechargement[];
  /** `--refresh --via records`: the Opendatasoft JSON API, page by page, for networks where whole-file exports fail. */
  rafraichirParRecords?: (sources: string, o: OptionsRecordsCli) => Promise<number>;
}

export interface OptionsRecordsCli {
  log: (m: string) => void;
  /** Only these départements (datasets too large for the records API in one go). */
  departements?: readonly string[];
  /** Portal root (https://data.caf.fr by default; a local server in tests). */
  base?: string;
}

/** An official file `--refresh` fetches into the sources folder. */
export interface Telechargement {
  url: string;
  /** Where the file goes, relative to the sources folder. */
  fichier: string;
  /** For a zip: the members to extract (name inside the zip → path relative to the sources folder). */
  extraire?: Record<string, string>;
}
