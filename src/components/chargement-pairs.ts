// Browser side: the peers file a territory is placed in (every EPCI, or the communes of its
// région, fetched on demand) and the territory's own figures at the same years.
import {json} from "./chargement.js";
import type {DonneesTerritoire} from "../lib/donnees-territoire.js";
import {majoritaire, valeursTerritoire, type Cible, type FichierPairs} from "../lib/pairs.js";

export interface PairsTerritoire {
  fichier: FichierPairs;
  cible: Cible;
  /** "EPCI" or "communes de la région …". */
  niveau: string;
  nomRegion: string;
}

/**
 * Null for a département, a région or France: they have no peers of their kind in these files.
 * `epci` fetches every EPCI's file (45 Ko gzip) only for a territory placed among them.
 */
export async function chargerPairs(epci: () => Promise<FichierPairs>, d: DonneesTerritoire, regions: {code: string; nom: string}[]): Promise<PairsTerritoire | null> {
  const t = d.territoire;
  if (!["commune", "epci", "groupe"].includes(t.type)) return null;
  const reg = majoritaire(t.communes.map((c) => d.ref.communes.get(c)?.reg ?? ""));
  const nomRegion = regions.find((r) => r.code === reg)?.nom ?? reg;
  const fichier = t.type === "commune" ? await json<FichierPairs>(`./data/pairs/communes-${reg}.json`) : await epci();
  const ids = [t.id, ...d.equivalents];
  const type = t.type === "commune" ? d.ref.communes.get(t.code)?.dep : t.type === "epci" ? d.ref.epci.get(t.code)?.type : fichier.territoires.find((p) => d.equivalents.includes(p.id))?.type;
  return {
    fichier,
    cible: {id: t.id, equivalents: ids, reg, type: type ?? null, valeurs: valeursTerritoire(fichier, d.faits, t.communes, ids)},
    niveau: t.type === "commune" ? `communes de la région ${nomRegion}` : "EPCI",
    nomRegion
  };
}
