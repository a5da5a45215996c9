// Children under 3: the births of the last three years (INSEE état civil, naissances
// domiciliées), corrected by what the Cnaf's own denominators (places / taux × 100) show
// about the deaths and moves of young children. Browser-safe and pure: this file applies a
// commune's factor; modele-moins3ans.ts fits it, validation-moins3ans.ts measures it out of
// sample, the methodology page writes the formulas out.
//
// The factor of commune c in year N (FacteurMoins3):
//   rapport(c, N) = exp(b0(dép.) + b1 ln brut(N) + b2 ln(brut(N) / brut(N − 3))) + ρ^|N − a| × écart(c)
// brut(N) = naissances N−2..N, écart(c) = the commune's own ratio minus the model's at its latest
// Cnaf year a (0 for a commune the Cnaf never published).

export interface NaissancesAnnee {
  annee: number;
  /** Null when not published (secret, not yet available): never read as 0. */
  naissances: number | null;
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

/** A factor for a year's births: Σ births N−2..N, Σ births N−5..N−3 (null: one unpublished), year N. */
export type Facteur = (brut: number, brutPrecedent: number | null, annee: number) => number;

const sommeNaissances = (naissances: ReadonlyMap<number, number | null>, annees: readonly number[]) => {
  let somme = 0;
  const manquantes: number[] = [];
  for (const a of annees) {
    const n = naissances.get(a);
    if (n == null || Number.isNaN(n)) manquantes.push(a);
    else somme += n;
  }
  return {somme, manquantes};
};

/**
 * Naissances N−2 + N−1 + N, times `facteur` (omitted: raw births). Children aged 0, 1 and 2
 * on 31 December N were born in N, N−1 and N−2, counted where the mother lives, which is
 * where the child lives. Null when a birth year is missing.
 */
export function enfantsMoins3Ans(naissances: ReadonlyMap<number, number | null>, annee: number, facteur?: Facteur): EstimationMoins3Ans {
  const anneesNaissance = [annee - 2, annee - 1, annee];
  const {somme, manquantes} = sommeNaissances(naissances, anneesNaissance);
  if (manquantes.length) return {annee, enfantsMoins3Ans: null, anneesNaissance, anneesManquantes: manquantes};
  const precedent = sommeNaissances(naissances, [annee - 5, annee - 4, annee - 3]);
  const k = facteur && somme > 0 ? facteur(somme, precedent.manquantes.length ? null : precedent.somme, annee) : 1;
  return {annee, enfantsMoins3Ans: somme * k, anneesNaissance, anneesManquantes: []};
}

/** Quantile of sorted values, linear interpolation between order statistics (R type 7, d3.quantile). */
export function quantile(tries: readonly number[], p: number): number | null {
  if (tries.length === 0) return null;
  const h = (tries.length - 1) * p;
  const b = Math.floor(h);
  const bas = tries[b]!;
  return b + 1 < tries.length ? bas + (h - b) * (tries[b + 1]! - bas) : bas;
}

// ─── Calibration ───

/** Size classes of the birth-based estimate (Σ births N−2..N), known for every commune. */
export const CLASSES_TAILLE = [
  {id: "petite", min: 0, max: 300, libelle: "moins de 300 enfants"},
  {id: "moyenne", min: 300, max: 1000, libelle: "300 à 1 000 enfants"},
  {id: "grande", min: 1000, max: Infinity, libelle: "1 000 enfants ou plus"}
] as const;
export type ClasseTaille = (typeof CLASSES_TAILLE)[number]["id"];
export const classeTaille = (enfants: number): ClasseTaille => CLASSES_TAILLE.find((c) => enfants < c.max)!.id;

/** Where a commune's factor comes from: the model and its own Cnaf ratio, or the model alone. */
export type MethodeCalibration = "commune" | "modele";
export const LIBELLES_METHODE: Record<MethodeCalibration, string> = {
  commune: "le modèle et son propre rapport Cnaf / naissances",
  modele: "le modèle ajusté sur les communes publiées (naissances, leur évolution sur 3 ans, département)"
};

export interface CommuneCalibration {
  code: string;
  epci: string | null;
  dep: string;
}

/** A commune × year where the Cnaf published its rate: births N−2..N and the children the Cnaf counted. */
export interface ObservationRatio {
  code: string;
  annee: number;
  /** Σ births N−2..N (raw estimate). */
  brut: number;
  /** Places / taux × 100. */
  implicite: number;
  /** Σ births N−5..N−3 (null when one is not published): the births' three-year change. */
  brutPrecedent?: number | null;
}

/** An estimate against the Cnaf's count, for the validation (validation-moins3ans.ts). */
export interface Erreur {
  code: string;
  annee: number;
  classe: ClasseTaille;
  /** (estimé − Cnaf) / Cnaf × 100. */
  ecartPct: number;
}

/** (estimé − Cnaf) / Cnaf × 100. */
export const ecartPct = (estime: number, implicite: number) => ((estime - implicite) / implicite) * 100;

export interface FacteurMoins3 {
  /** b0 (département term included), b1, b2 of ln g = b0 + b1 ln brut(N) + b2 ln(brut(N) / brut(N − 3)). */
  coefficients: [number, number, number];
  /** Yearly persistence of a commune's own deviation. */
  rho: number;
  /** The commune's ratio minus g at its latest Cnaf year (0: never published). */
  ecart: number;
  methode: MethodeCalibration;
  /** Latest Cnaf year: the commune's own (« commune »), else the latest the model is fitted on. */
  annee: number;
}

/** g: the model's ratio for these births, exp(b0 + b1 ln brut + b2 ln(brut / brutPrecedent)); a missing N−5..N−3 leaves the change term out. */
export function rapportModele([b0, b1, b2]: readonly [number, number, number], brut: number, brutPrecedent: number | null | undefined): number {
  const evolution = brutPrecedent != null && brutPrecedent > 0 ? Math.log(brut / brutPrecedent) : 0;
  return Math.exp(b0 + b1 * Math.log(brut) + b2 * evolution);
}

/** The factor of a commune: g(N) + ρ^|N − a| × écart. */
export const facteurCommune = (f: FacteurMoins3): Facteur => (brut, brutPrecedent, annee) =>
  rapportModele(f.coefficients, brut, brutPrecedent) + f.rho ** Math.abs(annee - f.annee) * f.ecart;

/**
 * The factor of a zone whose births are projected as a whole: each commune keeps its share
 * `part` of the zone's births (its share at the latest published year), so the zone's
 * estimate is Σ over its communes of part × brut × facteur(part × brut, part × brut précédent).
 */
export const facteurZone = (communes: readonly {facteur: FacteurMoins3; part: number}[]): Facteur => (brut, brutPrecedent, annee) =>
  communes.reduce((s, c) => s + (c.part > 0 ? c.part * facteurCommune(c.facteur)(c.part * brut, brutPrecedent == null ? null : c.part * brutPrecedent, annee) : 0), 0);

/** The methods of a group's communes, counted: « … ; 1 commune : le modèle et son propre rapport Cnaf / naissances ; 45 communes : le modèle ajusté… ». */
export function decrireMethodes(facteurs: readonly (FacteurMoins3 | undefined)[]): string {
  const n = new Map<MethodeCalibration | "aucun", number>();
  for (const f of facteurs) n.set(f?.methode ?? "aucun", (n.get(f?.methode ?? "aucun") ?? 0) + 1);
  const parts = [...n].map(([m, k]) => `${k} commune${k > 1 ? "s" : ""} : ${m === "aucun" ? "sans facteur (naissances brutes)" : LIBELLES_METHODE[m]}`);
  const annee = Math.max(...facteurs.map((f) => f?.annee ?? -Infinity));
  return `naissances des trois dernières années corrigées par le rapport enfants Cnaf / naissances modélisé${Number.isFinite(annee) ? ` (Cnaf jusqu'en ${annee})` : ""} ; ${parts.join(" ; ")}`;
}

