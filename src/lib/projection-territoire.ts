// Projection 2026–2030 of a territory and of each of its autorités organisatrices (AO):
// the schéma pluriannuel tables as the convention prints them, the scenario the user
// chose (read from and written to the URL, or given to the CLI), and the projections of
// projection.ts for every AO and for the whole. Browser-safe and pure.
//
// Two steps, so that moving a control only redoes the cheap one:
//   preparerProjection(): sums births and the places outside the schéma per AO (once per territory);
//   projeterTerritoire(): the scenario's projection for every AO and the whole (each control change).
import {valeurCellule as lireCellule} from "./agregation.js";
import {MODES_SCHEMA, MODES_SCHEMA_PLACES, type ModeSchema, type UniteSchema} from "./couverture.js";
import type {Faits} from "./diagnostic.js";
import {decrireMethodes, enfantsMoins3Ans, indexerNaissances, type NaissancesAnnee} from "./estimation-moins3ans.js";
import type {ErreursProjection} from "./validation-moins3ans.js";
import {BASE_ENFANTS_MOINS3, enfantsMoins3AnsTerritoire} from "./enfants-moins3ans.js";
import {ANNEES_SCHEMA, projeterCouverture, type AnneeProjection, type CalibrationZone, type Cible, type PlacesPrevues, type Projection, type ScenarioNaissances} from "./projection.js";
import {tauxReference, type Taux} from "./petite-enfance.js";

// ─── The schéma pluriannuel, as loaded (table schema_pluriannuel, src/data/fichiers.ts: schema-pluriannuel.json) ───

export interface LigneSchema {
  territoire: string;
  ao: string;
  type_ao: "commune" | "epci";
  mode: ModeSchema;
  unite: UniteSchema;
  /** "actuel" or a year 2026…2030. */
  periode: string;
  valeur: number | null;
  nb_structures: number | null;
  besoins_emplois: string | null;
  autres_besoins: string | null;
  projets: string | null;
  couts_calendrier: string | null;
  ingenierie: string | null;
  source: string;
  note: string | null;
}

export interface LigneTableauSchema {
  mode: ModeSchema;
  libelle: string;
  unite: UniteSchema;
  nbStructures: number | null;
  /** « Nb de places ou d'ETP » today (null: not printed or unreadable). */
  actuel: number | null;
  /** Year → planned figure (absent: empty cell; null: unreadable). */
  annees: Record<number, number | null>;
  besoinsEmplois: string | null;
  autresBesoins: string | null;
  projets: string | null;
  coutsCalendrier: string | null;
  ingenierie: string | null;
  notes: string[];
}

export interface TableauSchema {
  ao: string;
  typeAo: "commune" | "epci";
  source: string;
  lignes: LigneTableauSchema[];
}

/** The territory id a schéma row names: "ctg-paa" → groupe:ctg-paa, a SIREN → epci:…, a commune code → commune:…. */
export function idTerritoireSchema(territoire: string): string {
  if (/^\d{9}$/.test(territoire)) return `epci:${territoire}`;
  if (/^[0-9][0-9AB]\d{3}$/.test(territoire)) return `commune:${territoire}`;
  return `groupe:${territoire}`;
}

const texte = (a: string | null, b: string | null) => a ?? b;

/** The tables of the territory (rows whose territory is one of `ids`), one per AO, modes in the decree's order. */
export function tableauxSchema(lignes: readonly LigneSchema[], ids: readonly string[]): TableauSchema[] {
  const voulus = new Set(ids);
  const parAo = new Map<string, TableauSchema>();
  const ordre = new Map(MODES_SCHEMA.map((m, k) => [m.id, k]));
  for (const l of lignes) {
    if (!voulus.has(idTerritoireSchema(l.territoire))) continue;
    let t = parAo.get(l.ao);
    if (!t) parAo.set(l.ao, (t = {ao: l.ao, typeAo: l.type_ao, source: l.source, lignes: []}));
    let m = t.lignes.find((x) => x.mode === l.mode);
    if (!m) {
      const def = MODES_SCHEMA.find((d) => d.id === l.mode)!;
      m = {mode: l.mode, libelle: def.libelle, unite: l.unite, nbStructures: null, actuel: null, annees: {}, besoinsEmplois: null, autresBesoins: null, projets: null, coutsCalendrier: null, ingenierie: null, notes: []};
      t.lignes.push(m);
    }
    if (l.periode === "actuel") m.actuel = l.valeur;
    else m.annees[Number(l.periode)] = l.valeur;
    m.nbStructures ??= l.nb_structures;
    m.besoinsEmplois = texte(m.besoinsEmplois, l.besoins_emplois);
    m.autresBesoins = texte(m.autresBesoins, l.autres_besoins);
    m.projets = texte(m.projets, l.projets);
    m.coutsCalendrier = texte(m.coutsCalendrier, l.couts_calendrier);
    m.ingenierie = texte(m.ingenierie, l.ingenierie);
    if (l.note && !m.notes.includes(l.note)) m.notes.push(l.note);
  }
  for (const t of parAo.values()) t.lignes.sort((a, b) => ordre.get(a.mode)! - ordre.get(b.mode)!);
  return [...parAo.values()];
}

