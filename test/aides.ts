// Shared test helpers: the warehouses built by setup-entrepot.ts, read back.
import {inject} from "vitest";
import {ouvrirEntrepot} from "../entrepot/connexion.js";
import {lireReferentiel} from "../entrepot/lecture.js";
import type {Referentiel} from "../src/lib/referentiel.js";
import {espacesSimples} from "../src/lib/format.js";

export const entrepotEmbarque = () => inject("entrepotEmbarque");
export const entrepotComplet = () => inject("entrepotComplet");
/** Real files of ../shared/data are present (they are on every developer machine and in CI). */
export const avecDonneesReelles = () => inject("entrepotComplet") !== "";

export async function referentielDe(chemin: string): Promise<Referentiel> {
  const conn = await ouvrirEntrepot(chemin);
  try {
    return await lireReferentiel(conn);
  } finally {
    conn.closeSync();
  }
}

export async function requete<T = Record<string, unknown>>(chemin: string, sql: string): Promise<T[]> {
  const conn = await ouvrirEntrepot(chemin);
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJS() as T[];
  } finally {
    conn.closeSync();
  }
}

export const simple = espacesSimples;
