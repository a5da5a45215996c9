// Projection 2026–2030 of births, children under 3 and coverage for a territory, against
// the places planned in its schéma pluriannuel, and the gap to a target rate.
// Browser-safe and pure: the page recomputes it on every input change (well under 1 ms).
// The formulas are printed on the methodology page: keep the doc comments exact.
import {MODES_SCHEMA_PLACES, tauxCouverture, type ModeSchema} from "./couverture.js";
import {enfantsMoins3Ans, facteurZone, indexerNaissances, type FacteurMoins3, type NaissancesAnnee} from "./estimation-moins3ans.js";
import {bandeErreur, intervalleEnfants, type BandeErreur, type ErreursProjection} from "./validation-moins3ans.js";

export const ANNEES_SCHEMA: readonly number[] = [2026, 2027, 2028, 2029, 2030];

/**
 * How births evolve after the last observed year B (births n_B):
 * - `tendance`: least-squares line fitted on the observed years among the last `annees`
 *   years up to B (default 5): n_t = a + b × t. Needs 2 observed years.
 * - `stable`: n_t = n_B.
 * - `variation`: n_t = n_B × (1 + p / 100)^(t − B), p = `pourcentAnnuel` (−2 = −2 % a year).
 * Projected births are never negative (a falling trend stops at 0).
 */
export type ScenarioNaissances =
  | {type: "tendance"; annees?: number}
  | {type: "stable"}
  | {type: "variation"; pourcentAnnuel: number};

export interface NaissancesProjetees {
  annee: number;
  naissances: number | null;
  /** True for published births, false for projected ones. */
  observe: boolean;
}

export interface SerieNaissances {
  serie: NaissancesProjetees[];
  /** Last year with published births (null: none). */
  derniereAnnee: number | null;
  avertissements: string[];
}

/** Least-squares slope and intercept of y on x. */
function droite(points: readonly [number, number][]): {a: number; b: number} {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) * (x - mx);
  }
  const b = sxx === 0 ? 0 : sxy / sxx;
  return {a: my - b * mx, b};
}

/**
 * Observed births, then projected births for every year after the last observed one up
 * to `jusqua`. Years missing inside the observed series stay null (they are not filled):
 * the children-under-3 estimate of the years that need them is then null too.
 */
export function projeterNaissances(observees: readonly NaissancesAnnee[], scenario: ScenarioNaissances, jusqua: number): SerieNaissances {
  const avertissements: string[] = [];
  const connues = observees.filter((o) => o.naissances != null && !Number.isNaN(o.naissances)).sort((x, y) => x.annee - y.annee);
  const derniere = connues.at(-1);
  if (!derniere) {
    return {serie: [], derniereAnnee: null, avertissements: ["Aucune naissance publiée : projection impossible."]};
  }
  const B = derniere.annee;
  const nB = derniere.naissances!;
  let projete: (t: number) => number;
  if (scenario.type === "tendance") {
    const fenetre = scenario.annees ?? 5;
    const points = connues.filter((o) => o.annee > B - fenetre).map((o) => [o.annee, o.naissances!] as [number, number]);
    if (points.length < 2) {
      avertissements.push(`Tendance impossible : moins de deux années de naissances publiées sur les ${fenetre} dernières années ; naissances maintenues au niveau de ${B}.`);
      projete = () => nB;
    } else {
      const {a, b} = droite(points);
      projete = (t) => a + b * t;
    }
  } else if (scenario.type === "stable") {
    projete = () => nB;
  } else {
    const r = 1 + scenario.pourcentAnnuel / 100;
    projete = (t) => nB * r ** (t - B);
  }
  const premiere = Math.min(...observees.map((o) => o.annee));
  const parAnnee = indexerNaissances(observees);
  const serie: NaissancesProjetees[] = [];
  let tronque = false;
  for (let t = premiere; t <= Math.max(jusqua, B); t++) {
    if (t <= B) {
      const n = parAnnee.get(t);
      serie.push({annee: t, naissances: n == null || Number.isNaN(n) ? null : n, observe: true});
    } else {
      const v = projete(t);
      if (v < 0) tronque = true;
      serie.push({annee: t, naissances: Math.max(0, v), observe: false});
    }
  }
  if (tronque) avertissements.push("La tendance passe sous zéro naissance : les années concernées sont projetées à 0.");
  return {serie, derniereAnnee: B, avertissements};
}

export interface PlacesPrevues {
  mode: ModeSchema;
  annee: number;
  /** Null when the analyst could not read the figure (the total is then null). */
  places: number | null;
}

export interface TotalPlacesPrevues {
  places: number | null;
  parMode: Partial<Record<ModeSchema, number>>;
  /** Place modes listed for this year without a figure. */
  manquants: ModeSchema[];
}

const MODES_PLACES = new Set<ModeSchema>(MODES_SCHEMA_PLACES);

