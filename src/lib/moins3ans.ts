// Children under 3, estimated from births (INSEE état civil, naissances domiciliées),
// and a check of that estimate against the Cnaf's own denominators (places / taux × 100).
// Browser-safe and pure; inputs are plain arrays so the functions do not depend on how
// the warehouse stores births.
import {enfantsImplicites} from "./couverture.js";

export interface NaissancesAnnee {
  annee: number;
  /** Null when not published (secret, not yet available): never read as 0. */
  naissances: number | null;
}

export interface OptionsEstimation {
  /**
   * Survival and migration factor applied to the sum of births (1 = none). Children who
   * die or move out before 3 lower it, families moving in raise it; see validerEstimation
   * for the factor that fits the Cnaf's denominators.
   */
  facteur?: number;
  /** Move the three-year window back by this many years (0: births of N−2, N−1, N). */
  decalage?: number;
}

export interface EstimationMoins3Ans {
  annee: number;
  enfantsMoins3Ans: number | null;
  /** Birth years summed. */
  anneesNaissance: number[];
  /** Birth years missing from the input: the estimate is then null. */
  anneesManquantes: number[];
}

/** Births keyed by year, for repeated lookups (projections, validation over many communes). */
export function indexerNaissances(serie: readonly NaissancesAnnee[]): Map<number, number | null> {
  const m = new Map<number, number | null>();
  for (const s of serie) m.set(s.annee, s.naissances);
  return m;
}

/**
 * Enfants de moins de 3 ans au 31 décembre de l'année N
 *   = (naissances N−2 + naissances N−1 + naissances N) × facteur.
 * Children aged 0, 1 and 2 on 31 December N were born in N, N−1 and N−2. Births are
 * counted where the mother lives (naissances domiciliées), which is where the child
 * lives. The estimate ignores deaths before 3 (about 0,4 %) and moves (larger in
 * towns): the factor corrects both on average. Null when a birth year is missing.
 */
export function enfantsMoins3Ans(
  naissances: ReadonlyMap<number, number | null>,
  annee: number,
  {facteur = 1, decalage = 0}: OptionsEstimation = {}
): EstimationMoins3Ans {
  const anneesNaissance = [annee - decalage - 2, annee - decalage - 1, annee - decalage];
  let somme = 0;
  const anneesManquantes: number[] = [];
  for (const a of anneesNaissance) {
    const n = naissances.get(a);
    if (n == null || Number.isNaN(n)) anneesManquantes.push(a);
    else somme += n;
  }
  return {annee, enfantsMoins3Ans: anneesManquantes.length ? null : somme * facteur, anneesNaissance, anneesManquantes};
}

export interface ObservationNaissances {
  code: string;
  annee: number;
  naissances: number | null;
}

export interface ObservationCouverture {
  code: string;
  annee: number;
  /** Published total places (tot_offre) and global rate (txcouv) of the same year. */
  places: number | null;
  taux: number | null;
}

export interface PointValidation {
  code: string;
  annee: number;
  estime: number;
  implicite: number;
  /** (estimé − implicite) / implicite × 100. */
  ecartPct: number;
}

export interface DistributionErreurs {
  /** Commune × year pairs where both the estimate and the implied denominator exist. */
  n: number;
  /** Quartiles of the signed % error (negative: the estimate is below the Cnaf's count). */
  q1: number | null;
  mediane: number | null;
  q3: number | null;
  /** Mean of |% error| (MAPE). */
  erreurAbsolueMoyennePct: number | null;
  /** Median of |% error|. */
  erreurAbsolueMedianePct: number | null;
  /** Median of implicite / (Σ births, factor 1): the factor that centres the errors. */
  facteurMedian: number | null;
  /** Pairs left out: no estimate (a birth year missing) or no implied denominator. */
  sansEstimation: number;
  sansImplicite: number;
  points: PointValidation[];
}

/** Quantile of sorted values, linear interpolation between order statistics (R type 7, d3.quantile). */
export function quantile(tries: readonly number[], p: number): number | null {
  if (tries.length === 0) return null;
  const h = (tries.length - 1) * p;
  const b = Math.floor(h);
  const bas = tries[b]!;
  return b + 1 < tries.length ? bas + (h - b) * (tries[b + 1]! - bas) : bas;
}

const trier = (v: number[]) => v.sort((a, b) => a - b);
const moyenne = (v: readonly number[]) => (v.length ? v.reduce((s, x) => s + x, 0) / v.length : null);

/**
 * Compares the estimate with the denominators the Cnaf used (places / taux × 100) for
 * every code × year present in both inputs. Error = (estimé − implicite) / implicite.
 * The implied denominator inherits the rounding of the rate (±0,05 point), so pairs with
 * a very small rate carry a large rounding error: they are kept but visible in `points`.
 */
export function validerEstimation(
  naissances: readonly ObservationNaissances[],
  couverture: readonly ObservationCouverture[],
  options: OptionsEstimation = {}
): DistributionErreurs {
  const parCode = new Map<string, Map<number, number | null>>();
  for (const n of naissances) {
    let m = parCode.get(n.code);
    if (!m) parCode.set(n.code, (m = new Map()));
    m.set(n.annee, n.naissances);
  }
  const points: PointValidation[] = [];
  const rapports: number[] = [];
  let sansEstimation = 0;
  let sansImplicite = 0;
  for (const c of couverture) {
    const implicite = enfantsImplicites(c.places, c.taux);
    if (implicite == null || implicite <= 0) {
      sansImplicite++;
      continue;
    }
    const serie = parCode.get(c.code);
    const brut = serie ? enfantsMoins3Ans(serie, c.annee, {decalage: options.decalage}).enfantsMoins3Ans : null;
    if (brut == null) {
      sansEstimation++;
      continue;
    }
    const estime = brut * (options.facteur ?? 1);
    points.push({code: c.code, annee: c.annee, estime, implicite, ecartPct: ((estime - implicite) / implicite) * 100});
    if (brut > 0) rapports.push(implicite / brut);
  }
  const ecarts = trier(points.map((p) => p.ecartPct));
  const absolus = trier(ecarts.map(Math.abs));
  return {
    n: points.length,
    q1: quantile(ecarts, 0.25),
    mediane: quantile(ecarts, 0.5),
    q3: quantile(ecarts, 0.75),
    erreurAbsolueMoyennePct: moyenne(absolus),
    erreurAbsolueMedianePct: quantile(absolus, 0.5),
    facteurMedian: quantile(trier(rapports), 0.5),
    sansEstimation,
    sansImplicite,
    points
  };
}
