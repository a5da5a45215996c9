// The under-3 estimator's fit: from the Cnaf's denominators (places / taux × 100) of the
// communes it publishes, each commune's factor (FacteurMoins3, applied by
// estimation-moins3ans.ts). Pure; every fit uses the Cnaf years ≤ the cut only.
//
//   ln(rapport Cnaf / naissances) = b0 + b1 ln(naissances N−2..N) + b2 ln(naissances N−2..N / naissances N−5..N−3) + d(département)
// fitted by least squares on each published commune's latest year, d the mean residual of the
// département's other published communes shrunk towards 0 (Σ résidus / (n + 5)). A commune the Cnaf
// publishes keeps its own deviation from the model, fading by a yearly persistence ρ (fitted on
// consecutive years: its deviation in t + 1 against t): rapport(N) = g(N) + ρ^|N − a| × (rapport(a) − g(a)),
// a its latest Cnaf year. A commune never published takes g(N).
// Why: a commune's ratio follows its births' change (young families moving in or out show in
// births and children alike) and drifts back towards what its size and trend predict. The
// methods tried and rejected, with their figures, are listed in docs/formules.md.
import {classeTaille, ecartPct, facteurCommune, rapportModele, type CommuneCalibration, type Erreur, type FacteurMoins3, type ObservationRatio} from "./estimation-moins3ans.js";

/** Shrinkage of a département's mean residual: as if 5 more communes had a residual of 0. */
const RETRAIT_DEPARTEMENT = 5;

interface Modele {
  coefficients: [number, number, number];
  /** Département → Σ and number of the residuals (ln) of its published communes. */
  residus: Map<string, {somme: number; n: number}>;
  /** Latest Cnaf year in the fit. */
  annee: number;
}

const variables = (brut: number, brutPrecedent: number | null | undefined): [number, number, number] =>
  [1, Math.log(brut), brutPrecedent != null && brutPrecedent > 0 ? Math.log(brut / brutPrecedent) : 0];

type Matrice = number[][];
const det3 = (m: Matrice) => m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) - m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) + m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);

/** Solves the 3 × 3 normal equations a β = b (Cramer's rule: small and well conditioned here). */
function resoudre(a: Matrice, b: readonly number[]): [number, number, number] | null {
  const d = det3(a);
  if (!(Math.abs(d) > 1e-12)) return null;
  const colonne = (i: number) => a.map((ligne, r) => ligne.map((v, c) => (c === i ? b[r]! : v)));
  return [det3(colonne(0)) / d, det3(colonne(1)) / d, det3(colonne(2)) / d];
}

interface Ligne {code: string; dep: string; annee: number; x: [number, number, number]; y: number}

/** Each commune's latest usable observation ≤ `jusqua`, as a regression row. */
function lignes(observations: readonly ObservationRatio[], deps: ReadonlyMap<string, string>, jusqua: number): Ligne[] {
  const dernieres = new Map<string, ObservationRatio>();
  for (const o of observations) {
    if (o.annee > jusqua || !(o.brut > 0) || !(o.implicite > 0)) continue;
    const d = dernieres.get(o.code);
    if (!d || o.annee > d.annee) dernieres.set(o.code, o);
  }
  return [...dernieres.values()].map((o) => ({code: o.code, dep: deps.get(o.code) ?? "", annee: o.annee, x: variables(o.brut, o.brutPrecedent), y: Math.log(o.implicite / o.brut)}));
}

/** XᵀX and Xᵀy of the rows, `signe` −1 to take a row out. */
function cumuler(a: Matrice, b: number[], l: Ligne, signe = 1): void {
  for (let i = 0; i < 3; i++) {
    b[i]! += signe * l.x[i]! * l.y;
    for (let j = 0; j < 3; j++) a[i]![j]! += signe * l.x[i]! * l.x[j]!;
  }
}

