// The indicator catalogue: the one definition of every figure the diagnostic shows.
// Pages, exports, the CLI, the methodology page and the tests all read it.
// `base` ids name the per-commune series the warehouse publishes (src/data/fichiers.ts: faits/<dep>.json).

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
  | {type: "ratio"; numerateur: string; denominateur: string; facteur: number; /**
   * Denominator year: "meme" the same year; "anterieure" the latest year ≤ the numerator's; for a
   * legal population (millésime M describes 1 January M, in force on 1 January M + 3), "en_vigueur"
   * the millésime in force on 1 January of the numerator's year (a figure describing 2025 → millésime
   * 2022), "proche" the millésime describing the numerator's year, or the nearest one, "suivante" the
   * millésime describing 1 January of the year after (a stock at 31 December N → millésime N + 1), or the nearest one.
   */ anneeDenominateur: "meme" | "anterieure" | "en_vigueur" | "proche" | "suivante"}
  /**
   * A statistic that cannot be aggregated (a median): only as published for that exact territory.
   * With `groupe`, a rate the publisher computes as Σ numerateur / Σ denominateur: a territory it does
   * not publish gets Σ / Σ × facteur over its communes, only when every commune is published (never a
   * mean of rates); otherwise no figure, and the unpublished communes are listed.
   */
  | {type: "publie"; base: string; groupe?: {numerateur: string; denominateur: string; facteur: number}};

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
// Foyers and personnes couvertes also come from the Cnaf's communal file (s_ben_com_f, 2020 on, all communes, rounded to 5;
// loaders/caf-allocataires-commune.ts): entrepot/faits.ts says which of the two a commune and year take.
const CAF_IRIS_COMMUNE = `${CAF_IRIS} ; Cnaf, foyers allocataires par commune (data.caf.fr, s_ben_com_f, effectifs arrondis à 5)`;
const COUV_IRIS_COMMUNE = "Jusqu'en 2020, fichier à l'IRIS : seules les communes découpées en IRIS (en général plus de 5 000 habitants) y figurent. Le fichier communal de la Cnaf (2020 et après), quand il est chargé, couvre toutes les communes, en effectifs arrondis à 5.";
// Shares of allocataires pair numerator and denominator IRIS by IRIS (entrepot/faits.ts):
// caf_<x>_p / caf_a_p_<x>, so a masked IRIS leaves both.
const partAlloc = (id: string, base: string, libelle: string, definition: string, section: Section): Indicateur => ({
  id, libelle, definition, section, unite: "pourcent",
  calcul: {type: "ratio", numerateur: `${base}_p`, denominateur: `caf_a_p_${base.slice(4)}`, facteur: 100, anneeDenominateur: "meme"},
  source: CAF_IRIS, millesime: "2016–2020", couverture: COUV_IRIS
});

