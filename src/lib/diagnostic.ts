// The annexe-1 diagnostic of a territory: every catalogue indicator, its latest value,
// its evolution, the département and France values, the per-commune breakdown and a
// one-line reading. Pure: the same function runs in the browser and in the CLI.
import type {FacteurMoins3} from "./estimation-moins3ans.js";
import {anneesDisponibles, anneesMemorisees, empreinteManquantes, nombreManquantes, ratio, resumer, somme, type Agregat, type AgregatResume, type Cellule, type Memoire, type SerieCommunale, memoirePour} from "./agregation.js";
import {INDICATEURS, SECTIONS, basesDe, type Indicateur, type Section} from "./indicateurs.js";
import {lecture} from "./lecture.js";
export {couvreTerritoire, textePerimetre, type Perimetre, type SerieEvolution};
import {dansChampPopulationsLegales} from "./referentiel.js";
import {couvreTerritoire, textePerimetre, type Perimetre, type SerieEvolution} from "./perimetre.js";

/** What the warehouse publishes for the diagnostic (see src/data/fichiers.ts: faits/<dep>.json). */
export interface Faits {
  /** Per-commune base series. */
  series: Record<string, SerieCommunale>;
  /** Non-aggregable statistics as published: base → territory id ("commune:04070", "epci:…", "departement:04", "france") → year → cell. */
  publies: Record<string, Record<string, Record<string, Cellule>>>;
  /** Analysts' entries for a whole territory (data/saisies/diagnostic.csv): base → territory id → year. */
  saisies?: Record<string, Record<string, Record<string, Saisie>>>;
  /**
   * Figures of a comparison area (France, a département) an analyst copied from another territory's
   * diagnostic (column cite_par): base → area id → year. A benchmark only for the territory whose
   * diagnostic quotes it (`citePar`), labelled; never the area's own figure.
   */
  references?: Record<string, Record<string, Record<string, Saisie>>>;
  /** Under-3 estimator's factor per commune code (src/lib/estimation-moins3ans.ts), fitted on every Cnaf year loaded. */
  calibration?: Record<string, FacteurMoins3>;
  /**
   * Former communes (pieces of a commune nouvelle) a file leaves out one year while it has them
   * another: base → commune code → year → ["Pierre-Bénite (69152)"]. That year's figure covers
   * part of the commune only (Oullins-Pierre-Bénite 2016 in the Cnaf IRIS file): another perimeter.
   */
  piecesAbsentes?: Record<string, Record<string, Record<string, string[]>>>;
}

export interface Saisie {
  valeur: number;
  /** Source line as the analyst wrote it (e.g. "Caf 04, extraction Élisa décembre 2024"). */
  source: string;
  note?: string;
  /** For a reference (Faits.references): the territory whose diagnostic quotes the figure. */
  citePar?: string;
}

/** A benchmark an analyst copied from `ids`' own diagnostic for `area` (Faits.references), or undefined. */
export function referenceCitee(faits: Faits, base: string, area: string, ids: Ids, annee: string): Saisie | undefined {
  const r = faits.references?.[base]?.[area]?.[annee];
  return r && liste(ids).includes(r.citePar ?? "") ? r : undefined;
}

/** Comparison values computed once for every département and for France (src/data/fichiers.ts: faits/<dep>.json, france.json). */
export type Comparaisons = Record<string, Record<string, Record<string, AgregatResume>>>;

export interface PointEvolution {
  annee: string;
  valeur: number | null;
  statut: Agregat["statut"];
  /** True when the point is an analyst's entry (not comparable with sums of published series). */
  saisi: boolean;
  /** Where the figure comes from: the analyst's source line, or the catalogue's source (the publisher's own row, rounded values: said). */
  source: string;
  perimetre: Perimetre;
  /** Index of its series in LigneDiagnostic.series (-1 without a value). */
  serie: number;
}