/**
 * Places prévues l'année N = Σ over the place modes (EAJE PSU, micro-crèches Paje, MAM,
 * assistants maternels) of the places planned for N. RPE (ETP) and dispositifs
 * passerelles are not places and are ignored. A mode without a row for N plans no place
 * (the AO has none); a row without a figure makes the total null.
 */
export function placesPrevuesAnnee(lignes: readonly PlacesPrevues[], annee: number): TotalPlacesPrevues {
  const parMode: Partial<Record<ModeSchema, number>> = {};
  const manquants: ModeSchema[] = [];
  let total = 0;
  for (const l of lignes) {
    if (l.annee !== annee || !MODES_PLACES.has(l.mode)) continue;
    if (l.places == null || Number.isNaN(l.places)) {
      manquants.push(l.mode);
      continue;
    }
    parMode[l.mode] = (parMode[l.mode] ?? 0) + l.places;
    total += l.places;
  }
  return {places: manquants.length ? null : total, parMode, manquants};
}

/** A target coverage rate, in places per 100 children under 3. */
export interface Cible {
  origine: "departement" | "france" | "choisie";
  taux: number;
  /** How the page names it, e.g. « Alpes-de-Haute-Provence, 2022 ». */
  libelle?: string;
}

/**
 * Places cibles = taux cible × enfants de moins de 3 ans / 100 (not rounded).
 * Écart = ⌈places cibles − places prévues⌉: the whole places to create to reach the
 * target (negative: planned places exceed it by that many). Computed to 1e−9 so that a
 * target met exactly is not pushed to one place by floating-point noise.
 */
export function ecartPlaces(tauxCible: number, enfants: number | null, placesPrevues: number | null): number | null {
  if (enfants == null || placesPrevues == null) return null;
  // `+ 0` turns −0 (ceil of a tiny negative) into 0.
  return Math.ceil((tauxCible * enfants) / 100 - placesPrevues - 1e-9) + 0;
}

/**
 * Splits a positive gap between place modes by the chosen mix (shares, any scale:
 * {eaje_psu: 2, assistants_maternels: 1} = two thirds, one third). Whole places by the
 * largest-remainder method, so the parts add up exactly to the gap. A gap ≤ 0 gives 0
 * everywhere (nothing to create). Modes absent from the mix get nothing.
 */
export function repartirEcart(ecart: number, repartition: Partial<Record<ModeSchema, number>>): Partial<Record<ModeSchema, number>> {
  const modes = (Object.keys(repartition) as ModeSchema[]).filter((m) => (repartition[m] ?? 0) !== 0);
  for (const m of modes) {
    if (!MODES_PLACES.has(m)) throw new Error(`Répartition : « ${m} » n'est pas un mode exprimé en places.`);
    if (!(repartition[m]! > 0)) throw new Error(`Répartition : la part de « ${m} » doit être positive.`);
  }
  const somme = modes.reduce((s, m) => s + repartition[m]!, 0);
  if (modes.length === 0 || somme <= 0) throw new Error("Répartition : indiquez au moins un mode avec une part positive.");
  const resultat: Partial<Record<ModeSchema, number>> = {};
  if (ecart <= 0) {
    for (const m of modes) resultat[m] = 0;
    return resultat;
  }
  const exacts = modes.map((m) => ({m, v: (ecart * repartition[m]!) / somme}));
  let reste = ecart;
  for (const e of exacts) reste -= resultat[e.m] = Math.floor(e.v);
  // Largest fractional parts first; ties in the order the mix lists the modes.
  const ordre = [...exacts].sort((x, y) => (y.v - Math.floor(y.v)) - (x.v - Math.floor(x.v)));
  for (let k = 0; k < reste; k++) resultat[ordre[k]!.m]! += 1;
  return resultat;
}

export interface ParametresProjection {
  /** Published births of the territory (sum of its communes), any years. */
  naissances: readonly NaissancesAnnee[];
  scenario: ScenarioNaissances;
  /** The schéma's planned figures (rows of any mode; only place modes count). */
  placesPrevues: readonly PlacesPrevues[];
  /**
   * Places outside the schéma's modes (préscolarisation, salariés à domicile), held
   * constant: add them to compare with the Cnaf's global rate, which counts them.
   */
  placesHorsSchema?: number;
  cible: Cible;
  /** Mode mix for the gap; omitted: no split by mode. */
  repartition?: Partial<Record<ModeSchema, number>>;
  annees?: readonly number[];
  /**
   * The zone's calibration: each commune's factor and share of the zone's births, the latest
   * Cnaf year, and whether most of its births take the model alone, without their own Cnaf
   * ratio (omitted: raw births, no band).
   */
  calibration?: CalibrationZone;
  /** The validation's errors (validation-moins3ans.ts): the band of each year. */
  erreurs?: ErreursProjection;
  /** The zone's one under-3 figure (enfants-moins3ans.ts) for the years it is known: read instead of births × factor. */
  enfantsObserves?: ReadonlyMap<number, number>;
}

