// The k territories most like a given one, on indicators the user chooses, with the distance
// explained. Each indicator is standardised over the candidate set (the target included), so
// that a gap of 1 means "one spread of this indicator" whatever its unit; counts (population,
// births…) are compared on a log scale first, since a 5 000 and a 50 000 inhabitant EPCI
// differ by a ratio, not by a difference. Pure.
import {quantile} from "./repartition.js";

export interface Candidat {
  id: string;
  nom?: string;
  /** Indicator id → value (null or absent: unknown for this territory). */
  valeurs: Record<string, number | null | undefined>;
}

/**
 * "z": (x − mean) / standard deviation. "robuste": (x − median) / (IQR / 1,349): the same
 * scale as z for normally distributed values, but a few outliers (Paris, a métropole) no
 * longer squeeze every other territory together.
 */
export type Normalisation = "z" | "robuste";
export const NORMALISATIONS: Record<Normalisation, string> = {
  z: "score z : écart à la moyenne divisé par l'écart-type",
  robuste: "échelle robuste : écart à la médiane divisé par l'écart interquartile / 1,349"
};

export interface OptionsSimilarite {
  indicateurs: readonly string[];
  k?: number;
  normalisation?: Normalisation;
  /** Indicators compared on log10(1 + x) (counts). */
  logarithme?: readonly string[];
  /** Relative weights (default 1 each). */
  poids?: Readonly<Record<string, number>>;
}

export interface Echelle {
  indicateur: string;
  log: boolean;
  centre: number;
  dispersion: number;
  /** Candidates (target included) that have a value. */
  n: number;
  poids: number;
}

export interface Voisin {
  id: string;
  nom?: string;
  /** Weighted root-mean-square of the standardised gaps. */
  distance: number;
  /** Indicator → standardised gap (candidate − target), signed. */
  ecarts: Record<string, number>;
  /** Indicator → share of the squared distance it accounts for (sums to 1). */
  parts: Record<string, number>;
}

export interface ResultatSimilarite {
  normalisation: Normalisation;
  echelles: Echelle[];
  voisins: Voisin[];
  /** Indicators left out, and why (the target has no value, or every candidate has the same). */
  ignores: {indicateur: string; raison: string}[];
  /** Candidates left out because an indicator kept for the distance is unknown for them. */
  exclus: {id: string; manquants: string[]}[];
}

const connue = (v: number | null | undefined): v is number => v != null && Number.isFinite(v);

function echelle(valeurs: number[], normalisation: Normalisation): {centre: number; dispersion: number} {
  const triees = [...valeurs].sort((a, b) => a - b);
  if (normalisation === "robuste") return {centre: quantile(triees, 0.5), dispersion: (quantile(triees, 0.75) - quantile(triees, 0.25)) / 1.349};
  const moyenne = valeurs.reduce((s, x) => s + x, 0) / valeurs.length;
  return {centre: moyenne, dispersion: Math.sqrt(valeurs.reduce((s, x) => s + (x - moyenne) ** 2, 0) / valeurs.length)};
}

/** Distances closer than this are ties (floating-point noise), broken by id. */
const EGALITE = 1e-9;

export function similaires(cible: Candidat, candidats: readonly Candidat[], options: OptionsSimilarite): ResultatSimilarite {
  const {k = 5, normalisation = "robuste", logarithme = [], poids = {}} = options;
  if (!Number.isInteger(k) || k < 1) throw new Error(`Nombre de territoires semblables invalide : ${k} (entier ≥ 1 attendu).`);
  if (!options.indicateurs.length) throw new Error("Choisissez au moins un indicateur pour chercher des territoires semblables.");
  const autres = candidats.filter((c) => c.id !== cible.id);
  const log = new Set(logarithme);
  const transforme = (ind: string, v: number | null | undefined) => (!connue(v) ? null : log.has(ind) ? (v > -1 ? Math.log10(1 + v) : null) : v);
  const ignores: ResultatSimilarite["ignores"] = [];
  const echelles: Echelle[] = [];
  for (const ind of new Set(options.indicateurs)) {
    const t = transforme(ind, cible.valeurs[ind]);
    if (t == null) {
      ignores.push({indicateur: ind, raison: "pas de valeur pour le territoire étudié"});
      continue;
    }
    const valeurs = [t, ...autres.map((c) => transforme(ind, c.valeurs[ind])).filter((x): x is number => x != null)];
    const e = echelle(valeurs, normalisation);
    if (!(e.dispersion > 0)) {
      ignores.push({indicateur: ind, raison: "même valeur pour tous les territoires comparés (ou presque tous)"});
      continue;
    }
    echelles.push({indicateur: ind, log: log.has(ind), ...e, n: valeurs.length, poids: poids[ind] ?? 1});
  }
  const z = (e: Echelle, v: number | null | undefined) => {
    const t = transforme(e.indicateur, v);
    return t == null ? null : (t - e.centre) / e.dispersion;
  };
  const zCible = new Map(echelles.map((e) => [e.indicateur, z(e, cible.valeurs[e.indicateur])!]));
  const sommePoids = echelles.reduce((s, e) => s + e.poids, 0);
  const exclus: ResultatSimilarite["exclus"] = [];
  const voisins: Voisin[] = [];
  for (const c of echelles.length ? autres : []) {
    const manquants = echelles.filter((e) => z(e, c.valeurs[e.indicateur]) == null).map((e) => e.indicateur);
    if (manquants.length) {
      exclus.push({id: c.id, manquants});
      continue;
    }
    const ecarts = Object.fromEntries(echelles.map((e) => [e.indicateur, z(e, c.valeurs[e.indicateur])! - zCible.get(e.indicateur)!]));
    const carres = echelles.map((e) => e.poids * ecarts[e.indicateur]! ** 2);
    const total = carres.reduce((s, x) => s + x, 0);
    voisins.push({
      id: c.id, ...(c.nom ? {nom: c.nom} : {}),
      distance: Math.sqrt(total / sommePoids),
      ecarts,
      parts: Object.fromEntries(echelles.map((e, j) => [e.indicateur, total > 0 ? carres[j]! / total : 1 / echelles.length]))
    });
  }
  voisins.sort((a, b) => (Math.abs(a.distance - b.distance) > EGALITE ? a.distance - b.distance : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {normalisation, echelles, voisins: voisins.slice(0, k), ignores, exclus};
}