// ─── Petite enfance: Cnaf coverage by mode (loaders/caf-couverture.ts → entrepot/faits.ts) ───
// Places are counts (somme over communes: a group's total is incomplete while a commune the
// Cnaf does not publish — under 10 000 inhabitants — lacks); rates are published figures
// only (publie: a rate is never recomputed from rounded parts); the children the Cnaf used
// are places / taux × 100, approximate. The global rate is `taux_couverture_global` below
// (base caf_txcouv, shared with the analysts' entries). Modes: MODES_CAF in couverture.ts.
const CAF_COUVERTURE = "Cnaf (Onape), taux de couverture et places d'accueil du jeune enfant (data.caf.fr)";
const MILLESIME_COUVERTURE = "2017–2022";
const COUV_COUVERTURE = "La Cnaf ne publie les communes qu'au-dessus de 10 000 habitants : un groupe de petites communes n'a pas de total.";
const LEAVES_COUVERTURE: readonly [mode: string, libelle: string, definition: string][] = [
  ["eaje_psu", "crèches financées par la PSU", "établissements d'accueil du jeune enfant financés par la prestation de service unique (crèches collectives, multi-accueils, crèches familiales et parentales)"],
  ["eaje_hors_psu", "micro-crèches Paje", "établissements d'accueil du jeune enfant non financés par la PSU, surtout des micro-crèches dont les familles perçoivent le complément de mode de garde (Paje)"],
  ["prescolarisation", "école à 2 ans", "enfants de 2 ans scolarisés en maternelle"],
  ["assistants_maternels", "assistants maternels", "capacité théorique des assistants maternels employés par des parents (MAM comprises)"],
  ["garde_domicile", "salariés à domicile", "enfants gardés par un salarié au domicile des parents"]
];
const INDICATEURS_COUVERTURE: readonly Indicateur[] = [
  {id: "places_accueil_formel", libelle: "Places d'accueil formel du jeune enfant", section: "petite enfance", unite: "nombre",
    definition: "Places offertes aux enfants de moins de 3 ans, tous modes d'accueil formels : crèches, micro-crèches, école à 2 ans, assistants maternels, salariés à domicile (total publié par la Cnaf, le numérateur du taux de couverture global).",
    calcul: {type: "somme", base: "caf_places_ensemble"}, source: CAF_COUVERTURE, millesime: MILLESIME_COUVERTURE, couverture: COUV_COUVERTURE},
  ...LEAVES_COUVERTURE.map(([mode, court, definition]): Indicateur => ({
    id: `places_${mode}`, libelle: `Places d'accueil : ${court}`, section: "petite enfance", unite: "nombre",
    definition: `Places offertes aux enfants de moins de 3 ans : ${definition}.`,
    calcul: {type: "somme", base: `caf_places_${mode}`}, source: CAF_COUVERTURE, millesime: MILLESIME_COUVERTURE, couverture: COUV_COUVERTURE
  })),
  ...LEAVES_COUVERTURE.map(([mode, court, definition]): Indicateur => ({
    id: `taux_couverture_${mode}`, libelle: `Taux de couverture : ${court}`, section: "petite enfance", unite: "places100",
    definition: `Places pour 100 enfants de moins de 3 ans : ${definition}. Taux publié par la Cnaf, arrondi à 0,1 : les taux des modes ne s'additionnent pas exactement au taux global.`,
    calcul: {type: "publie", base: `caf_txcouv_${mode}`}, source: CAF_COUVERTURE, millesime: MILLESIME_COUVERTURE, couverture: COUV_COUVERTURE
  })),
  // The one under-3 figure of every page (src/lib/enfants-moins3ans.ts): the Cnaf's count where it publishes, else the calibrated estimate.
  {id: "enfants_moins_3_ans_estimes", libelle: "Enfants de moins de 3 ans (dénominateur de la Cnaf, sinon estimés)", section: "petite enfance", unite: "nombre",
    definition: "Enfants de moins de 3 ans de chaque commune : ceux que la Cnaf a comptés (places publiées / taux publié × 100, approché car le taux est arrondi à 0,1) les années où elle publie la commune ; sinon l'estimation calibrée, naissances domiciliées des années N−2 à N × rapport enfants Cnaf / naissances (celui de la commune, ou celui des communes publiées de même taille). Le même chiffre sur toutes les pages (méthode et précision : page de méthodologie).",
    calcul: {type: "somme", base: "enfants_moins_3_ans"}, source: `${CAF_COUVERTURE} ; INSEE, état civil (naissances) : estimation calibrée`, millesime: "2010–2024"}
];
// ─── end of the Cnaf coverage indicators ───

// ─── Indicators filled by analysts' entries (data/saisies/diagnostic.csv, docs/saisies.md) ───
// Figures the shared diagnostics of CTG quote (annexe 1: seed 000 PAA 2025, seed 002 Bassin
// de vie 2020) that no official file loaded here produces. Counts are `somme` on a base, so
// that commune entries add up and a whole-territory entry is used as is; a share of two
// counts we hold is a `ratio` (derived, never entered); a statistic we cannot rebuild
// (taux de chômage, medians, Caf rates on their own reference population) is `publie`.
// Counts the IRIS files also publish (caf_appa, caf_aaah, caf_aal) keep their Cnaf source.
const SAISIE = "Saisie des analystes (diagnostic CTG)";
const MILLESIME_SAISIE = "années des diagnostics saisis";
const saisi = (id: string, section: Section, unite: Unite, calcul: Calcul, libelle: string, definition: string): Indicateur =>
  ({id, libelle, definition, section, unite, calcul, source: SAISIE, millesime: MILLESIME_SAISIE});
