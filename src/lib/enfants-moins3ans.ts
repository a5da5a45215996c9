// The one figure of children under 3 per commune and year, read by the diagnostic, the
// comparison, the petite-enfance page and the projections (and their exports and the CLI):
//   the Cnaf's own count (places / taux × 100) where it publishes the commune that year,
//   else the calibrated estimate, births N−2..N × the commune's factor (estimation-moins3ans.ts).
// It is a derived base series (BASE_ENFANTS_MOINS3), added to the Faits where they are
// assembled (entrepot/faits.ts in Node, donnees-territoire.ts in the browser), so that every
// territory's figure is the same Σ over its communes whichever page asks. Browser-safe and pure.
import {somme, valeurCellule as valeur, type Agregat, type Cellule, type SerieCommunale} from "./agregation.js";
import type {Faits} from "./diagnostic.js";
import {decrireMethodes, enfantsMoins3Ans, facteurCommune, type Facteur} from "./estimation-moins3ans.js";
import {formatCommunes} from "./format.js";

/** Base id of the series (catalogue indicator enfants_moins_3_ans_estimes). */
export const BASE_ENFANTS_MOINS3 = "enfants_moins_3_ans";
/** The Cnaf's implied count per commune (entrepot/faits.ts). */
const BASE_CNAF = "caf_enfants_implicites";
/** Bases the series is made of (a reader of a few bases reads these for it). */
export const BASES_ENFANTS_MOINS3 = [BASE_CNAF, "naissances"] as const;

/** A commune's births by year, as the estimator reads them (a masked year is null, never 0). */
export const naissancesParAnnee = (faits: Faits, code: string): Map<number, number | null> =>
  new Map(Object.entries(faits.series.naissances?.[code] ?? {}).map(([a, c]) => [Number(a), valeur(c)]));

/** A commune's factor (undefined: raw births, no Cnaf file loaded). */
export const facteurDe = (faits: Faits, code: string): Facteur | undefined => {
  const f = faits.calibration?.[code];
  return f && facteurCommune(f);
};

/**
 * Every commune's figure, every year it exists: the Cnaf's count, else the calibrated estimate
 * (raw births when no Cnaf file is loaded). Flagged approximate: the Cnaf's rate is rounded to 0,1
 * and the estimate is one. A year with a birth year missing (or masked) and no Cnaf count has no
 * cell: a group's sum then lists the commune as missing, never counts it 0.
 */
export function serieEnfantsMoins3Ans(faits: Faits): SerieCommunale {
  const cnaf = faits.series[BASE_CNAF] ?? {};
  const naissances = faits.series.naissances ?? {};
  const serie: SerieCommunale = {};
  for (const code of new Set([...Object.keys(naissances), ...Object.keys(cnaf)])) {
    const n = naissancesParAnnee(faits, code);
    const facteur = facteurDe(faits, code);
    const cellules: Record<string, Cellule> = {};
    for (const a of new Set([...Object.keys(naissances[code] ?? {}), ...Object.keys(cnaf[code] ?? {})])) {
      const v = valeur(cnaf[code]?.[a]) ?? enfantsMoins3Ans(n, Number(a), facteur).enfantsMoins3Ans;
      if (v != null) cellules[a] = [v, "a"];
    }
    serie[code] = cellules;
  }
  return serie;
}

/** Adds the series to `faits` (in place) and returns them. */
export function avecEnfantsMoins3Ans(faits: Faits): Faits {
  faits.series[BASE_ENFANTS_MOINS3] = serieEnfantsMoins3Ans(faits);
  return faits;
}

export interface EnfantsMoins3Territoire {
  annee: string;
  /** Σ over the communes (Agregat of somme: null and the missing communes listed when one lacks). */
  agregat: Agregat;
  /** Communes counted by the Cnaf that year, and estimated. */
  communesCnaf: number;
  communesEstimees: number;
  /** How the figure is made, in French, for the page beside it. */
  methode: string;
}

/** A territory's figure in one year, and its method named. */
export function enfantsMoins3AnsTerritoire(faits: Faits, communes: readonly string[], annee: string): EnfantsMoins3Territoire {
  const agregat = somme(faits.series[BASE_ENFANTS_MOINS3] ?? {}, communes, annee);
  const cnaf = faits.series[BASE_CNAF] ?? {};
  const parCnaf = communes.filter((c) => valeur(cnaf[c]?.[annee]) != null);
  const cnafs = new Set(parCnaf);
  const estimees = communes.filter((c) => !cnafs.has(c));
  const mixte = parCnaf.length > 0 && estimees.length > 0;
  const parts = [
    parCnaf.length ? `dénominateur de la Cnaf ${annee} (places / taux × 100)${mixte ? ` pour ${formatCommunes(parCnaf.length)}` : ""}` : "",
    estimees.length ? `estimation calibrée${mixte ? ` pour ${formatCommunes(estimees.length)}` : ""} : ${decrireMethodes(estimees.map((c) => faits.calibration?.[c]))}` : ""
  ].filter(Boolean).join(" ; ");
  const methode = parts.charAt(0).toUpperCase() + parts.slice(1);
  return {annee, agregat, communesCnaf: parCnaf.length, communesEstimees: estimees.length, methode};
}

/** The latest year whose figure is complete (every commune known), else null. */
export function derniereAnneeEnfantsMoins3Ans(faits: Faits, communes: readonly string[]): string | null {
  const serie = faits.series[BASE_ENFANTS_MOINS3] ?? {};
  const annees = new Set<string>();
  for (const c of communes) for (const a of Object.keys(serie[c] ?? {})) annees.add(a);
  return [...annees].sort().reverse().find((a) => communes.every((c) => serie[c]?.[a] != null)) ?? null;
}
