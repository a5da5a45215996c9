// Out-of-sample validation of the calibrated estimator (estimation-moins3ans.ts) against
// the Cnaf's own denominators, the way the site uses it: fit on the years up to y − 1 only,
// then predict y (one year ahead), y + 1, y + 2 (three years ahead)… for every published
// commune; and, for communes the Cnaf never publishes, leave each published commune out
// and predict it from the others. Its error distributions give the projections their band.
// Pure: the warehouse query that feeds it is in entrepot/moins3ans.ts.
export type {Erreur};
import {erreursModeleHorizon, erreursModeleSansPublication} from "./modele-moins3ans.js";
import {calibrer, calibrerSansPublication, classeTaille, CLASSES_TAILLE, quantile, type ClasseTaille, type Erreur, type CommuneCalibration, type ObservationRatio, type Pool} from "./estimation-moins3ans.js";


export interface Distribution {
  n: number;
  /** Median and 90th percentile of |error|, %. */
  medianeAbsolue: number | null;
  p90Absolu: number | null;
  /** Signed quantiles, % (negative: the estimate is below the Cnaf's count). */
  p10: number | null;
  mediane: number | null;
  p90: number | null;
}

export interface DistributionParTaille extends Distribution {
  parTaille: (Distribution & {classe: ClasseTaille; libelle: string})[];
}

const trier = (v: number[]) => v.sort((a, b) => a - b);

export function distribution(erreurs: readonly Erreur[]): Distribution {
  const signes = trier(erreurs.map((e) => e.ecartPct));
  const absolus = trier(signes.map(Math.abs));
  return {n: signes.length, medianeAbsolue: quantile(absolus, 0.5), p90Absolu: quantile(absolus, 0.9), p10: quantile(signes, 0.1), mediane: quantile(signes, 0.5), p90: quantile(signes, 0.9)};
}

export function parTaille(erreurs: readonly Erreur[]): DistributionParTaille {
  return {
    ...distribution(erreurs),
    parTaille: CLASSES_TAILLE.map((c) => ({classe: c.id, libelle: c.libelle, ...distribution(erreurs.filter((e) => e.classe === c.id))}))
  };
}

const ecart = (estime: number, implicite: number) => ((estime - implicite) / implicite) * 100;

/** Raw births (factor 1) against the Cnaf, every observation: today's estimator, the baseline. */
export function erreursBrutes(observations: readonly ObservationRatio[]): Erreur[] {
  return observations.filter((o) => o.implicite > 0).map((o) => ({code: o.code, annee: o.annee, classe: classeTaille(o.brut), ecartPct: ecart(o.brut, o.implicite)}));
}

/**
 * Published communes, horizon h (1 = one year ahead): for every year y with an
 * observation and a commune with its own ratio up to y − h, the factor fitted on the
 * years ≤ y − h applied to y's births.
 */
export function erreursHorizon(observations: readonly ObservationRatio[], communes: readonly CommuneCalibration[], h: number): Erreur[] {
  const annees = [...new Set(observations.map((o) => o.annee))].sort((a, b) => a - b);
  // Only published communes are predicted here: the others need no factor (35 000 fewer).
  const publiees = new Set(observations.map((o) => o.code));
  const aPredire = communes.filter((c) => publiees.has(c.code));
  const erreurs: Erreur[] = [];
  for (const y of annees) {
    const facteurs = calibrer(observations, aPredire, {jusqua: y - h});
    for (const o of observations) {
      if (o.annee !== y || !(o.implicite > 0)) continue;
      const f = facteurs.get(o.code);
      if (f?.methode !== "commune") continue;
      erreurs.push({code: o.code, annee: y, classe: classeTaille(o.brut), ecartPct: ecart(o.brut * f.facteur, o.implicite)});
    }
  }
  return erreurs;
}

/**
 * Communes the Cnaf does not publish, emulated: each published commune left out in turn,
 * its year y predicted by the `pool` factor of the other communes fitted on years ≤ y − 1.
 */