/** Planned places of a table, in the shape projection.ts reads (every mode; only place modes count there). */
export function placesPrevues(t: TableauSchema): PlacesPrevues[] {
  return t.lignes.flatMap((l) => Object.entries(l.annees).map(([annee, places]) => ({mode: l.mode, annee: Number(annee), places})));
}

// ─── The scenario: defaults, URL and CLI ───

export type TypeScenario = ScenarioNaissances["type"];
export const SCENARIOS: readonly TypeScenario[] = ["tendance", "stable", "variation"];
export type ChoixCible = "departement" | "france" | number;

export interface ParametresScenario {
  scenario: TypeScenario;
  /** Years of published births the trend is fitted on (tendance). */
  annees: number;
  /** Annual % change of births (variation). */
  variation: number;
  cible: ChoixCible;
  /** Mode mix for the gap (shares of any scale). */
  repartition: Partial<Record<ModeSchema, number>>;
  /** Add the places the schéma does not plan (préscolarisation, salariés à domicile), as last published. */
  horsSchema: boolean;
}

export const PARAMETRES_DEFAUT: Readonly<ParametresScenario> = {
  scenario: "tendance",
  annees: 5,
  variation: -1,
  cible: "france",
  repartition: {eaje_psu: 50, assistants_maternels: 50},
  horsSchema: true
};

export const LIMITES = {annees: [2, 15], variation: [-10, 10], cible: [0, 150]} as const;

const nombre = (s: string) => (/^-?\d+([.,]\d+)?$/.test(s.trim()) ? Number(s.trim().replace(",", ".")) : NaN);

/**
 * Reads and checks the scenario (URL parameters or CLI options, same names). Unknown or
 * out-of-range values are errors in French; the page shows them and keeps the default, the
 * CLI stops with them.
 */
export function lireParametres(entree: URLSearchParams | Record<string, string | undefined>): {parametres: ParametresScenario; erreurs: string[]} {
  const get = (k: string) => (entree instanceof URLSearchParams ? entree.get(k) ?? undefined : entree[k]);
  const p: ParametresScenario = {...PARAMETRES_DEFAUT, repartition: {...PARAMETRES_DEFAUT.repartition}};
  const erreurs: string[] = [];
  const s = get("scenario");
  if (s != null) {
    if ((SCENARIOS as readonly string[]).includes(s)) p.scenario = s as TypeScenario;
    else erreurs.push(`Scénario inconnu : « ${s} ». Attendu : ${SCENARIOS.join(", ")}.`);
  }
  const borne = (cle: "annees" | "variation", entier: boolean) => {
    const v = get(cle);
    if (v == null) return;
    const n = nombre(v);
    const [min, max] = LIMITES[cle];
    if (Number.isNaN(n) || (entier && !Number.isInteger(n)) || n < min || n > max) {
      erreurs.push(cle === "annees" ? `Nombre d'années invalide : « ${v} » (un entier de ${min} à ${max}).` : `Variation annuelle invalide : « ${v} » (un pourcentage de ${min} à ${max}).`);
    } else p[cle] = n;
  };
  borne("annees", true);
  borne("variation", false);
  const c = get("cible");
  if (c != null) {
    const n = nombre(c);
    if (c === "departement" || c === "france") p.cible = c;
    else if (!Number.isNaN(n) && n >= LIMITES.cible[0] && n <= LIMITES.cible[1]) p.cible = n;
    else erreurs.push(`Cible inconnue : « ${c} ». Attendu : departement, france ou un nombre de places pour 100 enfants (de ${LIMITES.cible[0]} à ${LIMITES.cible[1]}).`);
  }
  const r = get("repartition");
  if (r != null) {
    const rep: Partial<Record<ModeSchema, number>> = {};
    let ok = true;
    for (const part of r.split(",").filter(Boolean)) {
      const [mode, v] = part.split(":");
      const n = nombre(v ?? "");
      if (!(MODES_SCHEMA_PLACES as readonly string[]).includes(mode!) || Number.isNaN(n) || n < 0) ok = false;
      else if (n > 0) rep[mode as ModeSchema] = n;
    }
    if (ok && Object.keys(rep).length) p.repartition = rep;
    else erreurs.push(`Répartition invalide : « ${r} ». Attendu : mode:part séparés par des virgules, modes ${MODES_SCHEMA_PLACES.join(", ")} (ex. eaje_psu:50,assistants_maternels:50).`);
  }
  const h = get("hors");
  if (h != null) {
    if (h === "0" || h === "1") p.horsSchema = h === "1";
    else erreurs.push(`Paramètre hors invalide : « ${h} » (0 ou 1).`);
  }
  return {parametres: p, erreurs};
}

