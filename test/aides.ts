// Shared test helpers: the warehouses built by setup-entrepot.ts, read back.
import {inject} from "vitest";
import {ouvrirEntrepot} from "../entrepot/connexion.js";
import {lireReferentiel} from "../entrepot/lecture.js";
import {lireFaits} from "../entrepot/faits.js";
import {lireSchemaPluriannuel} from "../entrepot/lecture-schema.js";
import {lireErreursProjection} from "../entrepot/moins3ans.js";
import type {Faits} from "../src/lib/diagnostic.js";
import type {LigneSchema} from "../src/lib/projection-territoire.js";
import type {Referentiel} from "../src/lib/referentiel.js";
import type {ErreursProjection} from "../src/lib/validation-moins3ans.js";
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

export interface DonneesPetiteEnfance {
  ref: Referentiel;
  faits: Faits;
  lignes: LigneSchema[];
  erreurs: ErreursProjection;
}

/** What the petite-enfance page and the projections read, for the communes of these départements (real files). */
export async function donneesPetiteEnfance(departements: readonly string[]): Promise<DonneesPetiteEnfance> {
  const conn = await ouvrirEntrepot(entrepotComplet());
  try {
    const ref = await lireReferentiel(conn);
    const faits = await lireFaits(conn, [...ref.communes.values()].filter((c) => departements.includes(c.dep)).map((c) => c.code));
    return {ref, faits, lignes: await lireSchemaPluriannuel(conn), erreurs: await lireErreursProjection(conn)};
  } finally {
    conn.closeSync();
  }
}
