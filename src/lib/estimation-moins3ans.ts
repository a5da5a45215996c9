// Children under 3: the births of the last three years (INSEE état civil, naissances
// domiciliées), calibrated on what the Cnaf's own denominators (places / taux × 100) show
// about the deaths and moves of young children. Browser-safe and pure; the validation
// that chose the method is in validation-moins3ans.ts, the formulas on the methodology page.
//
// Why this method (measured on the real files, 2017–2022, see validation-moins3ans.ts):
// - a commune's ratio Cnaf / births moves from year to year like a random walk (year-to-year
//   changes are uncorrelated, correlation between −0,07 and +0,04), so the best predictor
//   of next year's ratio is the latest one: averaging older ratios did worse one year ahead
//   (median absolute error 4,5 % against 3,4 %);
// - a commune the Cnaf does not publish takes the ratio pooled over the published communes
//   of a comparable group (Σ Cnaf children / Σ births, latest year of each): the group is
//   chosen by the leave-one-commune-out validation (POOLS below).

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

/**
 * Naissances N−2 + N−1 + N, times `facteur` (1: raw births). Children aged 0, 1 and 2 on
 * 31 December N were born in N, N−1 and N−2, counted where the mother lives, which is
 * where the child lives. Null when a birth year is missing.
 */
export function enfantsMoins3Ans(naissances: ReadonlyMap<number, number | null>, annee: number, facteur = 1): EstimationMoins3Ans {
  const anneesNaissance = [annee - 2, annee - 1, annee];
  let somme = 0;
  const anneesManquantes: number[] = [];
  for (const a of anneesNaissance) {
    const n = naissances.get(a);
    if (n == null || Number.isNaN(n)) anneesManquantes.push(a);
    else somme += n;
  }
  return {annee, enfantsMoins3Ans: anneesManquantes.length ? null : somme * facteur, anneesNaissance, anneesManquantes};
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

/** Where a commune's factor comes from: its own Cnaf ratio, or the ratio pooled over a group. */
export type MethodeCalibration = "commune" | "epci" | "departement" | "taille" | "france";
export const LIBELLES_METHODE: Record<MethodeCalibration, string> = {
  commune: "son propre rapport Cnaf / naissances",
  epci: "le rapport des communes publiées de son EPCI",
  departement: "le rapport des communes publiées de son département",
  taille: "le rapport des communes publiées de même taille",
  france: "le rapport de toutes les communes publiées"
};

/** Pooling groups tried in order for a commune without its own ratio (kept by the validation, see POOLS). */
export type Pool = readonly Exclude<MethodeCalibration, "commune">[];

/**
 * The pooling kept: the published communes of the same size class, else all of them.
 * Leave-one-commune-out on the real files (median absolute error, 2018–2022, fit ≤ y − 1):
 * size class 7,6 %, France 7,8 %, département 8,1 %, EPCI then département 8,6 % (raw
 * births 8,0 %). Neighbours do not share a ratio as much as communes of the same size do.
 * validation-moins3ans.ts measures every pool at each build; the methodology page prints them.
 */
export const POOL_RETENU: Pool = ["taille", "france"];
export const POOLS_COMPARES: readonly Pool[] = [POOL_RETENU, ["france"], ["departement", "france"], ["epci", "departement", "france"]];

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
  /** Σ births N−5..N−3 (null when one is not published): the births' change, for the candidate model (modele-moins3ans.ts). */
  brutPrecedent?: number | null;
}

/** An estimate against the Cnaf's count, for the validation (validation-moins3ans.ts, modele-moins3ans.ts). */
export interface Erreur {
  code: string;
  annee: number;
  classe: ClasseTaille;
  /** (estimé − Cnaf) / Cnaf × 100. */
  ecartPct: number;
}

export interface FacteurMoins3 {
  /** Multiplies Σ births N−2..N. */
  facteur: number;
  methode: MethodeCalibration;
  /** Latest Cnaf year the factor is fitted on. */
  annee: number;
  /** Published communes the factor comes from (1 for the commune's own). */
  communes: number;
}

/** Each commune's latest usable observation up to `jusqua` (births > 0, implied > 0). */
export function dernieresObservations(observations: readonly ObservationRatio[], jusqua = Infinity): Map<string, ObservationRatio> {
  const m = new Map<string, ObservationRatio>();
  for (const o of observations) {
    if (o.annee > jusqua || !(o.brut > 0) || !(o.implicite > 0)) continue;
    const d = m.get(o.code);
    if (!d || o.annee > d.annee) m.set(o.code, o);
  }
  return m;
}

interface Somme {implicite: number; brut: number; communes: number; annee: number}

function cleGroupe(g: MethodeCalibration, c: CommuneCalibration, brut: number | undefined): string | null {
  if (g === "epci") return c.epci ? `e${c.epci}` : null;
  if (g === "departement") return `d${c.dep}`;
  if (g === "taille") return brut == null ? null : `t${classeTaille(brut)}`;
  return "f";
}

/** Σ implicite and Σ brut of the published communes of each group, at each commune's latest observation. */
function sommesGroupes(dernieres: ReadonlyMap<string, ObservationRatio>, parCode: ReadonlyMap<string, CommuneCalibration>, pool: Pool): Map<string, Somme> {
  const sommes = new Map<string, Somme>();
  for (const o of dernieres.values()) {
    const c = parCode.get(o.code);
    if (!c) continue;
    for (const g of pool) {
      const cle = cleGroupe(g, c, o.brut);
      if (cle == null) continue;
      const s = sommes.get(cle) ?? sommes.set(cle, {implicite: 0, brut: 0, communes: 0, annee: 0}).get(cle)!;
      s.implicite += o.implicite;
      s.brut += o.brut;
      s.communes++;
      s.annee = Math.max(s.annee, o.annee);
    }
  }
  return sommes;
}