/** The scenario as URL parameters (only what differs from nothing: every value, so a link is explicit). */
export function parametresUrl(p: ParametresScenario, url: URL): URL {
  const u = new URL(url.href);
  u.searchParams.set("scenario", p.scenario);
  if (p.scenario === "tendance") u.searchParams.set("annees", String(p.annees));
  else u.searchParams.delete("annees");
  if (p.scenario === "variation") u.searchParams.set("variation", String(p.variation));
  else u.searchParams.delete("variation");
  u.searchParams.set("cible", String(p.cible));
  u.searchParams.set("repartition", Object.entries(p.repartition).filter(([, v]) => v! > 0).map(([m, v]) => `${m}:${v}`).join(","));
  u.searchParams.set("hors", p.horsSchema ? "1" : "0");
  return u;
}

export function scenarioNaissances(p: ParametresScenario): ScenarioNaissances {
  return p.scenario === "tendance" ? {type: "tendance", annees: p.annees} : p.scenario === "stable" ? {type: "stable"} : {type: "variation", pourcentAnnuel: p.variation};
}

// ─── Projections of a territory ───

export interface ZoneProjection {
  /** AO code, or "ensemble" for the AO with a table taken together. */
  code: string;
  nom: string;
  communes: readonly string[];
  /** Births summed over the zone's communes; a year with a commune unpublished is null. */
  naissances: NaissancesAnnee[];
  placesPrevues: PlacesPrevues[];
  /** Places outside the schéma (préscolarisation + salariés à domicile) at the last published year. */
  horsSchema: {places: number; annee: string | null; communesConnues: number};
  /** Each commune's factor and share of the zone's births, the latest Cnaf year, and whether most of its births take the model alone; null: raw births. */
  calibration: CalibrationZone | null;
  /** How the children are estimated (French). */
  methode: string;
  /** The one under-3 figure (enfants-moins3ans.ts) of each year it is known for every commune: what a year with observed births shows. */
  enfantsObserves: Map<number, number>;
}

export interface PreparationProjection {
  zones: ZoneProjection[];
  /** AO of the territory without a schéma table (left out of the whole). */
  sansTableau: {code: string; nom: string}[];
  cibles: {departement: Taux | null; france: Taux | null};
  /** The validation's errors by horizon: the projections' band (absent: no band). */
  erreurs?: ErreursProjection;
}


function naissancesZone(faits: Faits, communes: readonly string[]): NaissancesAnnee[] {
  const serie = faits.series.naissances ?? {};
  const annees = new Set<string>();
  for (const c of communes) for (const a of Object.keys(serie[c] ?? {})) annees.add(a);
  return [...annees].sort().map((a) => {
    let somme = 0;
    for (const c of communes) {
      const v = lireCellule(serie[c]?.[a]);
      if (v == null) return {annee: Number(a), naissances: null};
      somme += v;
    }
    return {annee: Number(a), naissances: somme};
  });
}

function horsSchemaZone(faits: Faits, communes: readonly string[]): ZoneProjection["horsSchema"] {
  const pre = faits.series.caf_places_prescolarisation ?? {};
  const gad = faits.series.caf_places_garde_domicile ?? {};
  const annees = new Set<string>();
  for (const c of communes) for (const a of Object.keys(pre[c] ?? {})) annees.add(a);
  const annee = [...annees].sort().at(-1) ?? null;
  if (!annee) return {places: 0, annee: null, communesConnues: 0};
  let places = 0;
  let communesConnues = 0;
  for (const c of communes) {
    const p = lireCellule(pre[c]?.[annee]);
    const g = lireCellule(gad[c]?.[annee]);
    if (p == null && g == null) continue;
    places += (p ?? 0) + (g ?? 0);
    communesConnues++;
  }
  return {places, annee, communesConnues};
}