const compte = (id: string, base: string, section: Section, libelle: string, definition: string) =>
  saisi(id, section, "nombre", {type: "somme", base}, libelle, definition);
const part = (id: string, base: string, section: Section, libelle: string, definition: string) =>
  saisi(id, section, "pourcent", {type: "publie", base}, libelle, definition);
const cafIris = (id: string, base: string, section: Section, libelle: string, definition: string): Indicateur =>
  ({id, libelle, definition, section, unite: "nombre", calcul: {type: "somme", base}, source: CAF_IRIS, millesime: "2016–2020", couverture: COUV_IRIS});

const RP_FAMILLES = {source: "INSEE, recensement, couples – familles – ménages à l'IRIS (exploitation complémentaire)", millesime: "RP 2022"};

const INDICATEURS_SAISIS: readonly Indicateur[] = [
  // démographie
  part("part_65_ans_et_plus", "rp_part_65_plus", "démographie", "Part des habitants de 65 ans ou plus", "Habitants âgés de 65 ans ou plus, en % de la population."),
  part("part_moins_18_ans", "rp_part_moins_18", "démographie", "Part des habitants de moins de 18 ans", "Habitants âgés de moins de 18 ans, en % de la population."),
  saisi("indice_jeunesse", "démographie", "nombre", {type: "publie", base: "rp_indice_jeunesse"}, "Indice de jeunesse",
    "Nombre d'habitants de moins de 20 ans pour 100 habitants de 60 ans ou plus : en dessous de 100, les aînés sont plus nombreux que les jeunes."),
  part("taux_solde_naturel", "rp_tx_solde_naturel", "démographie", "Variation annuelle de la population due au solde naturel",
    "Naissances moins décès, en % de la population par an (moyenne sur la période entre deux recensements ; l'année est la fin de la période)."),
  part("taux_solde_migratoire", "rp_tx_solde_migratoire", "démographie", "Variation annuelle de la population due au solde migratoire",
    "Arrivées moins départs d'habitants, en % de la population par an (moyenne sur la période entre deux recensements ; l'année est la fin de la période)."),
  // familles (recensement : tous les ménages, pas seulement les allocataires)
  // Filled since by the census IRIS base too (loaders/insee-rp-familles.ts, entrepot/faits.ts): its source is the INSEE; an entry still shows its own source.
  {...compte("personnes_seules", "rp_personnes_seules", "familles", "Personnes vivant seules", "Personnes qui vivent seules dans leur logement (ménages d'une personne, recensement)."), ...RP_FAMILLES},
  {...compte("couples_sans_enfant", "rp_couples_sans_enfant", "familles", "Couples sans enfant", "Couples qui vivent sans enfant (recensement)."), ...RP_FAMILLES},
  {...compte("familles_monoparentales_rp", "rp_familles_monoparentales", "familles", "Familles monoparentales (recensement)",
    "Un parent qui vit sans conjoint avec au moins un de ses enfants (recensement : toutes les familles, allocataires ou non)."), ...RP_FAMILLES},
  // allocataires et précarité
  part("taux_chomage", "tx_chomage", "allocataires et précarité", "Taux de chômage", "Chômeurs en % des actifs (personnes en emploi ou au chômage)."),
  part("part_allocataires_bas_revenus", "caf_part_bas_revenus", "allocataires et précarité", "Part des foyers allocataires à bas revenus",
    "Foyers allocataires dont le revenu par unité de consommation est sous le seuil de bas revenus de la Cnaf, en % des allocataires, tel que la Caf le publie."),
  part("part_allocataires_fragiles", "caf_part_fragiles", "allocataires et précarité", "Part des foyers allocataires fragiles",
    "Foyers allocataires que la Caf classe comme « fragiles » (au-dessus du seuil de bas revenus grâce aux seules prestations), en % des allocataires, tel que la Caf le publie."),
  part("taux_dependance_50", "caf_tx_dependance_50", "allocataires et précarité", "Foyers dont les prestations font la moitié des revenus (taux publié par la Caf)",
    "Foyers allocataires dont les prestations représentent 50 % ou plus des revenus, en %, tel que la Caf le publie : sa population de référence peut différer de celle de la part calculée sur les fichiers à l'IRIS."),
  part("taux_dependance_100", "caf_tx_dependance_100", "allocataires et précarité", "Foyers qui ne vivent que des prestations (taux publié par la Caf)",
    "Foyers allocataires dont les revenus sont entièrement constitués de prestations, en %, tel que la Caf le publie : sa population de référence peut différer de celle de la part calculée sur les fichiers à l'IRIS."),
  // revenus
  saisi("revenu_median_allocataires", "revenus", "euros", {type: "publie", base: "caf_revenu_median_mensuel"}, "Revenu médian mensuel des allocataires",
    "Revenu mensuel tel que la moitié des foyers allocataires gagne moins, tel que le diagnostic le cite. À ne pas comparer au revenu disponible médian de l'INSEE (annuel, par unité de consommation, tous ménages)."),
  // minima sociaux
  cafIris("prime_activite", "caf_appa", "minima sociaux", "Foyers percevant la prime d'activité", "Foyers allocataires de la prime d'activité."),
  cafIris("aah", "caf_aaah", "minima sociaux", "Allocataires de l'AAH", "Allocataires de l'allocation aux adultes handicapés."),
  // logement
  compte("logements", "rp_logements", "logement", "Logements", "Ensemble des logements : résidences principales, résidences secondaires, logements vacants (recensement)."),
  compte("residences_principales", "rp_residences_principales", "logement", "Résidences principales", "Logements occupés toute l'année par un ménage (recensement)."),
  part("part_proprietaires", "rp_part_proprietaires", "logement", "Part de propriétaires", "Résidences principales occupées par leur propriétaire, en % des résidences principales."),
  compte("logements_sociaux", "logements_sociaux", "logement", "Logements sociaux", "Logements locatifs des bailleurs sociaux."),
  saisi("part_logements_sociaux", "logement", "pourcent", {type: "ratio", numerateur: "logements_sociaux", denominateur: "rp_residences_principales", facteur: 100, anneeDenominateur: "meme"},
    "Part de logements sociaux", "Logements sociaux rapportés aux résidences principales de la même année."),
  cafIris("aide_logement", "caf_aal", "logement", "Foyers percevant une aide au logement", "Foyers allocataires d'une aide au logement (ALF, ALS ou APL)."),
  part("part_taux_effort_40", "caf_part_effort_40", "logement", "Part des allocataires dont le taux d'effort dépasse 40 %",
    "Allocataires dont la dépense de logement restant à leur charge après l'aide au logement dépasse 40 % de leurs ressources, en %, tel que la Caf le publie."),
  part("part_impayes_logement", "caf_part_impayes", "logement", "Part des allocataires en impayé de logement", "Allocataires en impayé de loyer ou de remboursement de prêt signalé à la Caf, en %, tel que la Caf le publie."),
  // parentalité
  compte("familles_allocataires", "caf_familles", "parentalité", "Familles allocataires", "Foyers allocataires ayant au moins un enfant à charge (couples avec enfants et familles monoparentales)."),
  part("part_monoparentales_familles", "caf_part_monoparentales_familles", "parentalité", "Part des familles monoparentales parmi les familles allocataires",
    "Familles monoparentales en % des familles allocataires, tel que la Caf le publie."),
  part("part_familles_bas_revenus", "caf_part_familles_bas_revenus", "parentalité", "Part des familles allocataires à bas revenus",
    "Familles allocataires sous le seuil de bas revenus de la Cnaf, en % des familles allocataires, tel que la Caf le publie."),
  part("part_monoparentales_bas_revenus", "caf_part_monoparentales_bas_revenus", "parentalité", "Part des familles monoparentales allocataires à bas revenus",
    "Familles monoparentales allocataires sous le seuil de bas revenus de la Cnaf, en % des familles monoparentales allocataires, tel que la Caf le publie."),
  compte("clas", "clas", "parentalité", "Contrats locaux d'accompagnement à la scolarité (CLAS)", "Actions d'accompagnement à la scolarité financées par la Caf au titre du CLAS."),
  compte("laep", "laep", "parentalité", "Lieux d'accueil enfants-parents (LAEP)", "Lieux où de jeunes enfants viennent jouer avec un parent et rencontrer d'autres familles."),
  compte("mediation_familiale", "mediation_familiale", "parentalité", "Services de médiation familiale", "Services qui aident les parents en conflit ou en séparation à trouver des accords."),
  // petite enfance
  compte("enfants_moins_3_ans", "pop_moins_3", "petite enfance", "Enfants de moins de 3 ans", "Enfants de moins de 3 ans qui résident sur le territoire (tous, pas seulement ceux couverts par la Caf)."),
  compte("paje", "caf_apaje", "petite enfance", "Foyers percevant la PAJE", "Foyers allocataires de la prestation d'accueil du jeune enfant (naissance, allocation de base, complément de mode de garde…)."),
  saisi("part_paje", "petite enfance", "pourcent", {type: "ratio", numerateur: "caf_apaje", denominateur: "caf_a", facteur: 100, anneeDenominateur: "meme"},
    "Part des allocataires percevant la PAJE", "Foyers percevant la prestation d'accueil du jeune enfant rapportés aux foyers allocataires de la même année."),
  part("part_parents_emploi", "tx_parents_emploi", "petite enfance", "Taux d'emploi des parents de jeunes enfants",
    "Parents de jeunes enfants qui ont un emploi, en %, tel que le diagnostic le cite."),
  part("part_parents_isoles_emploi", "tx_parents_isoles_emploi", "petite enfance", "Taux d'emploi des parents isolés de jeunes enfants",
    "Parents élevant seuls de jeunes enfants qui ont un emploi, en %, tel que le diagnostic le cite."),
  compte("eaje", "eaje", "petite enfance", "Établissements d'accueil du jeune enfant (EAJE)", "Crèches, multi-accueils et micro-crèches."),
  compte("places_eaje", "places_eaje", "petite enfance", "Places en EAJE", "Places agréées dans les établissements d'accueil du jeune enfant."),
  compte("assistants_maternels", "assistants_maternels", "petite enfance", "Assistants maternels", "Assistants maternels agréés qui exercent sur le territoire (des personnes, pas des places)."),
  compte("rpe", "rpe", "petite enfance", "Relais petite enfance (RPE)", "Relais qui informent les familles et accompagnent les assistants maternels (anciens relais assistants maternels, RAM)."),
  // Rate published by the Cnaf (Onape); the petite-enfance loaders will publish it under the same base.
  // Published by the Cnaf per commune since the coverage block above (caf_txcouv): its source is the Cnaf; an entry still shows its own source.
  {...saisi("taux_couverture_global", "petite enfance", "places100", {type: "publie", base: "caf_txcouv", groupe: {numerateur: "caf_places_ensemble", denominateur: "caf_enfants_implicites", facteur: 100}},
    "Taux de couverture global en accueil du jeune enfant",
    "Places d'accueil formel (crèches, micro-crèches, assistants maternels, salariés à domicile, école à 2 ans) pour 100 enfants de moins de 3 ans. Une offre théorique : une place peut être vacante ou partagée entre plusieurs enfants."),
    source: CAF_COUVERTURE, millesime: MILLESIME_COUVERTURE, couverture: COUV_COUVERTURE},
  // enfance-jeunesse
  compte("jeunes_moins_25_ans", "pop_moins_25", "enfance-jeunesse", "Jeunes de moins de 25 ans", "Habitants âgés de moins de 25 ans."),
  compte("enfants_aeeh", "caf_aeeh", "enfance-jeunesse", "Enfants bénéficiaires de l'AEEH", "Enfants pour lesquels une famille perçoit l'allocation d'éducation de l'enfant handicapé."),
  // cohésion sociale
  compte("centres_sociaux", "centres_sociaux", "cohésion sociale", "Centres sociaux", "Centres sociaux agréés par la Caf."),
  compte("evs", "evs", "cohésion sociale", "Espaces de vie sociale (EVS)", "Espaces de vie sociale agréés par la Caf : structures associatives de proximité, plus petites qu'un centre social.")
];
// ─── end of the indicators filled by analysts' entries ───

