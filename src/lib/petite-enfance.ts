// Coverage of a territory, year by year and commune by commune, from the diagnostic's Faits
// (Cnaf series of entrepot/faits.ts, births, analysts' entries). Browser-safe and pure.
//
// Rules (docs/formules.md):
// - a published rate (Cnaf, or an analyst's entry for that exact territory) is shown as is,
//   never recomputed from its rounded parts;
// - otherwise a rate is computed only when places and children are known for every commune
//   (couvertureAgregee), and the communes that lack a figure are listed;
// - children under 3: the one figure of src/lib/enfants-moins3ans.ts (the Cnaf's own denominator,
//   places / taux × 100, where it publishes the commune, else the calibrated estimate from
//   births): the same figure the diagnostic, the comparison and the projections use.
import {valeurCellule as valeur} from "./agregation.js";
import {couvertureAgregee, type ModeCaf} from "./couverture.js";
import {calculer, ligneDiagnostic, referenceCitee, type ContexteDiagnostic, type Faits, type Ids, type LigneDiagnostic} from "./diagnostic.js";
import {INDICATEURS, indicateur} from "./indicateurs.js";
import {enfantsMoins3Ans} from "./estimation-moins3ans.js";
import {BASE_ENFANTS_MOINS3, derniereAnneeEnfantsMoins3Ans, enfantsMoins3AnsTerritoire, facteurDe, naissancesParAnnee} from "./enfants-moins3ans.js";
import {formatCommunes, formatEntier} from "./format.js";

/** The leaves the Cnaf publishes (they make up the global rate, give or take rounding). */
export const MODES_FEUILLES: readonly ModeCaf[] = ["eaje_psu", "eaje_hors_psu", "prescolarisation", "assistants_maternels", "garde_domicile"];

export type Origine = "publie" | "saisie" | "calcule";

/** A rate with where it comes from. */
export interface Taux {
  annee: string;
  valeur: number;
  origine: Origine;
  /** The analyst's source line, for an entry. */
  source?: string;
}

const liste = (ids: Ids): readonly string[] => (ids == null ? [] : typeof ids === "string" ? [ids] : ids);

/** Years of the Cnaf series present for these communes, or published / entered for these ids. */
export function anneesCouverture(faits: Faits, communes: readonly string[], ids: Ids): string[] {
  const annees = new Set<string>();
  const places = faits.series.caf_places_ensemble ?? {};
  for (const c of communes) for (const a of Object.keys(places[c] ?? {})) annees.add(a);
  for (const id of liste(ids)) {
    for (const a of Object.keys(faits.publies.caf_txcouv?.[id] ?? {})) annees.add(a);
    for (const a of Object.keys(faits.saisies?.caf_txcouv?.[id] ?? {})) annees.add(a);
  }
  return [...annees].sort();
}

/** The global rate as published (Cnaf) or entered (analysts) for these ids, every year. */
export function tauxPublies(faits: Faits, ids: Ids): Taux[] {
  const annees = new Set<string>();
  for (const id of liste(ids)) {
    for (const a of Object.keys(faits.publies.caf_txcouv?.[id] ?? {})) annees.add(a);
    for (const a of Object.keys(faits.saisies?.caf_txcouv?.[id] ?? {})) annees.add(a);
  }
  return [...annees].sort().flatMap((annee) => tauxPublie(faits, ids, annee) ?? []);
}

/** The global rate published or entered for these ids in `annee`, or null (one year: a commune's row asks for one, for each of France's 35 000). */
function tauxPublie(faits: Faits, ids: Ids, annee: string): Taux | null {
  if (!liste(ids).some((id) => faits.publies.caf_txcouv?.[id]?.[annee] != null || faits.saisies?.caf_txcouv?.[id]?.[annee] != null)) return null;
  const a = calculer(indicateur("taux_couverture_global"), faits, [], annee, ids);
  if (a.valeur == null) return null;
  return a.source ? {annee, valeur: a.valeur, origine: "saisie", source: a.source} : {annee, valeur: a.valeur, origine: "publie"};
}

/**
 * Rates of a comparison area (département, France): published or entered for the area itself,
 * plus, for the territory `pour` only, the benchmarks its own diagnostic quotes (labelled "cité
 * par"): another territory's diagnostic never lends its benchmark.
 */
