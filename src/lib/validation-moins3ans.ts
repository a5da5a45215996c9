// Out-of-sample validation of the calibrated estimator (modele-moins3ans.ts) against
// the Cnaf's own denominators, the way the site uses it: fit on the years up to y − 1 only,
// then predict y (one year ahead), y + 1, y + 2 (three years ahead)… for every published
// commune; and, for communes the Cnaf never publishes, leave each published commune out
// and predict it from the others. Its error distributions give the projections their band.
// Pure: the warehouse query that feeds it is in entrepot/moins3ans.ts.
export type {Erreur};
import {erreursHorizon, erreursSansPublication} from "./modele-moins3ans.js";
import {classeTaille, CLASSES_TAILLE, ecartPct, quantile, type ClasseTaille, type Erreur, type CommuneCalibration, type ObservationRatio} from "./estimation-moins3ans.js";


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

/** Raw births (factor 1) against the Cnaf, every observation: the baseline. */
export function erreursBrutes(observations: readonly ObservationRatio[]): Erreur[] {
  return observations.filter((o) => o.implicite > 0).map((o) => ({code: o.code, annee: o.annee, classe: classeTaille(o.brut), ecartPct: ecartPct(o.brut, o.implicite)}));
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
  /** Raw births (no calibration), every commune × year. */
  brut: DistributionParTaille;
  horizons: (DistributionParTaille & {horizon: number})[];
  /** Leave-one-commune-out: communes the Cnaf never publishes. */
  sansPublication: DistributionParTaille;
}

/** The errors of published communes at every horizon (what the projections' band needs, without the slower leave-one-out). */
export const validerHorizons = (observations: readonly ObservationRatio[], communes: readonly CommuneCalibration[]): ResultatValidation["horizons"] =>
  HORIZONS.map((h) => ({horizon: h, ...parTaille(erreursHorizon(observations, communes, h))}));

export function valider(observations: readonly ObservationRatio[], communes: readonly CommuneCalibration[]): ResultatValidation {
  const annees = observations.map((o) => o.annee);
  return {
    annees: annees.length ? [Math.min(...annees), Math.max(...annees)] : null,
    brut: parTaille(erreursBrutes(observations)),
    horizons: validerHorizons(observations, communes),
    sansPublication: parTaille(erreursSansPublication(observations, communes))
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

/** What the projections' band is read from: errors by horizon (own ratio) and without publication (the model alone). */
export interface ErreursProjection {
  horizons: ResultatValidation["horizons"];
  /** Leave-one-out errors (null: not measured). */
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
 * like a random walk. A zone whose children mostly take the model alone (`mutualise`) adds
 * the leave-one-out error (how far a commune's ratio is from the model's) to that drift, as
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
  /** Target (ensemble only), %. */
  cible: number | null;
  atteinte: boolean | null;
}

/** Each target of the issue, measured, beside raw births: overall then by size class (methodology page and bench alike). */
export function lignesCibles(v: ResultatValidation): LigneCible[] {
  const h = (k: number) => v.horizons.find((d) => d.horizon === k);
  const mesures: {mesure: string; d: DistributionParTaille | undefined; champ: "medianeAbsolue" | "p90Absolu"; cible: number}[] = [
    {mesure: "Un an après (ajusté ≤ N−1, prédit N) : écart absolu médian", d: h(1), champ: "medianeAbsolue", cible: CIBLES_VALIDATION.unAn.medianeAbsolue},
    {mesure: "Un an après : 90e centile de l'écart absolu", d: h(1), champ: "p90Absolu", cible: CIBLES_VALIDATION.unAn.p90Absolu},
    {mesure: "Trois ans après (ajusté ≤ N−1, prédit N+2) : écart absolu médian", d: h(3), champ: "medianeAbsolue", cible: CIBLES_VALIDATION.troisAns.medianeAbsolue},
    {mesure: "Communes jamais publiées (une commune laissée de côté) : écart absolu médian", d: v.sansPublication, champ: "medianeAbsolue", cible: CIBLES_VALIDATION.sansPublication.medianeAbsolue}
  ];
  return mesures.flatMap(({mesure, d, champ, cible}) => {
    if (!d) return [];
    const ligne = (classe: LigneCible["classe"], x: Distribution, b: Distribution, c: number | null): LigneCible =>
      ({mesure, classe, n: x.n, valeur: x[champ], brut: b[champ], cible: c, atteinte: c == null || x[champ] == null ? null : x[champ]! <= c});
    return [ligne("ensemble", d, v.brut, cible), ...d.parTaille.map((t, k) => ligne(t.classe, t, v.brut.parTaille[k]!, null))];
  });
}