/** The zone's one under-3 figure, every year it is complete (the same Σ the diagnostic and the petite-enfance page show). */
function enfantsObservesZone(faits: Faits, zone: readonly string[]): Map<number, number> {
  // In code order, as territories list their communes: the same additions, to the last bit, as the other pages.
  const communes = [...zone].sort();
  const serie = faits.series[BASE_ENFANTS_MOINS3] ?? {};
  const annees = new Set<string>();
  for (const c of communes) for (const a of Object.keys(serie[c] ?? {})) annees.add(a);
  const m = new Map<number, number>();
  for (const a of [...annees].sort()) {
    const v = enfantsMoins3AnsTerritoire(faits, communes, a).agregat;
    if (v.valeur != null && !v.manquantes.length) m.set(Number(a), v.valeur);
  }
  return m;
}

/**
 * The zone's calibration: each commune's factor and its share of the zone's births N−2..N at
 * the latest year every commune's births are published, so that the projection can run on
 * the zone's summed births (facteurZone). Null when a commune has no factor or no births.
 */
function calibrationZone(faits: Faits, communes: readonly string[], naissances: readonly NaissancesAnnee[]): ZoneProjection["calibration"] {
  const facteurs = communes.map((c) => faits.calibration?.[c]);
  if (!communes.length || facteurs.some((f) => !f)) return null;
  const derniere = naissances.filter((n) => n.naissances != null).at(-1)?.annee;
  if (derniere == null) return null;
  const brut = (c: string) => enfantsMoins3Ans(indexerNaissances(naissancesZone(faits, [c])), derniere).enfantsMoins3Ans;
  const bruts = communes.map(brut);
  if (bruts.some((b) => b == null)) return null;
  const total = bruts.reduce((s: number, b) => s + b!, 0);
  // A zone without births keeps equal shares (its estimate is 0 whatever the factor).
  const part = (k: number) => (total > 0 ? bruts[k]! / total : 1 / communes.length);
  const mutualises = bruts.reduce((s: number, b, k) => s + (facteurs[k]!.methode === "commune" ? 0 : b!), 0);
  return {communes: communes.map((_, k) => ({facteur: facteurs[k]!, part: part(k)})), annee: Math.max(...facteurs.map((f) => f!.annee)), mutualise: mutualises > total / 2};
}

export interface EntreeProjection {
  faits: Faits;
  /** The territory: projected alone (children and places needed, no planned places) when no AO has a table. */
  territoire: {nom: string; communes: readonly string[]};
  /** The territory's AO (fiche.autoritesOrganisatrices.lignes): code, name, communes. */
  aos: readonly {code: string; nom: string; communes: readonly string[]}[];
  tableaux: readonly TableauSchema[];
  cibles: {departement: Taux | null; france: Taux | null};
  erreurs?: ErreursProjection;
}

/** What does not depend on the scenario: per-AO births, planned places, places outside the schéma. */
export function preparerProjection(e: EntreeProjection): PreparationProjection {
  const tableaux = new Map(e.tableaux.map((t) => [t.ao, t]));
  const avecTableau = e.aos.filter((a) => tableaux.has(a.code));
  const zone = (code: string, nom: string, communes: readonly string[], prevues: PlacesPrevues[]): ZoneProjection => {
    const naissances = naissancesZone(e.faits, communes);
    const calibration = calibrationZone(e.faits, communes, naissances);
    const methode = calibration ? decrireMethodes(communes.map((c) => e.faits.calibration?.[c])) : "naissances des trois dernières années, sans correction (aucun fichier de couverture de la Cnaf chargé pour ces communes)";
    return {code, nom, communes, naissances, placesPrevues: prevues, horsSchema: horsSchemaZone(e.faits, communes), calibration, methode, enfantsObserves: enfantsObservesZone(e.faits, communes)};
  };
  const zones = avecTableau.map((a) => zone(a.code, a.nom, a.communes, placesPrevues(tableaux.get(a.code)!)));
  if (zones.length > 1) {
    zones.unshift(zone("ensemble", "Ensemble des autorités organisatrices", avecTableau.flatMap((a) => a.communes), zones.flatMap((z) => z.placesPrevues)));
  }
  if (zones.length === 0) {
    // No table at all: the territory alone, to project its children and the places a target needs.
    return {zones: [zone("territoire", e.territoire.nom, e.territoire.communes, [])], sansTableau: [], cibles: e.cibles, erreurs: e.erreurs};
  }
  return {zones, sansTableau: e.aos.filter((a) => !tableaux.has(a.code)).map((a) => ({code: a.code, nom: a.nom})), cibles: e.cibles, erreurs: e.erreurs};
}

