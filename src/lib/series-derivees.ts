// Base series computed from others instead of read from the warehouse. One so far: the
// estimated children under 3 of each commune (births N−2..N × the commune's calibration
// factor, estimation-moins3ans.ts), so that the catalogue can divide it by a population
// (indicator part_moins_3_ans) with the same Σ numerators / Σ denominators as any ratio.
import type {Cellule, SerieCommunale} from "./agregation.js";
import {enfantsMoins3Ans, type FacteurMoins3} from "./estimation-moins3ans.js";

/** Base id of the estimate (catalogue: part_moins_3_ans; petite-enfance.ts reads it too). */
export const BASE_MOINS3_ESTIMES = "moins3_estimes";

const nombre = (c: Cellule | undefined): number | null => (c == null ? null : Array.isArray(c) ? c[0] : c);

// Built once per births series and calibration: Faits are assembled, then only read (entrepot/faits.ts, donnees-territoire.ts).
const deja = new WeakMap<object, {calibration: object | undefined; serie: SerieCommunale}>();

/**
 * Every commune's estimate for each year N whose births N−2, N−1 and N are all published (a
 * masked year gives no estimate, never a smaller one); raw births where no factor is known.
 */
export function serieMoins3Estimes(naissances: SerieCommunale, calibration: Record<string, FacteurMoins3> | undefined): SerieCommunale {
  const d = deja.get(naissances);
  if (d && d.calibration === calibration) return d.serie;
  const serie: SerieCommunale = {};
  for (const [code, parAnnee] of Object.entries(naissances)) {
    const n = new Map(Object.entries(parAnnee).map(([a, c]) => [Number(a), nombre(c)] as const));
    const facteur = calibration?.[code]?.facteur ?? 1;
    for (const annee of n.keys()) {
      const e = enfantsMoins3Ans(n, annee, facteur).enfantsMoins3Ans;
      if (e != null) (serie[code] ??= {})[String(annee)] = e;
    }
  }
  deja.set(naissances, {calibration, serie});
  return serie;
}