export interface LigneDiagnostic {
  id: string;
  annee: string | null;
  valeur: Agregat;
  evolution: PointEvolution[];
  departement: AgregatResume | null;
  france: AgregatResume | null;
  /** What the headline figure covers: below the headline row when not the whole territory (couvreTerritoire). */
  perimetre: Perimetre;
  /** The series of `evolution`, oldest first. */
  series: SerieEvolution[];
  communes: {code: string; valeur: number | null; statut: Agregat["statut"]}[];
  lecture: string;
}

export interface SectionDiagnostic {
  section: Section;
  lignes: LigneDiagnostic[];
}

const NON_DISPONIBLE: Agregat = {valeur: null, statut: "non disponible", manquantes: [], retenues: 0};

/** Latest year of `annees` that is ≤ `annee` (population millésimes for a Caf year), or the earliest. */
function anneeAnterieure(annees: readonly string[], annee: string): string | undefined {
  const avant = annees.filter((a) => a <= annee);
  return avant[avant.length - 1] ?? annees[0];
}

/** The year of `annees` nearest to `cible`, the earlier on a tie. */
const proche = (annees: readonly string[], cible: number) => [...annees].sort((a, b) => Math.abs(Number(a) - cible) - Math.abs(Number(b) - cible) || Number(a) - Number(b))[0];

/** The year of the denominator series `annees` paired with the numerator's year `annee` (Calcul.anneeDenominateur). */
function anneeAppariee(mode: "meme" | "anterieure" | "en_vigueur" | "proche" | "suivante", annees: readonly string[], annee: string): string | undefined {
  switch (mode) {
    case "meme": return annee;
    case "anterieure": return anneeAnterieure(annees, annee);
    case "en_vigueur": return anneeAnterieure(annees, String(Number(annee) - 3));
    case "proche": return proche(annees, Number(annee));
    case "suivante": return proche(annees, Number(annee) + 1);
  }
}

/** Years an indicator can be computed for, on these communes (`memoire`: see Memoire). */
export function anneesIndicateur(i: Indicateur, faits: Faits, communes: readonly string[], ids?: Ids, memoire?: Memoire): string[] {
  const c = i.calcul;
  const base = c.type === "ratio" ? c.numerateur : c.base;
  const cles = (m: Record<string, Record<string, unknown>> | undefined) => liste(ids).flatMap((id) => Object.keys(m?.[id] ?? {}));
  const publiees = c.type === "publie"
    ? [...cles(faits.publies[c.base]), ...(c.groupe ? anneesMemorisees(memoire, serie(faits, c.groupe.numerateur), communes) : [])]
    : anneesMemorisees(memoire, serie(faits, base), communes);
  return [...new Set([...publiees, ...cles(faits.saisies?.[base])])].sort();
}

// The same empty series for every base not loaded: a batch's memory keeps one table for it, not one per call.
const AUCUNE: SerieCommunale = Object.freeze({});
const serie = (faits: Faits, base: string): SerieCommunale => faits.series[base] ?? AUCUNE;

/** A territory's own id first, then ids of published territories with exactly the same communes. */
export type Ids = string | readonly string[] | undefined;
const liste = (ids: Ids): readonly string[] => (ids == null ? [] : typeof ids === "string" ? [ids] : ids);

// saisie and publie run for each commune of France as a peer, for every indicator and year tried (the peers' files):
// the base's entries are looked up once, and a single id is read without a list made for it.
function saisie(faits: Faits, base: string, ids: Ids, annee: string): Saisie | undefined {
  const parId = faits.saisies?.[base];
  if (!parId || ids == null) return undefined;
  if (typeof ids === "string") return parId[ids]?.[annee] || undefined;
  for (const id of ids) {
    const s = parId[id]?.[annee];
    if (s) return s;
  }
  return undefined;
}

function publie(faits: Faits, base: string, ids: Ids, annee: string): Cellule | undefined {
  const parId = faits.publies[base];
  if (!parId || ids == null) return undefined;
  if (typeof ids === "string") return parId[ids]?.[annee] ?? undefined;
  for (const id of ids) {
    const c = parId[id]?.[annee];
    if (c != null) return c;
  }
  return undefined;
}