export function erreursSansPublication(observations: readonly ObservationRatio[], communes: readonly CommuneCalibration[], pool: Pool): Erreur[] {
  const annees = [...new Set(observations.map((o) => o.annee))].sort((a, b) => a - b);
  const erreurs: Erreur[] = [];
  for (const y of annees) {
    const dePubliees = observations.filter((o) => o.annee === y && o.implicite > 0);
    const brut = new Map(dePubliees.map((o) => [o.code, o.brut]));
    const facteurs = calibrerSansPublication(observations, communes, dePubliees.map((o) => o.code), {jusqua: y - 1, pool, brutTaille: (c) => brut.get(c)});
    for (const o of dePubliees) {
      const f = facteurs.get(o.code);
      if (f) erreurs.push({code: o.code, annee: y, classe: classeTaille(o.brut), ecartPct: ecart(o.brut * f.facteur, o.implicite)});
    }
  }
  return erreurs;
}

// ─── The whole validation, its targets, and the band it gives the projections ───

/** Horizons measured: 1 = fit ≤ y − 1, predict y; 3 = predict y + 2. */
export const HORIZONS = [1, 2, 3, 4, 5] as const;

/** Targets of the estimator (issue 15), in % of the Cnaf's count. */
export const CIBLES_VALIDATION = {
  unAn: {medianeAbsolue: 3.5, p90Absolu: 10},
  troisAns: {medianeAbsolue: 6},
  sansPublication: {medianeAbsolue: 6}
} as const;

export interface ResultatValidation {
  /** First and last Cnaf year compared. */
  annees: [number, number] | null;
  /** Raw births (today's estimator before calibration), every commune × year. */
  brut: DistributionParTaille;
  horizons: (DistributionParTaille & {horizon: number})[];
  /** Leave-one-commune-out, each pool compared (the first is the one kept). */
  sansPublication: (DistributionParTaille & {pool: string})[];
  /** The candidate model (modele-moins3ans.ts), measured the same way, not used by the site yet. */
  candidat: {horizons: (DistributionParTaille & {horizon: number})[]; sansPublication: DistributionParTaille};
}

/** The errors of published communes at every horizon (what the projections' band needs, without the slower leave-one-out). */
export const validerHorizons = (observations: readonly ObservationRatio[], communes: readonly CommuneCalibration[]): ResultatValidation["horizons"] =>
  HORIZONS.map((h) => ({horizon: h, ...parTaille(erreursHorizon(observations, communes, h))}));

export function valider(observations: readonly ObservationRatio[], communes: readonly CommuneCalibration[], pools: readonly Pool[]): ResultatValidation {
  const annees = observations.map((o) => o.annee);
  return {
    annees: annees.length ? [Math.min(...annees), Math.max(...annees)] : null,
    brut: parTaille(erreursBrutes(observations)),
    horizons: validerHorizons(observations, communes),
    sansPublication: pools.map((p) => ({pool: p.join(" > "), ...parTaille(erreursSansPublication(observations, communes, p))})),
    candidat: {
      horizons: HORIZONS.map((h) => ({horizon: h, ...parTaille(erreursModeleHorizon(observations, communes, h))})),
      sansPublication: parTaille(erreursModeleSansPublication(observations, communes))
    }
  };
}

/** Signed error quantiles (%) at a horizon for an estimate of a given size. */
export interface BandeErreur {
  horizon: number;
  p10: number;
  p90: number;
  /** Horizon beyond those measured: the last measured band widened by √(h / h mesuré). */
  extrapolee: boolean;
}

/** Fewer points than this in a size class at a horizon: the band of every size is taken. */
const MIN_POINTS = 30;

/** What the projections' band is read from: errors by horizon (own ratio) and without publication (pooled ratio). */
export interface ErreursProjection {
  horizons: ResultatValidation["horizons"];
  /** Leave-one-out errors of the pool kept (null: not measured). */
  sansPublication: DistributionParTaille | null;
}

const deTaille = (d: DistributionParTaille, classe: ClasseTaille): Distribution => {
  const t = d.parTaille.find((x) => x.classe === classe);
  return t && t.n >= MIN_POINTS ? t : d;
};

/**
 * The band of the estimate's error at horizon h (years after the last Cnaf year the factor
 * uses) for an estimate of `enfants` children: P10 and P90 of the signed errors measured at
 * that horizon for that size class. Widened, never narrowed, as the horizon grows (a longer
 * horizon with fewer points must not look surer); beyond the horizons measured, the last
 * band times √(h / h max): yearly changes of the ratio are uncorrelated, so errors add up
 * like a random walk. A zone whose children mostly take a pooled factor (`mutualise`) adds
 * the leave-one-out error (how far a commune's ratio is from its group's) to that drift, as
 * independent errors add: each end is √(horizon² + leave-one-out²).
 * Null when nothing was measured.
 */