/** The pooled factor of `c`: its first group in `pool` with a published commune (`sans`: an observation taken out of the sums, for the leave-one-out). */
function facteurMutualise(c: CommuneCalibration, sommes: ReadonlyMap<string, Somme>, pool: Pool, brut: number | undefined, sans?: ObservationRatio): FacteurMoins3 | undefined {
  for (const g of pool) {
    const cle = cleGroupe(g, c, g === "taille" ? brut : undefined);
    const s = cle == null ? undefined : sommes.get(cle);
    if (!s) continue;
    const retire = sans && cleGroupe(g, c, sans.brut) === cle;
    const communes = s.communes - (retire ? 1 : 0);
    if (communes === 0) continue;
    const facteur = retire ? (s.implicite - sans.implicite) / (s.brut - sans.brut) : s.implicite / s.brut;
    return {facteur, methode: g, annee: s.annee, communes};
  }
  return undefined;
}

export interface OptionsCalibration {
  /** Latest Cnaf year used (validation: y − 1; the site: every year loaded). */
  jusqua?: number;
  pool?: Pool;
  /** Σ births N−2..N of a commune, for the size-class group. */
  brutTaille?: (code: string) => number | undefined;
}

/**
 * Factors per commune from the observations up to `jusqua`:
 *   facteur(c) = implicite / brut at c's latest published year (méthode « commune »);
 *   else Σ implicite / Σ brut over the published communes of c's first group in `pool`
 *   that has one, each at its latest year.
 * A commune with no factor (no published commune anywhere) is absent from the result.
 */
export function calibrer(observations: readonly ObservationRatio[], communes: readonly CommuneCalibration[], {jusqua = Infinity, pool = POOL_RETENU, brutTaille}: OptionsCalibration = {}): Map<string, FacteurMoins3> {
  const dernieres = dernieresObservations(observations, jusqua);
  const parCode = new Map(communes.map((c) => [c.code, c]));
  const sommes = sommesGroupes(dernieres, parCode, pool);
  const resultat = new Map<string, FacteurMoins3>();
  for (const c of communes) {
    const propre = dernieres.get(c.code);
    const f = propre ? {facteur: propre.implicite / propre.brut, methode: "commune" as const, annee: propre.annee, communes: 1} : facteurMutualise(c, sommes, pool, brutTaille?.(c.code));
    if (f) resultat.set(c.code, f);
  }
  return resultat;
}

/**
 * Leave-one-out: each commune of `cibles` as if the Cnaf had never published it, its factor
 * pooled over the other communes (observations up to `jusqua`).
 */
export function calibrerSansPublication(observations: readonly ObservationRatio[], communes: readonly CommuneCalibration[], cibles: readonly string[], {jusqua = Infinity, pool = POOL_RETENU, brutTaille}: OptionsCalibration = {}): Map<string, FacteurMoins3> {
  const dernieres = dernieresObservations(observations, jusqua);
  const parCode = new Map(communes.map((c) => [c.code, c]));
  const sommes = sommesGroupes(dernieres, parCode, pool);
  const resultat = new Map<string, FacteurMoins3>();
  for (const code of cibles) {
    const c = parCode.get(code);
    const f = c && facteurMutualise(c, sommes, pool, brutTaille?.(code), dernieres.get(code));
    if (f) resultat.set(code, f);
  }
  return resultat;
}

/**
 * One factor for a group of communes, so that a projection can run on the group's summed
 * births: Σ facteur(c) × brut(c) / Σ brut(c), brut at the latest year with every commune's
 * births. Null when a commune has no factor or no births.
 */
export function facteurGroupe(parCommune: readonly {facteur: FacteurMoins3 | undefined; brut: number | null}[]): number | null {
  let num = 0;
  let den = 0;
  for (const c of parCommune) {
    if (!c.facteur || c.brut == null) return null;
    num += c.facteur.facteur * c.brut;
    den += c.brut;
  }
  if (parCommune.length === 0) return null;
  // A group without births keeps the mean factor (its estimate is 0 whatever the factor).
  return den > 0 ? num / den : parCommune.reduce((s, c) => s + c.facteur!.facteur, 0) / parCommune.length;
}

/** The methods of a group's communes, counted: « calibré : 2 communes par leur propre rapport Cnaf, 44 par celui de leur EPCI ». */
export function decrireMethodes(facteurs: readonly (FacteurMoins3 | undefined)[]): string {
  const n = new Map<MethodeCalibration | "aucun", number>();
  for (const f of facteurs) n.set(f?.methode ?? "aucun", (n.get(f?.methode ?? "aucun") ?? 0) + 1);
  const parts = [...n].map(([m, k]) => `${k} commune${k > 1 ? "s" : ""} : ${m === "aucun" ? "sans facteur (naissances brutes)" : LIBELLES_METHODE[m]}`);
  const annee = Math.max(...facteurs.map((f) => f?.annee ?? -Infinity));
  return `naissances des trois dernières années corrigées par le rapport enfants Cnaf / naissances${Number.isFinite(annee) ? ` (jusqu'en ${annee})` : ""} ; ${parts.join(" ; ")}`;
}