const depuisSaisie = (s: Saisie, communes: readonly string[]): Agregat => ({valeur: s.valeur, statut: "complet", manquantes: [], retenues: communes.length, source: s.source});

/**
 * A territory total: the analyst's entry if there is one, else the row the publisher gives
 * for this very territory (INSEE births of an EPCI, a département, France), else the Σ over
 * communes (only if complete): a source's own row wins over the sum of its commune rows.
 */
function total(faits: Faits, base: string, communes: readonly string[], annee: string, ids: Ids, memoire?: Memoire): Agregat {
  const s = saisie(faits, base, ids, annee);
  if (s) return depuisSaisie(s, communes);
  const p = publie(faits, base, ids, annee);
  if (typeof p === "number") return {valeur: p, statut: "complet", manquantes: [], retenues: communes.length, publie: true};
  return somme(serie(faits, base), communes, annee, memoire);
}

/** One indicator for one year over a set of communes (or as published for `idTerritoire`); `memoire`: see Memoire. */
export function calculer(i: Indicateur, faits: Faits, communes: readonly string[], annee: string, idTerritoire?: Ids, memoire?: Memoire): Agregat {
  const c = i.calcul;
  switch (c.type) {
    case "somme":
      // France's population sums INSEE's field (same perimeter every millésime), as `ctg territoire france` does.
      return total(faits, c.base, POPULATIONS.has(c.base) && liste(idTerritoire).includes("france") ? communes.filter(dansChampPopulationsLegales) : communes, annee, idTerritoire, memoire);
    case "ratio": {
      const den = serie(faits, c.denominateur);
      // A ratio pairs vintages by the date they describe: the population millésime the user picks sets the population figure, never a denominator.
      // Same year: the denominator's years are not read (they were, for every commune of France, at every year).
      const anneeDen = c.anneeDenominateur === "meme" ? annee : anneeAppariee(c.anneeDenominateur, anneesMemorisees(memoire, den, communes), annee);
      if (!anneeDen) return NON_DISPONIBLE;
      const r = rapport(c, faits, den, communes, {num: annee, den: anneeDen}, idTerritoire, memoire);
      // rapport's figure is a new object (NON_DISPONIBLE aside): completed in place rather than copied, for every commune of France as a peer.
      if (r === NON_DISPONIBLE) return {...r, anneeDenominateur: anneeDen};
      r.anneeDenominateur = anneeDen;
      return r;
    }
    case "publie": {
      const s = saisie(faits, c.base, idTerritoire, annee);
      if (s) return depuisSaisie(s, communes);
      const cell = publie(faits, c.base, idTerritoire, annee);
      if (cell == null && c.groupe) {
        // A group the publisher does not publish: Σ / Σ over its communes, every one of them published, else none (the missing listed).
        const r = ratio(serie(faits, c.groupe.numerateur), serie(faits, c.groupe.denominateur), communes, {num: annee, den: annee}, c.groupe.facteur, memoire);
        return r.manquantes.length ? {...NON_DISPONIBLE, manquantes: r.manquantes} : r;
      }
      if (cell == null) return NON_DISPONIBLE;
      return Array.isArray(cell) ? {valeur: cell[0], statut: "approximatif", manquantes: [], retenues: 1} : {valeur: cell, statut: "complet", manquantes: [], retenues: 1};
    }
  }
}

