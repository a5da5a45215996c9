// A territory compared with itself over a period (the previous convention's years, by
// default): every indicator at the start and at the end, the change, a reading, and what
// makes the two ends less comparable (another source, another perimeter, another year than
// asked). Also the bilan tables a COPIL reads, first to last year available. Pure.
import {evolutionIndicateur, serieIndicateur, type ContexteDiagnostic, type SerieEvolution} from "./diagnostic.js";
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
  const {annees} = serieIndicateur(indicateur("naissances"), ctx);
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

type Calcule = Extremite & {saisi: boolean; serie: number};

/**
 * The end is the latest figure of the period; the start, the figure of the same series (one source,
 * one perimeter: LigneDiagnostic.series) nearest the period's start: a change is never read across
 * two series. `autre`: a figure of another series the period holds, said instead of a change.
 */
function extremites(i: Indicateur, ctx: ContexteDiagnostic, p: Periode): {debut: Calcule | null; fin: Calcule | null; autre: Calcule | null; annees: string[]; series: SerieEvolution[]} {
  const {evolution, series, calcul} = evolutionIndicateur(i, ctx);
  const valeurs = evolution.filter((e) => e.valeur != null);
  const annees = valeurs.map((v) => v.annee);
  const dans = valeurs.filter((v) => Number(v.annee) >= p.debut - TOLERANCE_DEBUT && Number(v.annee) <= p.fin);
  const f0 = dans[dans.length - 1];
  const siens = dans.filter((v) => v.serie === f0?.serie);
  const d0 = [...siens].reverse().find((v) => Number(v.annee) <= p.debut) ?? siens[0];
  const vers = (x: (typeof valeurs)[number] | undefined): Calcule | null => {
    if (!x) return null;
    const a = calcul(x.annee);
    return {annee: x.annee, valeur: x.valeur!, statut: x.statut, retenues: a.retenues, manquantes: nombreManquantes(a), saisi: x.saisi, serie: x.serie, ...(a.source ? {source: a.source} : {})};
  };
  const seul = d0 === f0;
  return {debut: vers(d0), fin: seul ? null : vers(f0), autre: seul ? vers(dans.filter((v) => v.serie !== f0?.serie).pop()) : null, annees, series};
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

function avertissements(p: Periode, d: Calcule, f: Calcule): string[] {
  const out: string[] = [];
  if (Number(d.annee) !== p.debut || Number(f.annee) !== p.fin) {
    out.push(`Millésimes : ${d.annee} et ${f.annee} au lieu de ${p.debut} et ${p.fin} (années disponibles les plus proches).`);
  }
  // Both ends are of one series (same source, same communes): only a partial perimeter is left to say.
  const commune = (n: number) => `${formatEntier(n)} commune${n > 1 ? "s" : ""}`;
  if (d.statut === "incomplet" || f.statut === "incomplet") {
    out.push(`Périmètre partiel : ${commune(d.retenues)} sur ${formatEntier(d.retenues + d.manquantes)} avec une donnée aux deux dates : l'évolution ne porte que sur ${d.retenues > 1 ? "elles" : "elle"}.`);
  }
  return out;
}

const sansSaisi = ({saisi: _s, serie: _k, ...e}: Calcule): Extremite => e;

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
  const {debut: d, fin: f, autre, annees, series} = extremites(i, ctx, p);
  if (!d || !f) {
    const dispo = annees.length ? `années disponibles : ${annees[0]}${annees.length > 1 ? `–${annees[annees.length - 1]}` : ""}` : "aucune année disponible";
    const libelle = (c: Calcule) => series[c.serie]!.libelle.replace(/^./, (x) => x.toLowerCase());
    const lecture = d && autre
      ? `Pas d'évolution calculable : ${autre.annee} (${libelle(autre)}) et ${d.annee} (${libelle(d)}) sont deux séries distinctes, jamais comparées (${dispo}).`
      : d
      ? `Une seule année connue autour de la période ${p.debut}–${p.fin} (${d.annee}) : pas d'évolution calculable (${dispo}).`
      : `Aucune valeur pour la période ${p.debut}–${p.fin} dans les données chargées (${dispo}).`;
    return {id: i.id, debut: d && sansSaisi(d), fin: null, ecart: null, evolution: null, anneesDisponibles: annees, avertissements: [], lecture};
  }
  const ecart = f.valeur - d.valeur;
  const evolution = d.valeur !== 0 ? (ecart / d.valeur) * 100 : null;
  return {id: i.id, debut: sansSaisi(d), fin: sansSaisi(f), ecart, evolution, anneesDisponibles: annees,
    lecture: lecturePeriode(i, d, f, ecart, evolution), avertissements: avertissements(p, d, f)};
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
  /**
   * One row per indicator, or per series of it (one source, one perimeter: `serie` names it) when it
   * has several: an analysts' entry and partial sums never share a row.
   */
  lignes: {id: string; serie: string | null; valeurs: (number | null)[]; statuts: Statut[]; /** Analyst's entry (another source than the published files). */ saisies: boolean[]}[];
}

export function tableauBilan(def: DefinitionBilan, ctx: ContexteDiagnostic): TableauBilan {
  const parIndicateur = def.indicateurs.map((id) => ({id, ...evolutionIndicateur(indicateur(id), ctx)})).filter((x) => x.series.length);
  const connues = parIndicateur.flatMap((x) => x.evolution.filter((e) => e.valeur != null).map((e) => Number(e.annee)));
  if (!connues.length) return {titre: def.titre, annees: [], lignes: []};
  const [min, max] = [Math.min(...connues), Math.max(...connues)];
  const annees = Array.from({length: max - min + 1}, (_, k) => String(min + k));
  return {
    titre: def.titre,
    annees,
    lignes: parIndicateur.flatMap(({id, evolution, series}) => series.map((serie, k) => {
      // A year's figure in its own series' row; a missing commune's year (no figure) in the first row, never 0.
      const point = (a: string) => evolution.find((e) => e.annee === a && (e.serie === k || (k === 0 && e.serie < 0)));
      return {
        id, serie: series.length > 1 ? serie.libelle : null,
        valeurs: annees.map((a) => point(a)?.valeur ?? null),
        statuts: annees.map((a) => point(a)?.statut ?? "non disponible"),
        saisies: annees.map((a) => point(a)?.saisi ?? false)
      };
    }))
  };
}

export const bilans = (ctx: ContexteDiagnostic, defs: readonly DefinitionBilan[] = BILANS): TableauBilan[] => defs.map((d) => tableauBilan(d, ctx));
