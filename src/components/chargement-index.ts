// Browser side: the communes' part of the territory index, fetched slice by slice as the user types
// (or as a page opens on a commune), so that no page downloads the whole index before showing anything.
import {json} from "./chargement.js";
import {ajouterTranche, clesRequete, type IndexTerritoires, type TrancheIndex} from "../lib/index-territoires.js";

const chargees = new WeakMap<IndexTerritoires, Set<string>>();

/** Adds the slices `cles` to the index (each fetched once); true when it gained communes or former codes. */
async function completer(index: IndexTerritoires, cles: string[]): Promise<boolean> {
  if (!index.tranches) return false; // a whole index
  const faites = chargees.get(index) ?? chargees.set(index, new Set()).get(index)!;
  const existantes = new Set(index.tranches);
  const nouvelles = cles.filter((c) => existantes.has(c) && !faites.has(c));
  const tranches = await Promise.all(nouvelles.map((c) => json<TrancheIndex>(`./data/index-communes/${c}.json`)));
  let ajout = false;
  nouvelles.forEach((c, k) => {
    if (faites.has(c)) return; // another search added it meanwhile
    faites.add(c);
    ajout = ajouterTranche(index, tranches[k]!) || ajout;
  });
  return ajout;
}

/** The slices a search needs: a name's words, a code's first two characters. */
export const completerPourRecherche = (index: IndexTerritoires, requete: string): Promise<boolean> => completer(index, clesRequete(requete));

/** The slices naming the communes of territory ids ("commune:04070", "communes:04070,06088"): their names and former codes. */
export function completerPourTerritoires(index: IndexTerritoires, ids: readonly string[]): Promise<boolean> {
  const codes = ids.flatMap((id) => (id.startsWith("commune:") ? [id.slice(8)] : id.startsWith("communes:") ? id.slice(9).split(",") : []));
  return completer(index, clesRequete(codes.join(" ")));
}