/** A ratio's figure once its years are paired: from entered or published totals when there are, else Σ / Σ over the communes. */
function rapport(c: Extract<Indicateur["calcul"], {type: "ratio"}>, faits: Faits, den: SerieCommunale, communes: readonly string[], annees: {num: string; den: string}, idTerritoire: Ids, memoire?: Memoire): Agregat {
  if (saisie(faits, c.numerateur, idTerritoire, annees.num) || saisie(faits, c.denominateur, idTerritoire, annees.den) || typeof publie(faits, c.numerateur, idTerritoire, annees.num) === "number") {
    // An entered (or published) total can only be divided by a complete total of the same territory.
    const n = total(faits, c.numerateur, communes, annees.num, idTerritoire, memoire);
    const d = total(faits, c.denominateur, communes, annees.den, idTerritoire, memoire);
    const complets = n.statut !== "incomplet" && d.statut !== "incomplet" && n.valeur != null && d.valeur;
    return complets
      ? {valeur: (n.valeur! / d.valeur!) * c.facteur, statut: n.statut === "approximatif" || d.statut === "approximatif" ? "approximatif" : "complet", manquantes: [], retenues: communes.length, source: [n.source, d.source].filter(Boolean).join(" ; ") || undefined}
      : NON_DISPONIBLE;
  }
  return ratio(serie(faits, c.numerateur), den, communes, annees, c.facteur, memoire);
}

export interface ContexteDiagnostic {
  id: string;
  /** Published territories with exactly the same communes (a CTG group that is an EPCI): their published figures apply. */
  equivalents?: readonly string[];
  communes: readonly string[];
  /** Département used for comparisons (the territory's, or that of most of its communes). */
  departement: string | null;
  faits: Faits;
  comparaisons: Comparaisons;
  indicateurs?: readonly Indicateur[];
  /** Population millésime chosen by the user: the population figure and population denominators use it. */
  millesimePopulation?: string;
  /**
   * The territory's own figures computed at build time (France, régions: src/data/fichiers.ts: agregats/<france|région>.json)
   * with calculer() for `millesimePopulation`: read instead of summing its communes, and no
   * per-commune breakdown.
   */
  precalcul?: Precalcul;
  /** How many communes the territory has when `communes` does not list them (a page reading build-time figures): its perimeters count them. */
  nombreCommunes?: number;
}

/** Indicator → year → aggregate, as valeursComparaison() computes it. */
export type Precalcul = Record<string, Record<string, AgregatResume>>;

/** France and the régions: their figures are computed at build time (src/data/fichiers.ts: agregats/), read by the pages as a Precalcul. */
export const chiffresALaConstruction = (id: string): boolean => id === "france" || id.startsWith("region:");

/**
 * Whether a page shows a territory from its build-time figures: France and the régions always, a département
 * until its detail by commune is asked for (its communes' files are then read, as for any smaller territory).
 */
export const depuisAgregats = (id: string, detailCommunes = false): boolean => chiffresALaConstruction(id) || (detailADemander(id) && !detailCommunes);

/** A département: its diagnostic, petite-enfance and comparison pages show its detail by commune when asked for. */
export const detailADemander = (id: string): boolean => id.startsWith("departement:");

const depuisResume = (r: AgregatResume | undefined): Agregat =>
  r ? {...r, manquantes: []} : NON_DISPONIBLE;

const POPULATIONS = new Set(["pop_mun", "pop_tot"]);

/**
 * Above this many communes (a région, France) no per-commune breakdown: 35 000 rows per
 * indicator are neither readable nor cheap to build in a browser (it froze on France).
 * Every département (at most ~900 communes), EPCI and CTG group stays under it.
 */
export const DETAIL_COMMUNES_MAX = 1000;

const idsDe = (ctx: ContexteDiagnostic): readonly string[] => [ctx.id, ...(ctx.equivalents ?? [])];

/**
 * An indicator's years and its figure for a year, for one territory: read from its build-time figures when it has
 * them (ctx.precalcul), else computed over its communes. Every page's table (diagnostic, comparison, period) goes through it.
 */
export function serieIndicateur(i: Indicateur, ctx: ContexteDiagnostic): {annees: string[]; calcul: (annee: string) => Agregat} {
  if (ctx.precalcul) {
    const pre = ctx.precalcul[i.id];
    return {annees: Object.keys(pre ?? {}).sort(), calcul: (annee) => depuisResume(pre?.[annee])};
  }
  const ids = idsDe(ctx);
  return {annees: anneesIndicateur(i, ctx.faits, ctx.communes, ids), calcul: (annee) => calculer(i, ctx.faits, ctx.communes, annee, ids)};
}

