// Taux de couverture de l'accueil du jeune enfant (Cnaf / Onape): places of formal
// childcare per 100 children under 3. Browser-safe and pure: the pages, the CLI and
// the loaders share these definitions and formulas.

/** The modes the Cnaf publishes (datasets txcouv_pe_* / nbpla_pe_*), leaves and subtotals. */
export type ModeCaf =
  | "eaje_psu"
  | "eaje_hors_psu"
  | "eaje"
  | "prescolarisation"
  | "assistants_maternels"
  | "garde_domicile"
  | "individuel"
  | "ensemble";

export interface DefinitionModeCaf {
  id: ModeCaf;
  libelle: string;
  /** The published subtotal this leaf belongs to (null for subtotals and the global). */
  parent: ModeCaf | null;
  /** Published aggregate: stored as published, never recomputed from the leaves (rounding). */
  agregat: boolean;
}

export const MODES_CAF: readonly DefinitionModeCaf[] = [
  {id: "eaje_psu", libelle: "EAJE financés par la PSU", parent: "eaje", agregat: false},
  {id: "eaje_hors_psu", libelle: "EAJE hors PSU (micro-crèches Paje)", parent: "eaje", agregat: false},
  {id: "eaje", libelle: "Accueil collectif (EAJE)", parent: "ensemble", agregat: true},
  {id: "prescolarisation", libelle: "Préscolarisation des enfants de 2 ans", parent: "ensemble", agregat: false},
  {id: "assistants_maternels", libelle: "Assistants maternels", parent: "individuel", agregat: false},
  {id: "garde_domicile", libelle: "Salariés à domicile", parent: "individuel", agregat: false},
  {id: "individuel", libelle: "Accueil individuel", parent: "ensemble", agregat: true},
  {id: "ensemble", libelle: "Ensemble des modes d'accueil formels", parent: null, agregat: true}
];

/** The modes of the schéma pluriannuel tables (décret n° 2025-253), each with its unit. */
export type ModeSchema = "eaje_psu" | "micro_creche_paje" | "mam" | "assistants_maternels" | "rpe" | "passerelles";
export type UniteSchema = "places" | "etp" | "dispositifs";

export interface DefinitionModeSchema {
  id: ModeSchema;
  libelle: string;
  unite: UniteSchema;
  /** Which Cnaf mode the planned places count in (null: not childcare places). */
  modeCaf: ModeCaf | null;
}

export const MODES_SCHEMA: readonly DefinitionModeSchema[] = [
  {id: "eaje_psu", libelle: "EAJE financés par la PSU", unite: "places", modeCaf: "eaje_psu"},
  {id: "micro_creche_paje", libelle: "Micro-crèches Paje", unite: "places", modeCaf: "eaje_hors_psu"},
  // MAM places are places of assistants maternels: the Cnaf counts them in am_ind.
  {id: "mam", libelle: "Maisons d'assistants maternels (MAM)", unite: "places", modeCaf: "assistants_maternels"},
  {id: "assistants_maternels", libelle: "Assistants maternels (hors MAM)", unite: "places", modeCaf: "assistants_maternels"},
  {id: "rpe", libelle: "Relais petite enfance (RPE)", unite: "etp", modeCaf: null},
  {id: "passerelles", libelle: "Dispositifs passerelles", unite: "dispositifs", modeCaf: null}
];

/** Schéma modes whose figures are childcare places (they add up to the planned offer). */
export const MODES_SCHEMA_PLACES: readonly ModeSchema[] = MODES_SCHEMA.filter((m) => m.unite === "places").map((m) => m.id);

const absent = (v: number | null | undefined): v is null | undefined => v == null || Number.isNaN(v);

/**
 * Taux de couverture = places / enfants de moins de 3 ans × 100.
 * Null (never 0, never Infinity) when a term is missing or there are no children.
 */
export function tauxCouverture(places: number | null | undefined, enfantsMoins3Ans: number | null | undefined): number | null {
  if (absent(places) || absent(enfantsMoins3Ans) || enfantsMoins3Ans <= 0) return null;
  return (places / enfantsMoins3Ans) * 100;
}

/**
 * Dénominateur implicite = places publiées / taux publié × 100: the number of children
 * under 3 the Cnaf used. The rate is rounded to 0,1, so the result is ± (0,05 / taux)
 * in relative terms (±0,08 % at 60 places per 100). Null when the rate is 0 or missing.
 */
export function enfantsImplicites(places: number | null | undefined, taux: number | null | undefined): number | null {
  if (absent(places) || absent(taux) || taux <= 0) return null;
  return (places / taux) * 100;
}

export interface PartCouverture {
  /** Commune (or any part) code, reported when its figures are missing. */
  code: string;
  places: number | null | undefined;
  enfantsMoins3Ans: number | null | undefined;
}

export interface CouvertureAgregee {
  places: number | null;
  enfantsMoins3Ans: number | null;
  tauxCouverture: number | null;
  /** Parts whose places are missing (the total is then null). */
  manquantesPlaces: string[];
  /** Parts whose number of children is missing (the total is then null). */
  manquantesEnfants: string[];
}

/**
 * Coverage of a group (EPCI, CTG territory, AO): Σ places / Σ enfants × 100, never a mean
 * of the parts' rates (a mean would weight a village like a town). If any part lacks a
 * figure, the corresponding sum and the rate are null and the parts are listed.
 */
export function couvertureAgregee(parts: readonly PartCouverture[]): CouvertureAgregee {
  let places = 0;
  let enfants = 0;
  const manquantesPlaces: string[] = [];
  const manquantesEnfants: string[] = [];
  for (const p of parts) {
    if (absent(p.places)) manquantesPlaces.push(p.code);
    else places += p.places;
    if (absent(p.enfantsMoins3Ans)) manquantesEnfants.push(p.code);
    else enfants += p.enfantsMoins3Ans;
  }
  const sommePlaces = manquantesPlaces.length || parts.length === 0 ? null : places;
  const sommeEnfants = manquantesEnfants.length || parts.length === 0 ? null : enfants;
  return {
    places: sommePlaces,
    enfantsMoins3Ans: sommeEnfants,
    tauxCouverture: tauxCouverture(sommePlaces, sommeEnfants),
    manquantesPlaces,
    manquantesEnfants
  };
}