export interface CalibrationZone {
  communes: {facteur: FacteurMoins3; part: number}[];
  annee: number;
  mutualise: boolean;
}

export interface AnneeProjection {
  annee: number;
  naissances: number | null;
  naissancesObservees: boolean;
  enfantsMoins3Ans: number | null;
  /** Years after the last Cnaf year the factor is fitted on (null: no calibration). */
  horizon: number | null;
  /** The validation's P10–P90 error at that horizon, and the ranges it gives (null: no band). */
  bande: BandeErreur | null;
  enfantsBas: number | null;
  enfantsHaut: number | null;
  placesPrevues: number | null;
  /** Places prévues / enfants de moins de 3 ans projetés × 100. */
  tauxCouverture: number | null;
  tauxBas: number | null;
  tauxHaut: number | null;
  placesCibles: number | null;
  ecart: number | null;
  /** The gap at the low and the high end of the children's range. */
  ecartBas: number | null;
  ecartHaut: number | null;
  ecartParMode: Partial<Record<ModeSchema, number>> | null;
  /** Why a figure is missing (French, for the page). */
  manquants: string[];
}

export interface Projection {
  annees: AnneeProjection[];
  naissances: NaissancesProjetees[];
  avertissements: string[];
}

/**
 * For each year N of the schéma:
 *   enfants(N) = the territory's one figure where every birth year is observed (enfants-moins3ans.ts,
 *     the Cnaf's count or each commune's calibrated estimate), else (naissances N−2 + N−1 + N) ×
 *     facteur (the scenario's births; facteur: each commune's, on its share of the zone's births
 *     at the latest published year, facteurZone);
 *   bande(N): P10–P90 of the validation's error at horizon N − last Cnaf year, so that the
 *     children the Cnaf would count lie in [enfants / (1 + P90), enfants / (1 + P10)] and the
 *     rate and the gap in the ranges these give;
 *   taux projeté(N) = (places prévues(N) + places hors schéma) / enfants(N) × 100;
 *   écart(N) = ⌈taux cible × enfants(N) / 100 − (places prévues(N) + places hors schéma)⌉.
 */
export function projeterCouverture(p: ParametresProjection): Projection {
  const annees = p.annees ?? ANNEES_SCHEMA;
  const fin = Math.max(...annees);
  const {serie, avertissements} = projeterNaissances(p.naissances, p.scenario, fin);
  const parAnnee = new Map(serie.map((s) => [s.annee, s]));
  const index = new Map(serie.map((s) => [s.annee, s.naissances]));
  const horsSchema = p.placesHorsSchema ?? 0;
  const facteur = p.calibration && facteurZone(p.calibration.communes);
  const resultat = annees.map((annee): AnneeProjection => {
    const manquants: string[] = [];
    const est = enfantsMoins3Ans(index, annee, facteur);
    const enfants = p.enfantsObserves?.get(annee) ?? est.enfantsMoins3Ans;
    if (enfants == null) manquants.push(`naissances ${est.anneesManquantes.join(", ")} non publiées`);
    const prevues = placesPrevuesAnnee(p.placesPrevues, annee);
    if (prevues.manquants.length) manquants.push(`places prévues non renseignées : ${prevues.manquants.join(", ")}`);
    const places = prevues.places == null ? null : prevues.places + horsSchema;
    const ecart = ecartPlaces(p.cible.taux, enfants, places);
    const horizon = p.calibration ? annee - p.calibration.annee : null;
    const bande = horizon != null && enfants != null && p.erreurs ? bandeErreur(p.erreurs, horizon, enfants, p.calibration!.mutualise) : null;
    const [bas, haut] = bande && enfants != null ? intervalleEnfants(enfants, bande) : [null, null];
    return {
      annee,
      naissances: parAnnee.get(annee)?.naissances ?? null,
      naissancesObservees: parAnnee.get(annee)?.observe ?? false,
      enfantsMoins3Ans: enfants,
      horizon, bande, enfantsBas: bas, enfantsHaut: haut,
      placesPrevues: places,
      tauxCouverture: tauxCouverture(places, enfants),
      // More children, lower rate: the rate's low end comes from the children's high end.
      tauxBas: tauxCouverture(places, haut), tauxHaut: tauxCouverture(places, bas),
      placesCibles: enfants == null ? null : (p.cible.taux * enfants) / 100,
      ecart, ecartBas: ecartPlaces(p.cible.taux, bas, places), ecartHaut: ecartPlaces(p.cible.taux, haut, places),
      ecartParMode: ecart == null || !p.repartition ? null : repartirEcart(ecart, p.repartition),
      manquants
    };
  });
  return {annees: resultat, naissances: serie, avertissements};
}