export function bandeErreur(e: ErreursProjection, horizon: number, enfants: number, mutualise = false): BandeErreur | null {
  const classe = classeTaille(enfants);
  let p10 = 0;
  let p90 = 0;
  let dernier: number | null = null;
  for (const d of e.horizons) {
    if (d.horizon > Math.max(horizon, 1)) break;
    const src = deTaille(d, classe);
    if (src.p10 == null || src.p90 == null) continue;
    p10 = Math.min(p10, src.p10);
    p90 = Math.max(p90, src.p90);
    dernier = d.horizon;
  }
  if (dernier == null) return null;
  const k = horizon > dernier ? Math.sqrt(horizon / dernier) : 1;
  p10 *= k;
  p90 *= k;
  const loo = mutualise && e.sansPublication ? deTaille(e.sansPublication, classe) : null;
  if (loo?.p10 != null && loo.p90 != null) {
    p10 = -Math.hypot(p10, Math.min(loo.p10, 0));
    p90 = Math.hypot(p90, Math.max(loo.p90, 0));
  }
  return {horizon, p10, p90, extrapolee: horizon > dernier};
}

/** The children the Cnaf would count, given an estimate and its error band: [estimate / (1 + P90), estimate / (1 + P10)]. */
export function intervalleEnfants(enfants: number, b: BandeErreur): [number, number] {
  return [enfants / (1 + b.p90 / 100), enfants / (1 + b.p10 / 100)];
}

export interface LigneCible {
  /** French, e.g. « Un an après, écart absolu médian ». */
  mesure: string;
  /** "ensemble" or a size class. */
  classe: ClasseTaille | "ensemble";
  n: number;
  /** Calibrated estimator, %. */
  valeur: number | null;
  /** Raw births (factor 1), every commune × year compared, %. */
  brut: number | null;
  /** The candidate model (modele-moins3ans.ts), not used by the site yet, %. */
  candidat: number | null;
  /** Target (ensemble only), %. */
  cible: number | null;
  atteinte: boolean | null;
}

/** Each target of the issue, measured, beside raw births: overall then by size class (methodology page and bench alike). */
export function lignesCibles(v: ResultatValidation): LigneCible[] {
  const h = (k: number) => v.horizons.find((d) => d.horizon === k);
  const c = (k: number) => v.candidat.horizons.find((d) => d.horizon === k);
  const mesures: {mesure: string; d: DistributionParTaille | undefined; m: DistributionParTaille | undefined; champ: "medianeAbsolue" | "p90Absolu"; cible: number}[] = [
    {mesure: "Un an après (ajusté ≤ N−1, prédit N) : écart absolu médian", d: h(1), m: c(1), champ: "medianeAbsolue", cible: CIBLES_VALIDATION.unAn.medianeAbsolue},
    {mesure: "Un an après : 90e centile de l'écart absolu", d: h(1), m: c(1), champ: "p90Absolu", cible: CIBLES_VALIDATION.unAn.p90Absolu},
    {mesure: "Trois ans après (ajusté ≤ N−1, prédit N+2) : écart absolu médian", d: h(3), m: c(3), champ: "medianeAbsolue", cible: CIBLES_VALIDATION.troisAns.medianeAbsolue},
    {mesure: "Communes jamais publiées (une commune laissée de côté) : écart absolu médian", d: v.sansPublication[0], m: v.candidat.sansPublication, champ: "medianeAbsolue", cible: CIBLES_VALIDATION.sansPublication.medianeAbsolue}
  ];
  return mesures.flatMap(({mesure, d, m, champ, cible}) => {
    if (!d) return [];
    const ligne = (classe: LigneCible["classe"], x: Distribution, b: Distribution, y: Distribution | undefined, c: number | null): LigneCible =>
      ({mesure, classe, n: x.n, valeur: x[champ], brut: b[champ], candidat: y?.[champ] ?? null, cible: c, atteinte: c == null || x[champ] == null ? null : x[champ]! <= c});
    return [ligne("ensemble", d, v.brut, m, cible), ...d.parTaille.map((t, k) => ligne(t.classe, t, v.brut.parTaille[k]!, m?.parTaille[k], null))];
  });
}
