// Node side of the diagnostic: everything the CLI and the site's data loaders need,
// read from the warehouse once.
import type {DuckDBConnection} from "@duckdb/node-api";
import {lireReferentiel} from "./lecture.js";
import {lireFaits} from "./faits.js";
import {comparaisonsPour, type Comparaisons, type Faits} from "../src/lib/diagnostic.js";
import {INDICATEURS} from "../src/lib/indicateurs.js";
import type {Memoire} from "../src/lib/agregation.js";
import type {Referentiel} from "../src/lib/referentiel.js";

export interface DonneesDiagnostic {
  ref: Referentiel;
  faits: Faits;
  comparaisons: Comparaisons;
}

/** Comparison areas: every département, and France (all communes). */
export function zonesComparaison(ref: Referentiel): {id: string; communes: string[]}[] {
  const parDep = new Map<string, string[]>();
  for (const c of ref.communes.values()) (parDep.get(c.dep) ?? parDep.set(c.dep, []).get(c.dep)!).push(c.code);
  return [...[...parDep].map(([dep, communes]) => ({id: `departement:${dep}`, communes})), {id: "france", communes: [...ref.communes.keys()]}];
}

/** `memoire`: the batch memory (src/lib/agregation.ts) the caller will pass on to the other batches on these Faits (fichiersAgregats, fichiersPairs, valeursEpci), so that each series is read into columns once. */
export async function lireDonneesDiagnostic(conn: DuckDBConnection, memoire?: Memoire): Promise<DonneesDiagnostic> {
  const ref = await lireReferentiel(conn);
  const faits = await lireFaits(conn);
  return {ref, faits, comparaisons: comparaisonsPour(zonesComparaison(ref), faits, INDICATEURS, memoire)};
}