/** Page and CLI alike: a territory's tables, and its preparation with the département and national targets. */
export function preparerTerritoire(o: {
  faits: Faits;
  territoire: {id: string; nom: string; communes: readonly string[]};
  /** Published territories with the same communes (territoire.ts `equivalents`). */
  equivalents: readonly string[];
  departement: string | null;
  aos: EntreeProjection["aos"];
  lignesSchema: readonly LigneSchema[];
  erreurs?: ErreursProjection;
}): {tableaux: TableauSchema[]; prep: PreparationProjection} {
  const pour = [o.territoire.id, ...o.equivalents];
  const tableaux = tableauxSchema(o.lignesSchema, pour);
  const cibles = {departement: o.departement ? tauxReference(o.faits, `departement:${o.departement}`, pour) : null, france: tauxReference(o.faits, "france", pour)};
  return {tableaux, prep: preparerProjection({faits: o.faits, territoire: o.territoire, aos: o.aos, tableaux, cibles, erreurs: o.erreurs})};
}

/** A year of a zone: the projection's year (band included), with the schéma's own places and the target. */
export interface AnneeZone extends AnneeProjection {
  /** Σ of the schéma's planned places (place modes only); placesPrevues = placesSchema + placesHorsSchema. */
  placesSchema: number | null;
  placesHorsSchema: number;
  tauxCible: number | null;
}

export interface ResultatZone {
  code: string;
  nom: string;
  annees: AnneeZone[];
  naissances: Projection["naissances"];
  horsSchema: ZoneProjection["horsSchema"] & {compte: boolean; communes: number};
  /** How the children are estimated (French). */
  methode: string;
  avertissements: string[];
}

export interface ResultatProjection {
  parametres: ParametresScenario;
  cible: Cible | null;
  /** Why there is no target (French), when the chosen one is not in the loaded data. */
  cibleManquante: string | null;
  zones: ResultatZone[];
  sansTableau: PreparationProjection["sansTableau"];
}

export function cibleDe(p: ParametresScenario, cibles: PreparationProjection["cibles"]): {cible: Cible | null; manquante: string | null} {
  if (typeof p.cible === "number") return {cible: {origine: "choisie", taux: p.cible, libelle: "taux choisi"}, manquante: null};
  const t = cibles[p.cible];
  const nom = p.cible === "departement" ? "du département" : "de la France";
  if (!t) return {cible: null, manquante: `Taux de couverture ${nom} non disponible dans les données chargées : choisissez une autre cible.`};
  const origine = t.origine === "saisie" ? `saisie des analystes : ${t.source}` : "publié par la Cnaf";
  return {cible: {origine: p.cible, taux: t.valeur, libelle: `taux ${nom} en ${t.annee}, ${origine}`}, manquante: null};
}

/** Every zone's projection under one scenario: what the page recomputes on each control change (`annees`: the schéma's, or others for a check). */
export function projeterTerritoire(prep: PreparationProjection, p: ParametresScenario, annees: readonly number[] = ANNEES_SCHEMA): ResultatProjection {
  const {cible, manquante} = cibleDe(p, prep.cibles);
  const scenario = scenarioNaissances(p);
  const zones = prep.zones.map((z): ResultatZone => {
    const hors = p.horsSchema ? z.horsSchema.places : 0;
    // No schéma table: nothing is planned (not 0 places), so no projected rate and no gap.
    const sansSchema = z.placesPrevues.length === 0;
    const r = projeterCouverture({
      naissances: z.naissances, scenario, placesPrevues: z.placesPrevues, placesHorsSchema: hors,
      cible: cible ?? {origine: "choisie", taux: 0}, repartition: cible ? p.repartition : undefined, annees,
      calibration: z.calibration ?? undefined, erreurs: prep.erreurs, enfantsObserves: z.enfantsObserves
    });
    return {
      code: z.code, nom: z.nom,
      annees: r.annees.map((a) => ({
        annee: a.annee, naissances: a.naissances, naissancesObservees: a.naissancesObservees, enfantsMoins3Ans: a.enfantsMoins3Ans,
        horizon: a.horizon, bande: a.bande, enfantsBas: a.enfantsBas, enfantsHaut: a.enfantsHaut,
        placesSchema: a.placesPrevues == null || sansSchema ? null : a.placesPrevues - hors, placesHorsSchema: hors, placesPrevues: sansSchema ? null : a.placesPrevues,
        tauxCouverture: sansSchema ? null : a.tauxCouverture, tauxBas: sansSchema ? null : a.tauxBas, tauxHaut: sansSchema ? null : a.tauxHaut, tauxCible: cible?.taux ?? null,
        placesCibles: cible ? a.placesCibles : null, ecart: cible && !sansSchema ? a.ecart : null,
        ecartBas: cible && !sansSchema ? a.ecartBas : null, ecartHaut: cible && !sansSchema ? a.ecartHaut : null, ecartParMode: cible && !sansSchema ? a.ecartParMode : null,
        manquants: a.manquants
      })),
      naissances: r.naissances,
      horsSchema: {...z.horsSchema, compte: p.horsSchema, communes: z.communes.length},
      methode: z.methode,
      avertissements: sansSchema ? [...r.avertissements, "Aucun schéma pluriannuel saisi pour ce territoire : pas de places prévues."] : r.avertissements
    };
  });
  return {parametres: p, cible, cibleManquante: manquante, zones, sansTableau: prep.sansTableau};
}