// ─── Census age groups (INSEE TD_POP1B by single year of age: loaders/insee-pop-age.ts → entrepot/faits.ts) ───
// Computed for any territory from the census file (sums of communes; shares and the youth index as
// ratios of sums, numerator and denominator from the same census), next to the analysts' entries of
// the same figures (part_65_ans_et_plus, part_moins_18_ans, indice_jeunesse, enfants_moins_3_ans),
// which stay: they quote the diagnostics as printed. Ids end in _rp (recensement).
const RP_AGE = "INSEE, recensement de la population, population par sexe et âge détaillé (POP1B)";
const MILLESIME_RP_AGE = "RP 2020–2021";
const ageRp = (id: string, section: Section, unite: Unite, calcul: Calcul, libelle: string, definition: string): Indicateur =>
  ({id, libelle, definition, section, unite, calcul, source: RP_AGE, millesime: MILLESIME_RP_AGE});
const rapportRp = (numerateur: string, denominateur: string): Calcul => ({type: "ratio", numerateur, denominateur, facteur: 100, anneeDenominateur: "meme"});
const INDICATEURS_RECENSEMENT: readonly Indicateur[] = [
  ageRp("enfants_moins_3_ans_rp", "petite enfance", "nombre", {type: "somme", base: "pop_moins3"}, "Enfants de moins de 3 ans (recensement)",
    "Enfants de 0, 1 ou 2 ans révolus qui résident sur le territoire, tels que le recensement les estime (tous, pas seulement ceux couverts par la Caf)."),
  ageRp("part_moins_18_ans_rp", "démographie", "pourcent", rapportRp("pop_moins18", "pop_totale_rp"), "Part des habitants de moins de 18 ans (recensement)",
    "Habitants âgés de moins de 18 ans, en % de la population du même recensement."),
  ageRp("part_65_ans_et_plus_rp", "démographie", "pourcent", rapportRp("pop_65_plus", "pop_totale_rp"), "Part des habitants de 65 ans ou plus (recensement)",
    "Habitants âgés de 65 ans ou plus, en % de la population du même recensement."),
  ageRp("indice_jeunesse_rp", "démographie", "nombre", rapportRp("pop_moins20", "pop_60_plus"), "Indice de jeunesse (recensement)",
    "Habitants de moins de 20 ans pour 100 habitants de 60 ans ou plus, au même recensement : en dessous de 100, les aînés sont plus nombreux que les jeunes.")
];
// ─── end of the census age indicators ───