/** The model fitted on `rows`, the row of `sans` taken out (leave-one-out: a commune never published). */
function ajuster(rows: readonly Ligne[], sommes?: {a: Matrice; b: number[]}, sans?: Ligne): Modele | null {
  let a: Matrice;
  let b: number[];
  if (sommes) {
    a = sommes.a.map((l) => [...l]);
    b = [...sommes.b];
  } else {
    a = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    b = [0, 0, 0];
    for (const l of rows) cumuler(a, b, l);
  }
  if (sans) cumuler(a, b, sans, -1);
  const coefficients = rows.length - (sans ? 1 : 0) > 3 ? resoudre(a, b) : null;
  if (!coefficients) return null;
  const residus = new Map<string, {somme: number; n: number}>();
  let annee = -Infinity;
  for (const l of rows) {
    if (l === sans || (sans && l.dep !== sans.dep)) continue; // a leave-one-out only needs the left-out commune's département
    const s = residus.get(l.dep) ?? residus.set(l.dep, {somme: 0, n: 0}).get(l.dep)!;
    s.somme += l.y - l.x.reduce((t, v, i) => t + v * coefficients[i]!, 0);
    s.n++;
    annee = Math.max(annee, l.annee);
  }
  return {coefficients, residus, annee};
}

/** The model's coefficients for a commune of `dep`: its département's shrunk residual folded into the constant. */
function coefficientsDe(m: Modele, dep: string | undefined): [number, number, number] {
  const s = m.residus.get(dep ?? "");
  return [m.coefficients[0] + (s ? s.somme / (s.n + RETRAIT_DEPARTEMENT) : 0), m.coefficients[1], m.coefficients[2]];
}

/** g: the ratio the model predicts in a year with these births, in this département. */
const predire = (m: Modele, dep: string | undefined, brut: number, brutPrecedent: number | null | undefined): number =>
  rapportModele(coefficientsDe(m, dep), brut, brutPrecedent);

/** Fits by cut year, each computed once (the validation asks for the same cuts many times). */
function ajustements(observations: readonly ObservationRatio[], communes: readonly CommuneCalibration[]) {
  const deps = new Map(communes.map((c) => [c.code, c.dep]));
  const modeles = new Map<number, Modele | null>();
  const modele = (jusqua: number) => (modeles.has(jusqua) ? modeles.get(jusqua)! : modeles.set(jusqua, ajuster(lignes(observations, deps, jusqua))).get(jusqua)!);
  const parCode = new Map<string, Map<number, ObservationRatio>>();
  for (const o of observations) if (o.brut > 0 && o.implicite > 0) (parCode.get(o.code) ?? parCode.set(o.code, new Map()).get(o.code)!).set(o.annee, o);
  /** Deviation of an observation from the model fitted at its own year (ratio − g). */
  const deviation = (o: ObservationRatio) => {
    const m = modele(o.annee);
    return m ? o.implicite / o.brut - predire(m, deps.get(o.code), o.brut, o.brutPrecedent) : null;
  };
  const persistances = new Map<number, number>();
  /** ρ fitted on the pairs of consecutive years ≤ jusqua: Σ d(t) d(t+1) / Σ d(t)², within [0, 1]; 1 without pairs. */
  const persistance = (jusqua: number) => {
    if (persistances.has(jusqua)) return persistances.get(jusqua)!;
    let xy = 0;
    let xx = 0;
    for (const obs of parCode.values()) {
      for (const [t, o] of obs) {
        const suivante = obs.get(t + 1);
        if (!suivante || t + 1 > jusqua) continue;
        const a = deviation(o);
        const b = deviation(suivante);
        if (a == null || b == null) continue;
        xy += a * b;
        xx += a * a;
      }
    }
    const rho = xx > 0 ? Math.min(1, Math.max(0, xy / xx)) : 1;
    persistances.set(jusqua, rho);
    return rho;
  };
  return {deps, modele, parCode, persistance};
}

export interface OptionsCalibration {
  /** Latest Cnaf year used (validation: y − h; the site: every year loaded). */
  jusqua?: number;
  /** The communes whose factor is wanted (default: all); the fit reads every commune's département. */
  voulues?: readonly string[];
}

/** Six significant digits: every département's file carries its communes' factors (a millionth of a child per thousand). */
const arrondi = (x: number) => Number(x.toPrecision(6));

