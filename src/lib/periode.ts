// A territory compared with itself over a period (the previous convention's years, by
// default): every indicator at the start and at the end, the change, a reading, and what
// makes the two ends less comparable (another source, another perimeter, another year than
// asked). Also the bilan tables a COPIL reads, first to last year available. Pure.
import {anneesIndicateur, calculer, type ContexteDiagnostic} from "./diagnostic.js";
import {nombreManquantes, type Statut} from "./agregation.js";
import {INDICATEURS, indicateur, type Indicateur} from "./indicateurs.js";
import {formatDecimal, formatEntier, formatValeur} from "./format.js";

export interface Periode {
  debut: number;
  fin: number;
}

/** A convention of a CTG territory (data/territoires/*.json, field `conventions`). */
export interface Convention {
  debut: number;
  fin: number;
}

/** "2021-2024" (or "2021–2024") → {debut: 2021, fin: 2024}; a precise French error otherwise. */
export function lirePeriode(texte: string): Periode {
  const m = /^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$/.exec(texte);
  if (!m) throw new Error(`Période invalide : « ${texte} ». Attendu : AAAA-AAAA, par exemple 2021-2024.`);
  const [debut, fin] = [Number(m[1]), Number(m[2])];
  if (debut >= fin) throw new Error(`Période invalide : « ${texte} » : l'année de début doit précéder l'année de fin.`);
  return {debut, fin};
}

export const textePeriode = (p: Periode) => `${p.debut}-${p.fin}`;

/** Length of a CTG when no convention is known: four years (the seeds' 2021–2024 CTG). */
const DUREE_PAR_DEFAUT = 4;

/**
 * The period a renewal looks back on: the latest convention already over by `derniereAnnee`
 * (the last year of data), else the four years ending with `derniereAnnee`.
 */
export function periodeParDefaut(conventions: readonly Convention[] | undefined, derniereAnnee: number): Periode & {origine: string} {
  const passee = [...(conventions ?? [])].filter((c) => c.fin <= derniereAnnee).sort((a, b) => b.fin - a.fin)[0];
  if (passee) return {debut: passee.debut, fin: passee.fin, origine: `convention précédente (${passee.debut}–${passee.fin})`};
  return {debut: derniereAnnee - DUREE_PAR_DEFAUT + 1, fin: derniereAnnee, origine: `${DUREE_PAR_DEFAUT} dernières années connues`};
}

/** Latest year of the births series for a territory: the reference year of a CTG's figures. */
export function derniereAnneeConnue(ctx: ContexteDiagnostic): number | null {
  const annees = anneesIndicateur(indicateur("naissances"), ctx.faits, ctx.communes, [ctx.id, ...(ctx.equivalents ?? [])]);
  const a = annees[annees.length - 1];
  return a == null ? null : Number(a);
}

/** One end of the period as computed. */
export interface Extremite {
  annee: string;
  valeur: number;
  statut: Statut;
  /** Communes summed (the perimeter the source covers that year). */
  retenues: number;
  manquantes: number;
  /** Source line when the figure is an analyst's entry. */
  source?: string;
}

export interface LignePeriode {
  id: string;
  debut: Extremite | null;
  fin: Extremite | null;
  /** fin − début, in the indicator's unit (points for a percentage). */
  ecart: number | null;
  /** (fin − début) / début × 100; null when the start is 0. */
  evolution: number | null;
  lecture: string;
  avertissements: string[];
  /** Years the indicator has for this territory (said when the period has none). */
  anneesDisponibles: string[];
}

/** A figure at 31 December of the year before the period still describes its start. */
const TOLERANCE_DEBUT = 1;

type Calcule = Extremite & {saisi: boolean};

function extremites(i: Indicateur, ctx: ContexteDiagnostic, p: Periode): {debut: Calcule | null; fin: Calcule | null; annees: string[]} {
  const ids = [ctx.id, ...(ctx.equivalents ?? [])];
  const valeurs = anneesIndicateur(i, ctx.faits, ctx.communes, ids)
    .map((annee) => ({annee, a: calculer(i, ctx.faits, ctx.communes, annee, ids)}))
    .filter((x) => x.a.valeur != null);
  const annees = valeurs.map((v) => v.annee);
  const dans = valeurs.filter((v) => Number(v.annee) >= p.debut - TOLERANCE_DEBUT && Number(v.annee) <= p.fin);
  const d = [...dans].reverse().find((v) => Number(v.annee) <= p.debut) ?? dans[0];
  const f = d ? [...dans].reverse().find((v) => v.annee > d.annee) : undefined;
  const vers = (x: (typeof valeurs)[number] | undefined): Calcule | null =>
    x ? {annee: x.annee, valeur: x.a.valeur!, statut: x.a.statut, retenues: x.a.retenues, manquantes: nombreManquantes(x.a), saisi: x.a.source != null, ...(x.a.source ? {source: x.a.source} : {})} : null;
  return {debut: vers(d), fin: vers(f), annees};
}

