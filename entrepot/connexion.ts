// The one way into a built warehouse: read-only, for the site's data loaders (src/data),
// the analysts' CLI and the bench. Building it is loaders/'s job (`npm run data`).
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {existsSync, statSync} from "node:fs";
import {resolve} from "node:path";
import type {Referentiel} from "../src/lib/referentiel.js";
import {lireReferentiel} from "./lecture.js";

/** data/warehouse.duckdb, or CTG_ENTREPOT (tests and the bench build elsewhere). */
export const ENTREPOT = process.env.CTG_ENTREPOT ?? resolve(import.meta.dirname, "../data/warehouse.duckdb");

/** A warehouse that cannot be opened: French for the analyst, the technical cause for maintainers. */
export class ErreurEntrepot extends Error {
  constructor(message: string, readonly detail?: string) {
    super(message);
    this.name = "ErreurEntrepot";
  }
}

export async function ouvrirEntrepot(chemin: string = ENTREPOT): Promise<DuckDBConnection> {
  if (!existsSync(chemin)) throw new ErreurEntrepot(`L'entrepôt ${chemin} n'existe pas : lancez d'abord « npm run data ».`);
  if (statSync(chemin).isDirectory()) {
    throw new ErreurEntrepot(`${chemin} est un dossier, pas un entrepôt : indiquez le fichier .duckdb écrit par « npm run data » (data/warehouse.duckdb par défaut).`);
  }
  try {
    const instance = await DuckDBInstance.create(chemin, {access_mode: "READ_ONLY"});
    return await instance.connect();
  } catch (e) {
    throw new ErreurEntrepot(
      `${chemin} n'est pas un entrepôt DuckDB lisible (fichier d'un autre type, tronqué, ou écrit par une autre version de DuckDB). ` +
        `Indiquez le fichier .duckdb écrit par « npm run data » (data/warehouse.duckdb par défaut), ou reconstruisez-le avec « npm run data ».`,
      String(e)
    );
  }
}

export async function avecEntrepot<T>(f: (conn: DuckDBConnection) => Promise<T>, chemin: string = ENTREPOT): Promise<T> {
  const conn = await ouvrirEntrepot(chemin);
  try {
    return await f(conn);
  } finally {
    conn.closeSync();
  }
}

export const referentiel = (): Promise<Referentiel> => avecEntrepot(lireReferentiel);