export function tauxComparaison(faits: Faits, id: string, pour?: Ids): Taux[] {
  const propres = tauxPublies(faits, id);
  const cites = Object.keys(faits.references?.caf_txcouv?.[id] ?? {}).flatMap((annee) => {
    const r = propres.some((t) => t.annee === annee) ? undefined : referenceCitee(faits, "caf_txcouv", id, pour, annee);
    return r ? [{annee, valeur: r.valeur, origine: "saisie" as const, source: `${r.source} (chiffre cité par le diagnostic du territoire)`}] : [];
  });
  return [...propres, ...cites].sort((a, b) => a.annee.localeCompare(b.annee));
}

/** Latest rate of an area (département, France) for the territory `pour` (see tauxComparaison), or null. */
export function tauxReference(faits: Faits, id: string, pour?: Ids): Taux | null {
  return tauxComparaison(faits, id, pour).at(-1) ?? null;
}

export interface CouvertureCommune {
  code: string;
  annee: string;
  /** Global rate published by the Cnaf (or entered) for the commune. */
  taux: Taux | null;
  places: number | null;
  placesParMode: Partial<Record<ModeCaf, number | null>>;
  /** Children the Cnaf used (places / taux × 100), approximate. */
  enfantsCnaf: number | null;
  /** Children estimated from births N−2..N × the commune's calibration factor (null when a birth year is missing). */
  enfantsEstimes: number | null;
  /** What the rate of a group takes for this commune: the one figure (enfants-moins3ans.ts), the Cnaf's count, else the estimate. */
  enfants: number | null;
}

/**
* The calibrated estimate of a commune's children under 3 in year N, even where the Cnaf counts
 * them: births N−2..N times its calibration factor (raw births when no Cnaf file is loaded),
 * shown beside the Cnaf's count in the communes' table.
 */
export function enfantsEstimesCommune(faits: Faits, code: string, annee: number): number | null {
  return estimateur(faits)(code, annee);
}

/** enfantsEstimesCommune, each commune's births and factor read once for all the years asked (France: 35 000 communes × 6 years at build time). */
type Estimateur = (code: string, annee: number) => number | null;
function estimateur(faits: Faits): Estimateur {
  const lus = new Map<string, [ReturnType<typeof naissancesParAnnee>, ReturnType<typeof facteurDe>]>();
  return (code, annee) => {
    const l = lus.get(code) ?? lus.set(code, [naissancesParAnnee(faits, code), facteurDe(faits, code)]).get(code)!;
    return enfantsMoins3Ans(l[0], annee, l[1]).enfantsMoins3Ans;
  };
}

export function couvertureCommune(faits: Faits, code: string, annee: string, modes: readonly ModeCaf[] = MODES_FEUILLES, estimer: Estimateur = estimateur(faits)): CouvertureCommune {
  const serie = (base: string) => valeur(faits.series[base]?.[code]?.[annee]);
  const taux = tauxPublie(faits, `commune:${code}`, annee);
  const enfantsCnaf = serie("caf_enfants_implicites");
  const enfantsEstimes = estimer(code, Number(annee));
  return {
    code, annee, taux,
    places: serie("caf_places_ensemble"),
    placesParMode: Object.fromEntries(modes.map((m) => [m, serie(`caf_places_${m}`)])),
    enfantsCnaf, enfantsEstimes,
    enfants: serie(BASE_ENFANTS_MOINS3)
  };
}

export interface CouvertureAnnee {
  annee: string;
  /** The global rate: published / entered for the territory, else computed when every commune is known. */
  taux: Taux | null;
  /** Rate by leaf mode: published for the territory, else computed like the global. */
  tauxParMode: Partial<Record<ModeCaf, number | null>>;
  places: number | null;
  placesParMode: Partial<Record<ModeCaf, number | null>>;
  /** Children under 3 used for a computed rate (Cnaf's count, else estimate). */
  enfants: number | null;
  /** Σ of the birth-based estimate over every commune (null if one is missing). */
  enfantsEstimes: number | null;
  /** Σ of the Cnaf's own counts (places / taux × 100), only when it publishes every commune. */
  enfantsCnaf: number | null;
  /**
   * Communes whose places the Cnaf does not publish (no computed rate then), and those whose children are unknown:
   * listed, and counted (a large territory's file computed at build time keeps only the count of a long list: CouvertureResumee).
   */
  manquantesPlaces: string[];
  manquantesEnfants: string[];
  nbManquantesPlaces: number;
  nbManquantesEnfants: number;
}

/**
 * The territory's coverage for one year (see the rules at the top of this file). It reads each
 * commune's cells in place, not through a CouvertureCommune per commune (France: 35 000 communes ×
 * every year at build time, where those rows and their published rates, never read here, were
 * half of the build's figures, measured); the sums run over the communes in the same order.
 */