/** Units read in points (a difference of two rates), not in % of the start. */
const EN_POINTS = new Set<Indicateur["unite"]>(["pourcent", "places100", "pour1000"]);

function libelleEcart(i: Indicateur, ecart: number): string {
  const abs = Math.abs(ecart);
  if (i.unite === "pourcent") return `${formatDecimal(abs)} point${abs >= 2 ? "s" : ""}`;
  if (i.unite === "pour1000") return `${formatDecimal(abs)} point${abs >= 2 ? "s" : ""} pour 1 000`;
  if (i.unite === "places100") return `${formatDecimal(abs)} place${abs >= 2 ? "s" : ""} pour 100 enfants`;
  return formatValeur(abs, i.unite);
}

function lecturePeriode(i: Indicateur, d: Calcule, f: Calcule, ecart: number, evolution: number | null): string {
  const points = EN_POINTS.has(i.unite);
  const stable = points ? Math.abs(ecart) < 0.5 : evolution != null && Math.abs(evolution) < 1;
  const de = `de ${formatValeur(d.valeur, i.unite)} en ${d.annee} à ${formatValeur(f.valeur, i.unite)} en ${f.annee}`;
  if (stable) return `Stable ${de}.`;
  const sens = ecart > 0 ? "En hausse" : "En baisse";
  const relatif = !points && evolution != null ? ` (${ecart > 0 ? "+" : "−"}${formatDecimal(Math.abs(evolution))} %)` : "";
  return `${sens} de ${libelleEcart(i, ecart)}${relatif}, ${de}.`;
}

function avertissements(i: Indicateur, p: Periode, d: Calcule, f: Calcule): string[] {
  const out: string[] = [];
  if (Number(d.annee) !== p.debut || Number(f.annee) !== p.fin) {
    out.push(`Millésimes : ${d.annee} et ${f.annee} au lieu de ${p.debut} et ${p.fin} (années disponibles les plus proches).`);
  }
  if (d.saisi !== f.saisi) {
    const [saisie, publie] = d.saisi ? [d, f] : [f, d];
    out.push(`Sources différentes : ${saisie.annee} est une saisie des analystes (${saisie.source}), ${publie.annee} vient des fichiers publiés (${i.source}).`);
  } else if (d.saisi && d.source !== f.source) {
    out.push(`Sources différentes : ${d.source} en ${d.annee}, ${f.source} en ${f.annee}.`);
  } else if ((d.statut === "approximatif") !== (f.statut === "approximatif")) {
    const approx = d.statut === "approximatif" ? d : f;
    out.push(`Sources différentes : en ${approx.annee}, valeurs arrondies par l'éditeur (autre fichier que l'autre année).`);
  }
  const commune = (n: number) => `${formatEntier(n)} commune${n > 1 ? "s" : ""}`;
  if (d.retenues !== f.retenues) {
    out.push(`Périmètre différent : ${commune(d.retenues)} avec une donnée en ${d.annee}${d.manquantes ? ` (${formatEntier(d.manquantes)} sans)` : ""}, ${commune(f.retenues)} en ${f.annee}${f.manquantes ? ` (${formatEntier(f.manquantes)} sans)` : ""} : l'évolution mêle changement réel et couverture de la source.`);
  } else if (d.statut === "incomplet" || f.statut === "incomplet") {
    out.push(`Périmètre partiel : ${commune(d.retenues)} sur ${formatEntier(d.retenues + d.manquantes)} avec une donnée aux deux dates : l'évolution ne porte que sur ${d.retenues > 1 ? "elles" : "elle"}.`);
  }
  return out;
}

const sansSaisi = ({saisi: _s, ...e}: Calcule): Extremite => e;

const signe = (v: number) => (v > 0 ? "+" : v < 0 ? "−" : "");

/** The change as a table shows it: points for a rate (« +1,2 pt »), else the change and its % (« −47 (−11,4 %) »). */
export function texteEcart(l: LignePeriode): string {
  const i = indicateur(l.id);
  if (l.ecart == null) return "";
  const abs = Math.abs(l.ecart);
  if (EN_POINTS.has(i.unite)) return `${signe(l.ecart)}${formatDecimal(abs)} pt${i.unite === "pour1000" ? " (‰)" : ""}`;
  return `${signe(l.ecart)}${formatValeur(abs, i.unite)}${l.evolution != null ? ` (${signe(l.evolution)}${formatDecimal(Math.abs(l.evolution))} %)` : ""}`;
}

