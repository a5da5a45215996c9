// Browser side: the peers file a territory is placed in (every EPCI, or the communes of its
// région, fetched on demand) and the territory's own figures at the same years.
import {json} from "./chargement.js";
import type {DonneesTerritoire} from "../lib/donnees-territoire.js";
import {fichierDePairs, pairsTerritoire, type FichierPairs, type PairsTerritoire} from "../lib/pairs.js";

export type {PairsTerritoire};

/**
 * Null for a département, a région or France: they have no peers of their kind in these files.
 * `epci` fetches every EPCI's file (45 Ko gzip) only for a territory placed among them.
 */
export async function chargerPairs(epci: () => Promise<FichierPairs>, d: DonneesTerritoire): Promise<PairsTerritoire | null> {
  const nom = fichierDePairs(d.ref, d.territoire);
  if (!nom) return null;
  const fichier = nom === "epci" ? await epci() : await json<FichierPairs>(`./data/pairs/${nom}.json`);
  return pairsTerritoire(d.ref, d.territoire, d.equivalents, fichier, d.faits);
}
