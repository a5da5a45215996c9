// Shared by the Framework data loaders of src/data: open the warehouse built by
// `npm run data` (Framework loaders only read it; they never build it).
import {resolve} from "node:path";
import {ouvrir} from "../../loaders/lib/warehouse.js";
import {lireReferentiel} from "../../loaders/lecture.js";
import type {Referentiel} from "../components/referentiel.js";
import type {DuckDBConnection} from "@duckdb/node-api";

export const ENTREPOT = process.env.CTG_ENTREPOT ?? resolve(import.meta.dirname, "../../data/warehouse.duckdb");

export async function avecEntrepot<T>(f: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const conn = await ouvrir(ENTREPOT);
  try {
    return await f(conn);
  } finally {
    conn.closeSync();
  }
}

export const referentiel = (): Promise<Referentiel> => avecEntrepot(lireReferentiel);