/** Where a figure comes from, as a series key and a legend say it. */
function sourcePoint(i: Indicateur, a: Pick<Agregat, "source" | "publie" | "statut">): string {
  if (a.source) return `Saisie des analystes : ${a.source}`;
  if (a.publie) return `${i.source} (chiffre publié pour ce territoire)`;
  return a.statut === "approximatif" ? `${i.source} (valeurs arrondies par l'éditeur)` : i.source;
}

/** Pieces of the covered communes the indicator's files lack that year. */
function piecesAbsentes(i: Indicateur, faits: Faits, couvertes: readonly string[], annee: string): string[] {
  if (!faits.piecesAbsentes) return [];
  const bases = i.calcul.type === "ratio" ? [i.calcul.numerateur] : i.calcul.type === "publie" && i.calcul.groupe ? [i.calcul.groupe.numerateur] : basesDe(i);
  return [...new Set(bases.flatMap((b) => couvertes.flatMap((c) => faits.piecesAbsentes?.[b]?.[c]?.[annee] ?? [])))].sort();
}

/** Share of the population of `communes` living in `couvertes`, at the millésime `millesime` (or the latest loaded). */
function partPopulation(faits: Faits, communes: readonly string[], couvertes: readonly string[], millesime?: string): number | null {
  const pop = faits.series.pop_mun ?? {};
  const annees = anneesDisponibles(pop, communes);
  const m = millesime && annees.includes(millesime) ? millesime : annees[annees.length - 1];
  if (!m) return null;
  const [tout, part] = [somme(pop, communes, m), somme(pop, couvertes, m)];
  return tout.statut === "complet" && tout.valeur && part.valeur != null ? (part.valeur / tout.valeur) * 100 : null;
}

/**
 * The communes a figure covers: all of them for an entry, a publisher's row or a published statistic.
 * For France, the régions and the départements (figures computed at build time, Precalcul: no list of
 * communes missing, nor the share of the population they hold) and above DETAIL_COMMUNES_MAX communes, only
 * their number, whether the figures are read from the build or computed from the communes (a département's
 * detail by commune), so that both say the same (a région under 1 000 communes included: PACA, Corse).
 */
function perimetreDe(i: Indicateur, a: Agregat, ctx: ContexteDiagnostic, annee: string): Perimetre {
  const total = ctx.nombreCommunes ?? ctx.communes.length;
  const parNombre = ctx.precalcul != null || total > DETAIL_COMMUNES_MAX || depuisAgregats(ctx.id);
  const entier = a.source != null || a.publie === true || (i.calcul.type === "publie" && nombreManquantes(a) === 0);
  const nb = entier ? 0 : nombreManquantes(a);
  if (parNombre) {
    const empreinte = nb ? empreinteManquantes(a) : undefined;
    return {communes: total - nb, total, manquantes: [], piecesAbsentes: [], partPopulation: null, ...(empreinte ? {empreinte} : {})};
  }
  const absentes = new Set(entier ? [] : a.manquantes);
  const couvertes = ctx.communes.filter((c) => !absentes.has(c));
  return {
    communes: total - nb, total, manquantes: [...absentes],
    piecesAbsentes: entier ? [] : piecesAbsentes(i, ctx.faits, couvertes, annee),
    partPopulation: nb ? partPopulation(ctx.faits, ctx.communes, couvertes, ctx.millesimePopulation) : null
  };
}

const clePerimetre = (p: Perimetre): string =>
  `${p.communes === p.total ? "tout" : p.manquantes.length ? p.manquantes.join(",") : `${p.communes}/${p.total}#${p.empreinte ?? ""}`}|${p.piecesAbsentes.join(",")}`;

