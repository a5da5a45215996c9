// The indicator catalogue: the one definition of every figure the diagnostic shows.
// Pages, exports, the CLI, the methodology page and the tests all read it.
// `base` ids name the per-commune series the warehouse publishes (src/data/faits.zip.ts).

export type Section =
  | "démographie" | "familles" | "allocataires et précarité" | "minima sociaux" | "revenus"
  | "logement" | "parentalité" | "petite enfance" | "enfance-jeunesse" | "cohésion sociale";

export const SECTIONS: readonly Section[] = [
  "démographie", "familles", "allocataires et précarité", "minima sociaux", "revenus",
  "logement", "parentalité", "petite enfance", "enfance-jeunesse", "cohésion sociale"
];

import type {Unite} from "./format.js";
export type {Unite};

/** How a figure is obtained for any territory. */
export type Calcul =
  /** Σ of a count over the member communes. */
  | {type: "somme"; base: string}
  /** Σ numerator / Σ denominator × facteur over the communes where both are known. */
  | {type: "ratio"; numerateur: string; denominateur: string; facteur: number; /** Denominator year: same year, or the latest year ≤ the numerator's. */ anneeDenominateur: "meme" | "anterieure"}
  /** A statistic that cannot be aggregated (a median): only as published for that exact territory. */
  | {type: "publie"; base: string};

export interface Indicateur {
  id: string;
  libelle: string;
  definition: string;
  section: Section;
  unite: Unite;
  calcul: Calcul;
  source: string;
  millesime: string;
  /** Said under the figure when the source covers only some communes. */
  couverture?: string;
}

const CAF_IRIS = "Cnaf, données allocataires à l'IRIS (au 31 décembre)";
const COUV_IRIS = "Fichier à l'IRIS : seules les communes découpées en IRIS (en général plus de 5 000 habitants) y figurent.";
const partAlloc = (id: string, base: string, libelle: string, definition: string, section: Section): Indicateur => ({
  id, libelle, definition, section, unite: "pourcent",
  calcul: {type: "ratio", numerateur: base, denominateur: "caf_a", facteur: 100, anneeDenominateur: "meme"},
  source: CAF_IRIS, millesime: "2016–2020", couverture: COUV_IRIS
});