export const INDICATEURS: readonly Indicateur[] = [
  {id: "population_municipale", libelle: "Population municipale", section: "démographie", unite: "habitants",
    definition: "Personnes ayant leur résidence habituelle sur le territoire (populations légales).",
    calcul: {type: "somme", base: "pop_mun"}, source: "INSEE, populations légales", millesime: "2019–2023"},
  {id: "naissances", libelle: "Naissances domiciliées", section: "démographie", unite: "nombre",
    definition: "Enfants nés vivants dans l'année dont la mère réside sur le territoire.",
    calcul: {type: "somme", base: "naissances"}, source: "INSEE, état civil", millesime: "2008–2024"},
  {id: "natalite", libelle: "Taux de natalité", section: "démographie", unite: "pour1000",
    definition: "Naissances de l'année pour 1 000 habitants (population municipale du millésime décrivant cette année, sinon du millésime le plus proche, indiqué).",
    calcul: {type: "ratio", numerateur: "naissances", denominateur: "pop_mun", facteur: 1000, anneeDenominateur: "proche"},
    source: "INSEE, état civil et populations légales", millesime: "2019–2024"},
  // Area: not in the referential; the spherical area of the contours loaded (loaders/lib/surface.ts). An EPCI or a
  // département takes its own contour; a commune or a group of communes Σ of its communes' contours, only when every
  // one has a contour (IGN, communes of 04 and 06); else n.d.
  {id: "densite", libelle: "Densité de population", section: "démographie", unite: "parkm2",
    definition: "Population municipale rapportée à la surface du territoire (habitants par km²). Surface sphérique du contour chargé (aire sur la sphère de rayon 6 371,0088 km) : celui de l'EPCI ou du département (géographie 2025), sinon la somme des contours de ses communes ; des contours simplifiés pour les cartes, à ±2 % de la surface officielle.",
    calcul: {type: "publie", base: "densite", groupe: {numerateur: "pop_mun", denominateur: "surface", facteur: 1}},
    source: "INSEE, populations légales ; surfaces calculées sur les contours IGN ADMIN EXPRESS (EPCI et départements de métropole 2025 ; communes des Alpes-de-Haute-Provence et des Alpes-Maritimes 2018)", millesime: "2019–2023",
    couverture: "Surface connue pour les EPCI et départements de métropole et pour les communes dont le contour est chargé (Alpes-de-Haute-Provence, Alpes-Maritimes) : ailleurs n.d."},
  {id: "part_moins_3_ans", libelle: "Part des enfants de moins de 3 ans", section: "démographie", unite: "pourcent",
    definition: "Enfants de moins de 3 ans au 31 décembre (le dénominateur de la Cnaf là où elle publie la commune, sinon les naissances des trois dernières années corrigées par le rapport enfants Cnaf / naissances : le chiffre de la page petite enfance) en % de la population municipale du millésime décrivant le 1er janvier suivant, sinon du millésime le plus proche (indiqué).",
    calcul: {type: "ratio", numerateur: "enfants_moins_3_ans", denominateur: "pop_mun", facteur: 100, anneeDenominateur: "suivante"},
    source: "INSEE, état civil (naissances domiciliées) et populations légales ; Cnaf, taux de couverture (calibrage de l'estimation)", millesime: "2010–2024"},
  {id: "allocataires", libelle: "Foyers allocataires", section: "allocataires et précarité", unite: "nombre",
    definition: "Foyers percevant au moins une prestation de la Caf au 31 décembre.",
    calcul: {type: "somme", base: "caf_a"}, source: CAF_IRIS_COMMUNE, millesime: "2016–2023", couverture: COUV_IRIS_COMMUNE},
  {id: "personnes_couvertes", libelle: "Personnes couvertes", section: "allocataires et précarité", unite: "nombre",
    definition: "Allocataires, conjoints, enfants et autres personnes à charge.",
    calcul: {type: "somme", base: "caf_percou"}, source: CAF_IRIS_COMMUNE, millesime: "2016–2023", couverture: COUV_IRIS_COMMUNE},
  {id: "part_population_couverte", libelle: "Part de la population couverte par la Caf", section: "allocataires et précarité", unite: "pourcent",
    definition: "Personnes couvertes rapportées à la population municipale en vigueur au 1er janvier de l'année (chiffre de 2025 : millésime 2022).",
    calcul: {type: "ratio", numerateur: "caf_percou", denominateur: "pop_mun", facteur: 100, anneeDenominateur: "en_vigueur"},
    source: `${CAF_IRIS_COMMUNE} ; INSEE, populations légales`, millesime: "2016–2023", couverture: COUV_IRIS_COMMUNE},
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
    calcul: {type: "publie", base: "filo_ppsoc"}, source: "INSEE, Filosofi", millesime: "2019"},
  ...INDICATEURS_SAISIS,
  ...INDICATEURS_RECENSEMENT,
  ...INDICATEURS_COUVERTURE
];

const parId = new Map(INDICATEURS.map((i) => [i.id, i]));

export function indicateur(id: string): Indicateur {
  const i = parId.get(id);
  if (!i) throw new Error(`Indicateur inconnu : ${id}`);
  return i;
}

/** The base series an indicator reads (a published rate's group fallback included). */
export function basesDe(i: Indicateur): string[] {
  const c = i.calcul;
  if (c.type === "ratio") return [c.numerateur, c.denominateur];
  return c.type === "publie" && c.groupe ? [c.base, c.groupe.numerateur, c.groupe.denominateur] : [c.base];
}
