// Browser side: the communes' part of the territory index, fetched slice by slice as the user types
// (or as a page opens on a commune), so that no page downloads the whole index before showing anything.
import {json} from "./chargement.js";
import {ajouterTranche, clesRequete, type IndexTerritoires, type TrancheIndex} from "../lib/index-territoires.js";

/** Each slice's loading, once per index: resolves to whether it added communes or former codes. */
const chargements = new WeakMap<IndexTerritoires, Map<string, Promise<boolean>>>();
const faites = new WeakMap<IndexTerritoires, Set<string>>();

/**
 * Adds the slices `cles` to the index (each fetched once); true when one of them was not there yet and brought
 * communes or former codes. A search typed while a slice is on its way waits for that same loading and is told
 * it gained (typing "aiglun" asks for slice n-a at each key: the last search, the one still on screen, must
 * redraw when it arrives, not only the first).
 */
async function completer(index: IndexTerritoires, cles: string[]): Promise<boolean> {
  if (!index.tranches) return false; // a whole index
  const enCours = chargements.get(index) ?? chargements.set(index, new Map()).get(index)!;
  const la = faites.get(index) ?? faites.set(index, new Set()).get(index)!;
  const existantes = new Set(index.tranches);
  const charger = (c: string) => json<TrancheIndex>(`./data/index-communes/${c}.json`).then((t) => (la.add(c), ajouterTranche(index, t)));
  const nouvelles = cles.filter((c) => existantes.has(c) && !la.has(c));
  const ajouts = await Promise.all(nouvelles.map((c) => enCours.get(c) ?? enCours.set(c, charger(c)).get(c)!));
  return ajouts.some(Boolean);
}

/** The slices a search needs: a name's words, a code's first two characters. */
export const completerPourRecherche = (index: IndexTerritoires, requete: string): Promise<boolean> => completer(index, clesRequete(requete));

/** The slices naming the communes of territory ids ("commune:04070", "communes:04070,06088"): their names and former codes. */
export function completerPourTerritoires(index: IndexTerritoires, ids: readonly string[]): Promise<boolean> {
  const codes = ids.flatMap((id) => (id.startsWith("commune:") ? [id.slice(8)] : id.startsWith("communes:") ? id.slice(9).split(",") : []));
  return completer(index, clesRequete(codes.join(" ")));
}