export function couvertureAnnee(faits: Faits, communes: readonly string[], ids: Ids, annee: string, estimer: Estimateur = estimateur(faits)): CouvertureAnnee {
  const cellules = (base: string) => {
    const s = faits.series[base] ?? {};
    return communes.map((c) => valeur(s[c]?.[annee]));
  };
  const enfants = cellules(BASE_ENFANTS_MOINS3);
  const parts = (places: (number | null)[]) => couvertureAgregee(communes.map((code, k) => ({code, places: places[k], enfantsMoins3Ans: enfants[k]})));
  const total = parts(cellules("caf_places_ensemble"));
  // Σ over every commune, null as soon as one lacks the figure.
  const tous = (f: (code: string) => number | null) => {
    let s = 0;
    for (const c of communes) {
      const v = f(c);
      if (v == null) return null;
      s += v;
    }
    return communes.length ? s : null;
  };
  const cnaf = faits.series.caf_enfants_implicites ?? {};
  const estimes = tous((c) => estimer(c, Number(annee)));
  const publie = tauxPublie(faits, ids, annee);
  const placesParMode: Partial<Record<ModeCaf, number | null>> = {};
  const tauxParMode: Partial<Record<ModeCaf, number | null>> = {};
  const unique = liste(ids).find((id) => faits.publies.caf_txcouv?.[id]?.[annee] != null);
  for (const m of MODES_FEUILLES) {
    const agr = parts(cellules(`caf_places_${m}`));
    placesParMode[m] = agr.places;
    // A territory the Cnaf publishes keeps its published leaves (they need not add up to the global).
    tauxParMode[m] = unique ? valeur(faits.publies[`caf_txcouv_${m}`]?.[unique]?.[annee]) : publie?.origine === "saisie" ? null : agr.tauxCouverture;
  }
  const calcule: Taux | null = total.tauxCouverture == null ? null : {annee, valeur: total.tauxCouverture, origine: "calcule"};
  return {
    annee,
    taux: publie ?? calcule,
    tauxParMode,
    places: total.places,
    placesParMode,
    enfants: total.enfantsMoins3Ans,
    enfantsEstimes: estimes,
    enfantsCnaf: tous((c) => valeur(cnaf[c]?.[annee])),
    manquantesPlaces: total.manquantesPlaces,
    manquantesEnfants: total.manquantesEnfants,
    nbManquantesPlaces: total.manquantesPlaces.length,
    nbManquantesEnfants: total.manquantesEnfants.length
  };
}

export interface CouvertureTerritoire {
  annees: CouvertureAnnee[];
  /** Latest year with a rate (else the latest year with any figure). */
  derniere: CouvertureAnnee | null;
  /** Latest year of the Cnaf series (places known, else not): the places' and communes' year. */
  derniereCnaf: CouvertureAnnee | null;
  /**
   * Children under 3 at the latest year the one figure (enfants-moins3ans.ts) is complete (births may
   * run later than the Cnaf's files): `valeur` as every page shows it, and the Cnaf's count at its latest year.
   */
  enfants: {annee: string; valeur: number; cnaf: number | null; anneeCnaf: string | null; methode: string} | null;
  /** One row per commune (none when computed with `detail: false`: France and the régions, at build time). */
  communes: CouvertureCommune[];
  /** How many communes the territory has (the rows above may be left out). */
  nombreCommunes: number;
  departement: Taux[];
  france: Taux[];
}

/**
 * Everything the petite-enfance page shows for a territory. `detail: false` leaves out the rows per commune
 * (France and the régions, computed at build time: see resumerCouverture).
 */
export function couvertureTerritoire(faits: Faits, communes: readonly string[], ids: Ids, departement: string | null, {detail = true} = {}): CouvertureTerritoire {
  const estimer = estimateur(faits);
  const annees = anneesCouverture(faits, communes, ids).map((a) => couvertureAnnee(faits, communes, ids, a, estimer));
  const derniere = [...annees].reverse().find((a) => a.taux != null) ?? annees.at(-1) ?? null;
  const anneesCnaf = new Set(anneesCouverture(faits, communes, []));
  const derniereCnaf = [...annees].reverse().find((a) => anneesCnaf.has(a.annee) && a.places != null) ?? annees.filter((a) => anneesCnaf.has(a.annee)).at(-1) ?? null;
  const anneeCommunes = derniereCnaf?.annee ?? derniere?.annee;
  return {
    annees,
    derniere,
    derniereCnaf,
    enfants: enfantsRecents(faits, communes, derniereCnaf),
    communes: anneeCommunes && detail ? communes.map((c) => couvertureCommune(faits, c, anneeCommunes, MODES_FEUILLES, estimer)) : [],
    nombreCommunes: communes.length,
    departement: departement ? tauxComparaison(faits, `departement:${departement}`, ids) : [],
    france: tauxComparaison(faits, "france", ids)
  };
}