export function lignePeriode(i: Indicateur, ctx: ContexteDiagnostic, p: Periode): LignePeriode {
  const {debut: d, fin: f, annees} = extremites(i, ctx, p);
  if (!d || !f) {
    const dispo = annees.length ? `années disponibles : ${annees[0]}${annees.length > 1 ? `–${annees[annees.length - 1]}` : ""}` : "aucune année disponible";
    const lecture = d
      ? `Une seule année connue autour de la période ${p.debut}–${p.fin} (${d.annee}) : pas d'évolution calculable (${dispo}).`
      : `Aucune valeur pour la période ${p.debut}–${p.fin} dans les données chargées (${dispo}).`;
    return {id: i.id, debut: d && sansSaisi(d), fin: null, ecart: null, evolution: null, anneesDisponibles: annees, avertissements: [], lecture};
  }
  const ecart = f.valeur - d.valeur;
  const evolution = d.valeur !== 0 ? (ecart / d.valeur) * 100 : null;
  return {id: i.id, debut: sansSaisi(d), fin: sansSaisi(f), ecart, evolution, anneesDisponibles: annees,
    lecture: lecturePeriode(i, d, f, ecart, evolution), avertissements: avertissements(i, p, d, f)};
}

/** Every indicator of the catalogue (or `indicateurs`) over the period. */
export function comparerPeriode(ctx: ContexteDiagnostic, p: Periode, indicateurs: readonly Indicateur[] = INDICATEURS): LignePeriode[] {
  return indicateurs.map((i) => lignePeriode(i, ctx, p));
}

// ─── Bilan tables ───

export interface DefinitionBilan {
  titre: string;
  indicateurs: readonly string[];
}

// The Cnaf coverage indicators of the catalogue (rates and places by mode, bases caf_txcouv* and caf_places_*).
const cnaf = (prefixe: string, base: string) => INDICATEURS.filter((i) => i.id.startsWith(prefixe) && i.calcul.type !== "ratio" && i.calcul.base.startsWith(base)).map((i) => i.id);

/** The tables a COPIL reads before a renewal (catalogue ids). */
export const BILANS: readonly DefinitionBilan[] = [
  {titre: "Population et naissances", indicateurs: ["population_municipale", "naissances", "natalite"]},
  {titre: "Allocataires", indicateurs: ["allocataires", "personnes_couvertes", "part_population_couverte", "familles_monoparentales", "enfants_moins_3_allocataires"]},
  {titre: "Précarité", indicateurs: ["rsa", "part_rsa", "part_prime_activite", "part_aah", "part_aide_logement", "part_dependance_50", "part_dependance_100"]},
  {titre: "Couverture par mode d'accueil", indicateurs: cnaf("taux_couverture_", "caf_txcouv")},
  {titre: "Places d'accueil du jeune enfant", indicateurs: cnaf("places_", "caf_places_")}
];

export interface TableauBilan {
  titre: string;
  /** First to last year any of the table's indicators has. */
  annees: string[];
  lignes: {id: string; valeurs: (number | null)[]; statuts: Statut[]; /** Analyst's entry (another source than the published files). */ saisies: boolean[]}[];
}

export function tableauBilan(def: DefinitionBilan, ctx: ContexteDiagnostic): TableauBilan {
  const ids = [ctx.id, ...(ctx.equivalents ?? [])];
  const parIndicateur = def.indicateurs.map((id) => {
    const i = indicateur(id);
    const annees = anneesIndicateur(i, ctx.faits, ctx.communes, ids);
    return {id, calculs: new Map(annees.map((a) => [a, calculer(i, ctx.faits, ctx.communes, a, ids)] as const))};
  }).filter((x) => [...x.calculs.values()].some((a) => a.valeur != null));
  const connues = parIndicateur.flatMap((x) => [...x.calculs].filter(([, a]) => a.valeur != null).map(([an]) => Number(an)));
  if (!connues.length) return {titre: def.titre, annees: [], lignes: []};
  const [min, max] = [Math.min(...connues), Math.max(...connues)];
  const annees = Array.from({length: max - min + 1}, (_, k) => String(min + k));
  return {
    titre: def.titre,
    annees,
    lignes: parIndicateur.map(({id, calculs}) => ({
      id,
      valeurs: annees.map((a) => calculs.get(a)?.valeur ?? null),
      statuts: annees.map((a) => calculs.get(a)?.statut ?? "non disponible"),
      saisies: annees.map((a) => calculs.get(a)?.source != null)
    }))
  };
}

export const bilans = (ctx: ContexteDiagnostic, defs: readonly DefinitionBilan[] = BILANS): TableauBilan[] => defs.map((d) => tableauBilan(d, ctx));