/** Groups the points by source and perimeter (a series may skip a year another series fills). */
function enSeries<T extends Omit<PointEvolution, "serie">>(points: T[]): {points: (T & {serie: number})[]; series: SerieEvolution[]} {
  const series: SerieEvolution[] = [];
  const cles: string[] = [];
  const out = points.map((p) => {
    if (p.valeur == null) return {...p, serie: -1};
    const cle = `${p.source}§${clePerimetre(p.perimetre)}`;
    let k = cles.indexOf(cle);
    if (k < 0) {
      k = cles.push(cle) - 1;
      const origine = p.saisi ? "Saisie des analystes" : p.source.endsWith("(chiffre publié pour ce territoire)") ? "Chiffre publié pour ce territoire" : p.statut === "approximatif" ? "Fichiers publiés, valeurs arrondies" : "Fichiers publiés";
      series.push({libelle: `${origine}, ${textePerimetre(p.perimetre)}`, source: p.source, perimetre: p.perimetre, annees: []});
    }
    series[k]!.annees.push(p.annee);
    return {...p, serie: k};
  });
  return {points: out, series};
}

/** Every year of an indicator for a territory, each point with its source and perimeter, grouped in series. */
export function evolutionIndicateur(i: Indicateur, ctx: ContexteDiagnostic): {evolution: PointEvolution[]; series: SerieEvolution[]; calcul: (annee: string) => Agregat} {
  const {annees, calcul} = serieIndicateur(i, ctx);
  const {points, series} = enSeries(annees.map((annee) => {
    const a = calcul(annee);
    return {annee, valeur: a.valeur, statut: a.statut, saisi: a.source != null, source: sourcePoint(i, a), perimetre: perimetreDe(i, a, ctx, annee)};
  }));
  return {evolution: points, series, calcul};
}

export function ligneDiagnostic(i: Indicateur, ctx: ContexteDiagnostic): LigneDiagnostic {
  const ids = idsDe(ctx);
  const {evolution, series, calcul} = evolutionIndicateur(i, ctx);
  const estPopulation = i.calcul.type === "somme" && POPULATIONS.has(i.calcul.base);
  // The headline is the latest figure covering the whole territory (flagged when a masked cell
  // leaves it short); a figure on part of the territory only when nothing covers it all, and then
  // said as such (LigneDiagnostic.perimetre), never read as the territory's.
  const recentes = [...evolution].reverse().filter((e) => e.valeur != null);
  const derniere = estPopulation && ctx.millesimePopulation ? ctx.millesimePopulation : (recentes.find((e) => couvreTerritoire(e.perimetre)) ?? recentes[0])?.annee ?? null;
  const valeur = derniere ? calcul(derniere) : NON_DISPONIBLE;
  const perimetre = derniere ? evolution.find((e) => e.annee === derniere && e.valeur != null)?.perimetre ?? perimetreDe(i, valeur, ctx, derniere) : perimetreDe(i, valeur, ctx, "");
  // The area's own figure, else a benchmark the territory's own diagnostic quotes for it (labelled by its source).
  const comparer = (id: string | null): AgregatResume | null => {
    if (!id || !derniere) return null;
    const a = ctx.comparaisons[i.id]?.[id]?.[derniere];
    if (a?.valeur != null) return a;
    const r = i.calcul.type === "ratio" ? undefined : referenceCitee(ctx.faits, i.calcul.base, id, ids, derniere);
    return r ? {valeur: r.valeur, statut: "complet", retenues: 0, nbManquantes: 0, source: r.source} : a ?? null;
  };
  const departement = comparer(ctx.departement ? `departement:${ctx.departement}` : null);
  const france = comparer("france");
  const communes = !ctx.precalcul && ctx.communes.length > 1 && ctx.communes.length <= DETAIL_COMMUNES_MAX && derniere && i.calcul.type !== "publie"
    ? ctx.communes.map((code) => {
        const a = calculer(i, ctx.faits, [code], derniere, `commune:${code}`);
        return {code, valeur: a.valeur, statut: a.statut};
      })
    : [];
  return {id: i.id, annee: derniere, valeur, evolution, perimetre, series, departement, france, communes,
    lecture: lecture(i, valeur, departement, france, evolution, {annee: derniere, perimetre, series})};
}

