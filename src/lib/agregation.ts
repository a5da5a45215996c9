// Aggregating base counts over a set of communes, keeping track of what is missing.
// A masked value (secret statistique) or a commune the source does not cover is never
// read as 0: the aggregate says it is incomplete and over which communes it was taken.
// A rate for a group is Σ numerators / Σ denominators over the communes where both are
// known — never a mean of the communes' rates.

/**
 * A published cell: a number; null when masked; [number, "a"] when rounded by the publisher
 * (approximate); [number, "i"] when the figure sums published parts while others are masked
 * (a lower bound: summed in totals flagged incomplete, left out of rates); [number, "p"] when
 * it sums only the parts where its paired numerator/denominator is also published (usable
 * in that rate, which is then flagged incomplete).
 */
export type Cellule = number | null | [number, "a" | "i" | "p"];

/** A cell's number, whatever its flag (null when masked or absent). */
export const valeurCellule = (c: Cellule | undefined): number | null => (c == null ? null : Array.isArray(c) ? c[0] : c);

/** Base series: commune code → year → cell. A commune absent from the map is not covered by the source. */
export type SerieCommunale = Record<string, Record<string, Cellule>>;

export type Statut = "complet" | "approximatif" | "incomplet" | "non disponible";

export interface Agregat {
  valeur: number | null;
  statut: Statut;
  /** Communes whose value was masked or absent (the aggregate does not include them). */
  manquantes: string[];
  /** Communes actually summed. */
  retenues: number;
  /** Source line when the figure is an analyst's entry rather than a sum of published series. */
  source?: string;
  /** True when the figure is the publisher's own row for this territory (INSEE births of a département, France…), not a sum of communes. */
  publie?: boolean;
  /** For a ratio: the year (millésime, for a population) of its denominator, shown beside the numerator's. */
  anneeDenominateur?: string;
  /** How many communes are missing when their list was not kept (figures computed at build time). */
  nbManquantes?: number;
  /** Fingerprint of the missing communes when their list was not kept (empreinteManquantes). */
  empreinteManquantes?: string;
}

function statut(retenues: number, manquantes: number, approx: boolean): Statut {
  if (retenues === 0) return "non disponible";
  if (manquantes > 0) return "incomplet";
  return approx ? "approximatif" : "complet";
}

/** A flagged cell's flag ("a", "i", "p"), null for a plain number, a masked or an absent cell. */
const drapeau = (c: Cellule | undefined): string | null => (Array.isArray(c) ? c[1] : null);

// somme and ratio run over every commune of France for every indicator and year at build time:
// they read each cell in place (valeurCellule, drapeau) rather than through an object per cell.

/** Σ of a count over the communes for one year. */
export function somme(serie: SerieCommunale, communes: readonly string[], annee: string): Agregat {
  let total = 0;
  let retenues = 0;
  let approx = false;
  const manquantes: string[] = [];
  let partiel = false;
  for (const code of communes) {
    const c = serie[code]?.[annee];
    const v = valeurCellule(c);
    if (v == null) manquantes.push(code);
    else {
      const d = drapeau(c);
      total += v;
      retenues++;
      approx ||= d === "a";
      partiel ||= d === "i";
    }
  }
  const s = statut(retenues, manquantes.length, approx);
  return {valeur: retenues ? total : null, statut: partiel && s !== "non disponible" ? "incomplet" : s, manquantes, retenues};
}

/** Σ numerator / Σ denominator × facteur, over the communes where both are known. */
export function ratio(num: SerieCommunale, den: SerieCommunale, communes: readonly string[], annees: {num: string; den: string}, facteur = 100): Agregat {
  let sn = 0;
  let sd = 0;
  let retenues = 0;
  let approx = false;
  let apparie = false;
  const manquantes: string[] = [];
  for (const code of communes) {
    const cn = num[code]?.[annees.num];
    const cd = den[code]?.[annees.den];
    const n = valeurCellule(cn);
    const d = valeurCellule(cd);
    const fn = drapeau(cn);
    const fd = drapeau(cd);
    if (n == null || d == null || fn === "i" || fd === "i") manquantes.push(code);
    else {
      sn += n;
      sd += d;
      retenues++;
      approx ||= fn === "a" || fd === "a";
      apparie ||= fn === "p" || fd === "p";
    }
  }
  const valeur = retenues && sd > 0 ? (sn / sd) * facteur : null;
  const s = valeur == null ? "non disponible" : statut(retenues, manquantes.length, approx);
  return {valeur, statut: apparie && s !== "non disponible" ? "incomplet" : s, manquantes, retenues};
}

/** Years present in a series for at least one of the communes, ascending. */
export function anneesDisponibles(serie: SerieCommunale, communes: readonly string[]): string[] {
  const annees = new Set<string>();
  for (const c of communes) for (const a of Object.keys(serie[c] ?? {})) annees.add(a);
  return [...annees].sort();
}

/**
 * anneesDisponibles kept per series and commune list while one batch computes every year of
 * the same indicators for the same territories (comparison values, the peers' files, the
 * maps): a ratio needs its denominator's years for each year it is computed for, and reading
 * them again over France's 35 000 communes was a fifth of the build's figures (measured).
 * A batch's series do not change while it runs; a new batch takes a new memory.
 */
export type MemoireAnnees = WeakMap<SerieCommunale, WeakMap<readonly string[], readonly string[]>>;

export function anneesMemorisees(memoire: MemoireAnnees | undefined, serie: SerieCommunale, communes: readonly string[]): readonly string[] {
  // One commune's years are one object's keys: cheaper to read again than to keep (the peers' file of every commune).
  if (!memoire || communes.length < 2) return anneesDisponibles(serie, communes);
  let parListe = memoire.get(serie);
  if (!parListe) memoire.set(serie, (parListe = new WeakMap()));
  let annees = parListe.get(communes);
  if (!annees) parListe.set(communes, (annees = anneesDisponibles(serie, communes)));
  return annees;
}

/** An aggregate without the list of missing communes (for the précomputed comparisons). */
export interface AgregatResume {
  valeur: number | null;
  statut: Statut;
  retenues: number;
  nbManquantes: number;
  /** A benchmark quoted by the territory's own diagnostic (not the area's published figure): its source line. */
  source?: string;
  publie?: boolean;
  anneeDenominateur?: string;
  /** Set when communes are missing: two years of a France or région figure cover the same communes only if their fingerprints agree. */
  empreinteManquantes?: string;
}

/** Communes missing from an aggregate, whether their list was kept or only their count. */
export const nombreManquantes = (a: Agregat): number => a.nbManquantes ?? a.manquantes.length;

/**
 * Which communes are missing, in 8 hex digits (FNV-1a of the sorted codes): enough to tell two
 * perimeters of the same size apart without shipping the list of a région's or France's missing communes.
 */
export function empreinteManquantes(a: Agregat): string | undefined {
  if (!a.manquantes.length) return a.empreinteManquantes;
  let h = 0x811c9dc5;
  for (const ch of [...a.manquantes].sort().join(",")) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

export function resumer(a: Agregat): AgregatResume {
  const r: AgregatResume = {valeur: a.valeur, statut: a.statut, retenues: a.retenues, nbManquantes: nombreManquantes(a)};
  const empreinte = empreinteManquantes(a);
  // Optional fields only when set: the build's JSON files stay small.
  return {
    ...r, ...(a.source ? {source: a.source} : {}), ...(a.publie ? {publie: true} : {}), ...(a.anneeDenominateur ? {anneeDenominateur: a.anneeDenominateur} : {}),
    ...(empreinte ? {empreinteManquantes: empreinte} : {})
  };
}
