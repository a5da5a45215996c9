// Builds, once per test run, the two warehouses the tests read:
// - "embarque": a fresh clone's default (referential package + analysts' entries);
// - "complet": the same plus the real official files of ../shared/data, when present.
import {existsSync, mkdirSync} from "node:fs";
import {resolve} from "node:path";
import type {TestProject} from "vitest/node";
import {construireEntrepot} from "../loaders/lib/warehouse.js";
import {chargeurs} from "../loaders/chargeurs.js";

export const RACINE = resolve(import.meta.dirname, "..");
export const DONNEES_REELLES = resolve(RACINE, "../shared/data");

export default async function setup(project: TestProject) {
  const dossier = resolve(RACINE, "test-results");
  mkdirSync(dossier, {recursive: true});
  const embarque = resolve(dossier, "entrepot-embarque.duckdb");
  const complet = resolve(dossier, "entrepot-complet.duckdb");
  const log = () => {};
  await construireEntrepot({cible: embarque, sources: null, chargeurs: chargeurs(RACINE), log});
  if (existsSync(DONNEES_REELLES)) {
    await construireEntrepot({cible: complet, sources: DONNEES_REELLES, chargeurs: chargeurs(RACINE), log});
  }
  project.provide("entrepotEmbarque", embarque);
  project.provide("entrepotComplet", existsSync(DONNEES_REELLES) ? complet : "");
}

declare module "vitest" {
  export interface ProvidedContext {
    entrepotEmbarque: string;
    entrepotComplet: string;
  }
}