export function diagnostic(ctx: ContexteDiagnostic): SectionDiagnostic[] {
  const liste = ctx.indicateurs ?? INDICATEURS;
  return SECTIONS.map((section) => ({section, lignes: liste.filter((i) => i.section === section).map((i) => ligneDiagnostic(i, ctx))}))
    .filter((s) => s.lignes.length > 0);
}

/**
 * The diagnostic in two steps, for a page that shows its first figures before computing the rest: the first
 * section's lines, then (suite) the others'. [...premiere, ...suite()] is diagnostic(ctx), each line computed once.
 */
export function diagnosticEnDeuxTemps(ctx: ContexteDiagnostic): {premiere: SectionDiagnostic[]; suite: () => SectionDiagnostic[]} {
  const liste = ctx.indicateurs ?? INDICATEURS;
  const premiere = liste.filter((i) => i.section === SECTIONS[0]);
  return {premiere: diagnostic({...ctx, indicateurs: premiere}), suite: () => diagnostic({...ctx, indicateurs: liste.filter((i) => !premiere.includes(i))})};
}

/** Every indicator, year by year, for one area (comparison values, or a large territory's Precalcul); `memoire`: shared by the areas of one batch (see Memoire). */
export function valeursComparaison(faits: Faits, id: Ids, communes: readonly string[], indicateurs: readonly Indicateur[] = INDICATEURS, memoire: Memoire = memoirePour(communes)): Precalcul {
  return Object.fromEntries(indicateurs.map((i) => [i.id, Object.fromEntries(anneesIndicateur(i, faits, communes, id, memoire).map((a) => [a, resumer(calculer(i, faits, communes, a, id, memoire))]))]));
}

export {basesDe};

/** Comparison values for every département and France, from all communes' series (`memoire`: see Memoire; one process may pass the same to every batch on the same Faits). */
export function comparaisonsPour(zones: {id: string; communes: readonly string[]}[], faits: Faits, indicateurs: readonly Indicateur[] = INDICATEURS, memoire?: Memoire): Comparaisons {
  const out: Comparaisons = {};
  memoire = memoirePour(zones.flatMap((z) => z.communes), memoire);
  for (const z of zones) {
    for (const [ind, parAnnee] of Object.entries(valeursComparaison(faits, z.id, z.communes, indicateurs, memoire))) {
      (out[ind] ??= {})[z.id] = parAnnee;
    }
  }
  return out;
}

export interface LigneComparaison {
  id: string;
  /** The latest year every territory has a value for; null when there is none. */
  annee: string | null;
  /** Year of each value: the common year, or else each territory's latest (then not strictly comparable). */
  annees: (string | null)[];
  valeurs: (number | null)[];
  statuts: Agregat["statut"][];
}

/**
 * Side-by-side comparison: each indicator at the latest year every territory has a value
 * for, so that figures are comparable; failing such a year, each territory's latest value
 * with its year, so that the user sees it is not the same year.
 */
export function comparer(ctxs: ContexteDiagnostic[], indicateurs: readonly Indicateur[] = INDICATEURS): LigneComparaison[] {
  return indicateurs.map((i) => {
    const parTerritoire = ctxs.map((ctx) => {
      const {annees, calcul} = serieIndicateur(i, ctx);
      return new Map(annees.map((a) => [a, calcul(a)] as const));
    });
    const communes = [...(parTerritoire[0]?.keys() ?? [])].filter((a) => parTerritoire.every((m) => m.get(a)?.valeur != null)).sort();
    const annee = communes[communes.length - 1] ?? null;
    const choix = parTerritoire.map((m) => {
      const a = annee ?? [...m.keys()].filter((k) => m.get(k)!.valeur != null).sort().pop() ?? null;
      return {annee: a, agregat: a ? m.get(a)! : NON_DISPONIBLE};
    });
    return {id: i.id, annee, annees: choix.map((c) => c.annee), valeurs: choix.map((c) => c.agregat.valeur), statuts: choix.map((c) => c.agregat.statut)};
  });
}