/** The territory's under-3 figure at its latest complete year, and the Cnaf's own count at its latest year. */
function enfantsRecents(faits: Faits, communes: readonly string[], cnaf: CouvertureAnnee | null): CouvertureTerritoire["enfants"] {
  const annee = derniereAnneeEnfantsMoins3Ans(faits, communes);
  if (annee == null) return null;
  const e = enfantsMoins3AnsTerritoire(faits, communes, annee);
  return {annee, valeur: e.agregat.valeur!, cnaf: cnaf?.enfantsCnaf ?? null, anneeCnaf: cnaf?.enfantsCnaf != null ? cnaf.annee : null, methode: e.methode};
}

/** Longest list of missing communes a page names (beyond it, it counts them): pourquoiSansTaux, the places' card. */
export const MANQUANTES_NOMMEES = 8;

/**
 * France's or a région's coverage as its page reads it from data/agregats/ (computed at build time by
 * couvertureTerritoire, exactly as the browser would from every commune): no rows per commune, a year's
 * missing communes listed only up to MANQUANTES_NOMMEES (always counted), with the names of those listed.
 */
export interface CouvertureResumee extends CouvertureTerritoire {
  noms: Record<string, string>;
}

export function resumerCouverture(c: CouvertureTerritoire, nom: (code: string) => string): CouvertureResumee {
  const court = (codes: string[]) => (codes.length <= MANQUANTES_NOMMEES ? codes : []);
  const annees = c.annees.map((a) => ({...a, manquantesPlaces: court(a.manquantesPlaces), manquantesEnfants: court(a.manquantesEnfants)}));
  const noms = Object.fromEntries(annees.flatMap((a) => [...a.manquantesPlaces, ...a.manquantesEnfants]).map((code) => [code, nom(code)]));
  const meme = (a: CouvertureAnnee | null) => (a ? annees.find((x) => x.annee === a.annee)! : null);
  return {...c, annees, derniere: meme(c.derniere), derniereCnaf: meme(c.derniereCnaf), communes: [], noms};
}

/** The missing communes named when all of them are listed and they are few, else counted: « Aiglun, Barrême (2 sur 45) », « 858 communes sur 946 ». */
export function listerManquantes(codes: readonly string[], nombre: number, total: number, nom: (code: string) => string): string {
  return codes.length === nombre && nombre <= MANQUANTES_NOMMEES ? `${codes.map(nom).join(", ")} (${formatEntier(nombre)} sur ${formatEntier(total)})` : `${formatCommunes(nombre)} sur ${formatEntier(total)}`;
}

/** Why a territory has no rate, in French (null when it has one). */
export function pourquoiSansTaux(a: CouvertureAnnee | null, nombreCommunes: number, nom: (code: string) => string): string | null {
  if (!a) return "Aucun chiffre de couverture de la Cnaf pour ce territoire dans les données chargées (la Cnaf ne publie que les communes de plus de 10 000 habitants).";
  if (a.taux) return null;
  const parts: string[] = [];
  if (a.nbManquantesPlaces) {
    parts.push(`places non publiées par la Cnaf pour ${a.nbManquantesPlaces === nombreCommunes ? "toutes les communes" : listerManquantes(a.manquantesPlaces, a.nbManquantesPlaces, nombreCommunes, nom)}, la Cnaf ne publiant que les communes de plus de 10 000 habitants`);
  }
  if (a.nbManquantesEnfants) parts.push(`enfants de moins de 3 ans inconnus pour ${listerManquantes(a.manquantesEnfants, a.nbManquantesEnfants, nombreCommunes, nom)}`);
  return `Taux non calculable en ${a.annee} : ${parts.join(" ; ")}. Un taux n'est calculé que si les places et les enfants sont connus pour toutes les communes.`;
}

/**
 * The petite-enfance figures of the shared diagnostic that analysts entered (seeds: PAA 2025,
 * Bassin de vie 2017…), computed like the diagnostic does, shown with their source.
 */
export function chiffresSaisis(ctx: ContexteDiagnostic): LigneDiagnostic[] {
  const indicateurs = INDICATEURS.filter((i) => i.section === "petite enfance");
  return indicateurs.map((i) => ligneDiagnostic(i, ctx)).filter((l) => l.valeur.valeur != null && (l.valeur.source != null || indicateur(l.id).source.startsWith("Saisie des analystes")));
}
