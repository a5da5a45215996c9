// Builds, once per test run, the two warehouses the tests read:
// - "embarque": a fresh clone's default (referential package + analysts' entries);
// - "complet": the same plus the real official files of ../shared/data, when present.
// CTG_GARDER_ENTREPOTS=1 keeps the warehouses of an earlier run (for a developer iterating on
// pages or tests, not on loaders); CI never sets it.
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
  const garder = (cible: string) => process.env.CTG_GARDER_ENTREPOTS === "1" && existsSync(cible);
  if (!garder(embarque)) await construireEntrepot({cible: embarque, sources: null, chargeurs: chargeurs(RACINE), log});
  if (existsSync(DONNEES_REELLES) && !garder(complet)) {
    await construireEntrepot({cible: complet, sources: DONNEES_REELLES, chargeurs: chargeurs(RACINE), log});
  }
  project.provide("entrepotEmbarque", embarque);
  project.provide("entrepotComplet", existsSync(DONNEES_REELLES) ? complet : "");
  // Browser tests build one site per warehouse and per run (test/e2e/navigateur.ts).
  project.provide("execution", String(Date.now()));
}

declare module "vitest" {
  export interface ProvidedContext {
    entrepotEmbarque: string;
    entrepotComplet: string;
    execution: string;
  }
}