export const INDICATEURS: readonly Indicateur[] = [
  {id: "population_municipale", libelle: "Population municipale", section: "démographie", unite: "habitants",
    definition: "Personnes ayant leur résidence habituelle sur le territoire (populations légales).",
    calcul: {type: "somme", base: "pop_mun"}, source: "INSEE, populations légales", millesime: "2019–2023"},
  {id: "naissances", libelle: "Naissances domiciliées", section: "démographie", unite: "nombre",
    definition: "Enfants nés vivants dans l'année dont la mère réside sur le territoire.",
    calcul: {type: "somme", base: "naissances"}, source: "INSEE, état civil", millesime: "2008–2024"},
  {id: "natalite", libelle: "Taux de natalité", section: "démographie", unite: "pour1000",
    definition: "Naissances de l'année pour 1 000 habitants (population municipale du dernier millésime connu à cette date).",
    calcul: {type: "ratio", numerateur: "naissances", denominateur: "pop_mun", facteur: 1000, anneeDenominateur: "anterieure"},
    source: "INSEE, état civil et populations légales", millesime: "2019–2024"},
  {id: "allocataires", libelle: "Foyers allocataires", section: "allocataires et précarité", unite: "nombre",
    definition: "Foyers percevant au moins une prestation de la Caf au 31 décembre.",
    calcul: {type: "somme", base: "caf_a"}, source: CAF_IRIS, millesime: "2016–2020", couverture: COUV_IRIS},
  {id: "personnes_couvertes", libelle: "Personnes couvertes", section: "allocataires et précarité", unite: "nombre",
    definition: "Allocataires, conjoints, enfants et autres personnes à charge.",
    calcul: {type: "somme", base: "caf_percou"}, source: CAF_IRIS, millesime: "2016–2020", couverture: COUV_IRIS},
  {id: "part_population_couverte", libelle: "Part de la population couverte par la Caf", section: "allocataires et précarité", unite: "pourcent",
    definition: "Personnes couvertes rapportées à la population municipale (dernier millésime connu à cette date).",
    calcul: {type: "ratio", numerateur: "caf_percou", denominateur: "pop_mun", facteur: 100, anneeDenominateur: "anterieure"},
    source: `${CAF_IRIS} ; INSEE, populations légales`, millesime: "2016–2020", couverture: COUV_IRIS},
  partAlloc("part_isoles", "caf_ai", "Part de personnes isolées parmi les allocataires", "Allocataires isolés sans enfant / allocataires.", "familles"),
  partAlloc("part_monoparentales", "caf_am", "Part de familles monoparentales parmi les allocataires", "Familles monoparentales / allocataires.", "familles"),
  partAlloc("part_couples_sans_enfant", "caf_acssenf", "Part de couples sans enfant parmi les allocataires", "Couples sans enfant / allocataires.", "familles"),
  partAlloc("part_couples_avec_enfants", "caf_acavenf", "Part de couples avec enfant(s) parmi les allocataires", "Couples avec enfant(s) / allocataires.", "familles"),
  partAlloc("part_dependance_50", "caf_apres50", "Allocataires dont les prestations font au moins 50 % des ressources", "Allocataires dont les prestations représentent 50 % ou plus des ressources / allocataires (publié en 2016 et 2017).", "allocataires et précarité"),
  partAlloc("part_dependance_100", "caf_apres100", "Allocataires dont les ressources sont constituées à 100 % de prestations", "Allocataires dont les ressources sont entièrement constituées de prestations / allocataires (publié en 2016 et 2017).", "allocataires et précarité"),
  partAlloc("part_rsa", "caf_arsas", "Part des allocataires percevant le RSA", "Foyers percevant le revenu de solidarité active / allocataires.", "minima sociaux"),
  partAlloc("part_prime_activite", "caf_appa", "Part des allocataires percevant la prime d'activité", "Foyers percevant la prime d'activité / allocataires.", "minima sociaux"),
  partAlloc("part_aah", "caf_aaah", "Part des allocataires percevant l'AAH", "Allocataires de l'allocation aux adultes handicapés / allocataires.", "minima sociaux"),
  partAlloc("part_aide_logement", "caf_aal", "Part des allocataires percevant une aide au logement", "Foyers percevant une aide au logement (ALF, ALS ou APL) / allocataires.", "logement"),
  {id: "rsa", libelle: "Foyers percevant le RSA", section: "minima sociaux", unite: "nombre", definition: "Foyers allocataires du revenu de solidarité active.",
    calcul: {type: "somme", base: "caf_arsas"}, source: CAF_IRIS, millesime: "2016–2020", couverture: COUV_IRIS},
  {id: "familles_monoparentales", libelle: "Familles monoparentales allocataires", section: "parentalité", unite: "nombre", definition: "Allocataires seuls avec enfant(s) à charge.",
    calcul: {type: "somme", base: "caf_am"}, source: CAF_IRIS, millesime: "2016–2020", couverture: COUV_IRIS},
  {id: "enfants_moins_3_allocataires", libelle: "Enfants de moins de 3 ans couverts par la Caf", section: "petite enfance", unite: "nombre",
    definition: "Enfants de moins de 3 ans à charge des allocataires.",
    calcul: {type: "somme", base: "caf_enf_2"}, source: CAF_IRIS, millesime: "2016–2020", couverture: COUV_IRIS},
  {id: "revenu_median", libelle: "Revenu disponible médian par unité de consommation", section: "revenus", unite: "euros",
    definition: "La moitié des personnes vit dans un ménage dont le revenu disponible par unité de consommation est inférieur. Une médiane ne s'additionne pas : elle n'existe que pour les territoires où l'INSEE la publie.",
    calcul: {type: "publie", base: "filo_q2"}, source: "INSEE, Filosofi", millesime: "2019"},
  {id: "part_prestations_sociales", libelle: "Part des prestations sociales dans le revenu disponible", section: "revenus", unite: "pourcent",
    definition: "Prestations sociales (familiales, minima sociaux, logement) en % du revenu disponible des ménages.",
    calcul: {type: "publie", base: "filo_ppsoc"}, source: "INSEE, Filosofi", millesime: "2019"}
];

const parId = new Map(INDICATEURS.map((i) => [i.id, i]));

export function indicateur(id: string): Indicateur {
  const i = parId.get(id);
  if (!i) throw new Error(`Indicateur inconnu : ${id}`);
  return i;
}

/** The base series an indicator reads. */
export function basesDe(i: Indicateur): string[] {
  return i.calcul.type === "ratio" ? [i.calcul.numerateur, i.calcul.denominateur] : [i.calcul.base];
}