/** The scenario, one French phrase per choice (shown above the results, and on paper where controls are hidden). */
export function elementsScenario(r: ResultatProjection): string[] {
  const p = r.parametres;
  const nombre = (v: number) => String(Math.round(v * 10) / 10).replace(".", ",");
  const naissances = p.scenario === "tendance" ? `prolongées selon la tendance des ${p.annees} dernières années publiées`
    : p.scenario === "stable" ? "maintenues au niveau de la dernière année publiée"
    : `en ${p.variation >= 0 ? "hausse" : "baisse"} de ${nombre(Math.abs(p.variation))} % par an après la dernière année publiée`;
  const total = Object.values(p.repartition).reduce((s, v) => s + (v ?? 0), 0);
  const mix = Object.entries(p.repartition).map(([m, v]) => `${MODES_SCHEMA.find((d) => d.id === m)?.libelle ?? m} ${nombre((v! / total) * 100)} %`).join(", ");
  return [
    `Naissances : ${naissances}`,
    r.cible ? `Cible : ${nombre(r.cible.taux)} places pour 100 enfants (${r.cible.libelle})` : "Cible : aucune (non disponible dans les données chargées)",
    `Places à créer réparties : ${mix}`,
    p.horsSchema ? "Places hors schéma (école à 2 ans, salariés à domicile) : comptées au dernier niveau publié par la Cnaf" : "Places hors schéma (école à 2 ans, salariés à domicile) : non comptées"
  ];
}

/** The scenario in one line (exports). */
export const decrireScenario = (r: ResultatProjection): string => `${elementsScenario(r).join(" ; ")}.`;

/**
 * The reading of a zone's band against the target (French): the years whose projected
 * rate range (P10–P90 of the estimate's error) contains the target, where the schéma
 * cannot be said to reach it or not, and the years where the whole range is on one side.
 */
export function lectureBande(z: ResultatZone): string | null {
  const annees = z.annees.filter((a) => a.tauxBas != null && a.tauxHaut != null && a.tauxCible != null);
  if (!annees.length) return null;
  const nombre = (v: number) => String(Math.round(v * 10) / 10).replace(".", ",");
  const croise = annees.filter((a) => a.tauxBas! <= a.tauxCible! && a.tauxCible! <= a.tauxHaut!);
  const dessous = annees.filter((a) => a.tauxHaut! < a.tauxCible!);
  const dessus = annees.filter((a) => a.tauxBas! > a.tauxCible!);
  const liste = (xs: AnneeZone[]) => xs.map((a) => `${a.annee} (${nombre(a.tauxBas!)} à ${nombre(a.tauxHaut!)})`).join(", ");
  const cible = nombre(annees[0]!.tauxCible!);
  const parts = [
    croise.length ? `la fourchette du taux projeté contient la cible de ${cible} en ${liste(croise)} : l'incertitude sur le nombre d'enfants ne permet pas de dire si la cible sera atteinte` : "",
    dessous.length ? `toute la fourchette reste sous la cible en ${liste(dessous)}` : "",
    dessus.length ? `toute la fourchette dépasse la cible en ${liste(dessus)}` : ""
  ].filter(Boolean);
  return `${z.nom} : ${parts.join(" ; ")}.`;
}