/** Fits ≤ a cut, reusable for several cuts (the validation) or one (the site). */
function calibreur(observations: readonly ObservationRatio[], communes: readonly CommuneCalibration[]) {
  const {deps, modele, parCode, persistance} = ajustements(observations, communes);
  return (jusqua: number, voulues: readonly CommuneCalibration[]): Map<string, FacteurMoins3> => {
    const m = modele(jusqua);
    const resultat = new Map<string, FacteurMoins3>();
    if (!m) return resultat;
    const rho = arrondi(persistance(jusqua));
    for (const c of voulues) {
      const coefficients = coefficientsDe(m, c.dep).map(arrondi) as [number, number, number];
      const obs = parCode.get(c.code);
      const a = obs ? Math.max(...[...obs.keys()].filter((t) => t <= jusqua)) : -Infinity;
      if (!Number.isFinite(a)) {
        resultat.set(c.code, {coefficients, rho, ecart: 0, methode: "modele", annee: m.annee});
        continue;
      }
      // The deviation at a, against the model fitted ≤ the cut (the only one known then).
      const oa = obs!.get(a)!;
      const ecart = oa.implicite / oa.brut - predire(m, deps.get(c.code), oa.brut, oa.brutPrecedent);
      resultat.set(c.code, {coefficients, rho, ecart: arrondi(ecart), methode: "commune", annee: a});
    }
    return resultat;
  };
}

/**
 * Every commune's factor from the Cnaf's observations up to `jusqua`: the model, plus the
 * commune's own fading deviation where the Cnaf published it. Empty when fewer than four
 * published communes.
 */
export function calibrer(observations: readonly ObservationRatio[], communes: readonly CommuneCalibration[], {jusqua = Infinity, voulues}: OptionsCalibration = {}): Map<string, FacteurMoins3> {
  const annees = observations.map((o) => o.annee);
  const garder = voulues && new Set(voulues);
  return calibreur(observations, communes)(Math.min(jusqua, annees.length ? Math.max(...annees) : jusqua), garder ? communes.filter((c) => garder.has(c.code)) : communes);
}

/** Published communes, horizon h (1 = one year ahead): fitted on years ≤ y − h, each commune's own deviation fading towards the model, predicting y. */
export function erreursHorizon(observations: readonly ObservationRatio[], communes: readonly CommuneCalibration[], h: number): Erreur[] {
  // Only published communes are predicted here: the others need no factor (35 000 fewer).
  const publiees = new Set(observations.map((o) => o.code));
  const aPredire = communes.filter((c) => publiees.has(c.code));
  const calibrerJusqua = calibreur(observations, communes);
  const annees = [...new Set(observations.map((o) => o.annee))].sort((a, b) => a - b);
  const erreurs: Erreur[] = [];
  for (const y of annees) {
    const facteurs = calibrerJusqua(y - h, aPredire);
    for (const o of observations) {
      if (o.annee !== y || !(o.brut > 0) || !(o.implicite > 0)) continue;
      const f = facteurs.get(o.code);
      if (f?.methode !== "commune") continue;
      erreurs.push({code: o.code, annee: y, classe: classeTaille(o.brut), ecartPct: ecartPct(o.brut * facteurCommune(f)(o.brut, o.brutPrecedent ?? null, y), o.implicite)});
    }
  }
  return erreurs;
}

/** Leave-one-commune-out: each published commune in year y predicted by the model fitted without it on years ≤ y − 1. */
export function erreursSansPublication(observations: readonly ObservationRatio[], communes: readonly CommuneCalibration[]): Erreur[] {
  const deps = new Map(communes.map((c) => [c.code, c.dep]));
  const erreurs: Erreur[] = [];
  const annees = [...new Set(observations.map((o) => o.annee))].sort((a, b) => a - b);
  for (const y of annees) {
    const rows = lignes(observations, deps, y - 1);
    const sommes = {a: [[0, 0, 0], [0, 0, 0], [0, 0, 0]], b: [0, 0, 0]};
    for (const l of rows) cumuler(sommes.a, sommes.b, l);
    const parCode = new Map(rows.map((l) => [l.code, l]));
    for (const o of observations) {
      if (o.annee !== y || !(o.brut > 0) || !(o.implicite > 0)) continue;
      const m = ajuster(rows, sommes, parCode.get(o.code));
      if (!m) continue;
      erreurs.push({code: o.code, annee: y, classe: classeTaille(o.brut), ecartPct: ecartPct(o.brut * predire(m, deps.get(o.code), o.brut, o.brutPrecedent), o.implicite)});
    }
  }
  return erreurs;
}
