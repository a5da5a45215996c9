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
// they read each cell in place (valeurCellule, drapeau) rather than through an object per cell,
// and, within a batch (Memoire), from columns of numbers rather than from the series' objects.

/**
 * What one batch computing every year of the same indicators for many communes (France and its
 * régions, every département, every EPCI: comparison values, the maps, the peers) reads more than
 * once, kept while it runs: each series year by year as a column over the communes (each commune
 * numbered once), each commune list as positions in those columns, the years of a series for a
 * commune list. Reading a cell through a 35 000-key object for every indicator, year and territory
 * was most of the build's figures (measured, docs/croissance.md); a column is read in the same
 * commune order, so every sum adds the same numbers in the same order. The series must not change
 * while a memory reads them: one memory may serve every batch of a process on the same Faits (the
 * build), never Faits that change (the browser computes without one).
 */
export interface Memoire {
  annees: WeakMap<SerieCommunale, WeakMap<readonly string[], readonly string[]>>;
  /** Commune code → its position in every column. */
  index: Map<string, number>;
  codes: string[];
  positions: WeakMap<readonly string[], Int32Array>;
  tables: WeakMap<SerieCommunale, Table>;
}

/** A series as columns: each commune's cells (by position), and a column per year read. */
interface Table {
  lignes: (Record<string, Cellule> | undefined)[];
  /** Every year of the series, read when first asked (anneesMemorisees). */
  annees?: string[];
  colonnes: Map<string, Colonne>;
}

/** One year of a series: each commune's value and what its cell says (the constants below). */
interface Colonne {
  valeurs: Float64Array;
  drapeaux: Uint8Array;
}

const NOMBRE = 0, APPROX = 1, INCOMPLET = 2, APPARIE = 3, MANQUANT = 4, AUTRE = 5;

/** An empty memory: one process may pass the same to every batch on the same Faits (each series then read into columns once). */
export const nouvelleMemoire = (): Memoire => ({annees: new WeakMap(), index: new Map(), codes: [], positions: new WeakMap(), tables: new WeakMap()});

/**
 * The memory a batch reads through (`m`, or a new one), with the communes it will read numbered up front:
 * a commune numbered once columns exist has every series read into columns again.
 */
export function memoirePour(communes: Iterable<string>, m: Memoire = nouvelleMemoire()): Memoire {
  for (const c of communes) numero(m, c);
  return m;
}

function numero(m: Memoire, code: string): number {
  let k = m.index.get(code);
  if (k === undefined) {
    m.index.set(code, (k = m.codes.length));
    m.codes.push(code);
  }
  return k;
}

/** Below this many communes a list is read cell by cell (a commune's own figures: the peers' file of every commune). */
const COLONNES_MIN = 2;

function positions(m: Memoire, communes: readonly string[]): Int32Array {
  let p = m.positions.get(communes);
  if (!p) m.positions.set(communes, (p = Int32Array.from(communes, (c) => numero(m, c))));
  return p;
}

function table(m: Memoire, serie: SerieCommunale): Table {
  let t = m.tables.get(serie);
  if (!t || t.lignes.length < m.codes.length) {
    // New communes numbered since: read again (nouvelleMemoire numbers a batch's communes up front).
    m.tables.set(serie, (t = {lignes: m.codes.map((c) => serie[c]), colonnes: new Map()}));
  }
  return t;
}

function colonne(t: Table, annee: string): Colonne {
  let col = t.colonnes.get(annee);
  if (col) return col;
  const n = t.lignes.length;
  col = {valeurs: new Float64Array(n), drapeaux: new Uint8Array(n)};
  for (let k = 0; k < n; k++) {
    const c = t.lignes[k]?.[annee];
    const v = valeurCellule(c);
    if (v == null) col.drapeaux[k] = MANQUANT;
    else {
      col.valeurs[k] = v;
      const d = drapeau(c);
      col.drapeaux[k] = d == null ? NOMBRE : d === "a" ? APPROX : d === "i" ? INCOMPLET : d === "p" ? APPARIE : AUTRE;
    }
  }
  t.colonnes.set(annee, col);
  return col;
}

/** The columns of these series for this list, or null when the list is read cell by cell. */
function enColonnes(memoire: Memoire | undefined, communes: readonly string[]): Int32Array | null {
  return memoire && communes.length >= COLONNES_MIN ? positions(memoire, communes) : null;
}

/** Σ of a count over the communes for one year (`memoire`: see Memoire). */
export function somme(serie: SerieCommunale, communes: readonly string[], annee: string, memoire?: Memoire): Agregat {
  let total = 0;
  let retenues = 0;
  let approx = false;
  const manquantes: string[] = [];
  let partiel = false;
  const pos = enColonnes(memoire, communes);
  if (pos) {
    const {valeurs, drapeaux} = colonne(table(memoire!, serie), annee);
    for (let k = 0; k < pos.length; k++) {
      const p = pos[k]!;
      const d = drapeaux[p]!;
      if (d === MANQUANT) manquantes.push(communes[k]!);
      else {
        total += valeurs[p]!;
        retenues++;
        approx ||= d === APPROX;
        partiel ||= d === INCOMPLET;
      }
    }
  } else {
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
  }
  const s = statut(retenues, manquantes.length, approx);
  return {valeur: retenues ? total : null, statut: partiel && s !== "non disponible" ? "incomplet" : s, manquantes, retenues};
}

/** Σ numerator / Σ denominator × facteur, over the communes where both are known (`memoire`: see Memoire). */
export function ratio(num: SerieCommunale, den: SerieCommunale, communes: readonly string[], annees: {num: string; den: string}, facteur = 100, memoire?: Memoire): Agregat {
  let sn = 0;
  let sd = 0;
  let retenues = 0;
  let approx = false;
  let apparie = false;
  const manquantes: string[] = [];
  const pos = enColonnes(memoire, communes);
  if (pos) {
    const cn = colonne(table(memoire!, num), annees.num);
    const cd = colonne(table(memoire!, den), annees.den);
    for (let k = 0; k < pos.length; k++) {
      const p = pos[k]!;
      const fn = cn.drapeaux[p]!;
      const fd = cd.drapeaux[p]!;
      if (fn === MANQUANT || fd === MANQUANT || fn === INCOMPLET || fd === INCOMPLET) manquantes.push(communes[k]!);
      else {
        sn += cn.valeurs[p]!;
        sd += cd.valeurs[p]!;
        retenues++;
        approx ||= fn === APPROX || fd === APPROX;
        apparie ||= fn === APPARIE || fd === APPARIE;
      }
    }
  } else {
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
  }
  const valeur = retenues && sd > 0 ? (sn / sd) * facteur : null;
  const s = valeur == null ? "non disponible" : statut(retenues, manquantes.length, approx);
  return {valeur, statut: apparie && s !== "non disponible" ? "incomplet" : s, manquantes, retenues};
}

/** Years present in a series for at least one of the communes, ascending. */
export function anneesDisponibles(serie: SerieCommunale, communes: readonly string[]): string[] {
  // One commune's years are its cell's keys (a commune as a peer, for each ratio and year tried).
  if (communes.length === 1) return Object.keys(serie[communes[0]!] ?? {}).sort();
  const annees = new Set<string>();
  for (const c of communes) for (const a of Object.keys(serie[c] ?? {})) annees.add(a);
  return [...annees].sort();
}

/** anneesDisponibles, kept per series and commune list within a batch (a ratio reads its denominator's years at each of its own). */
export function anneesMemorisees(memoire: Memoire | undefined, serie: SerieCommunale, communes: readonly string[]): readonly string[] {
  const pos = enColonnes(memoire, communes);
  if (!pos) return anneesDisponibles(serie, communes);
  let parListe = memoire!.annees.get(serie);
  if (!parListe) memoire!.annees.set(serie, (parListe = new WeakMap()));
  let annees = parListe.get(communes);
  if (!annees) {
    const t = table(memoire!, serie);
    // A year is there when one of the communes has a cell for it (masked or not): read in place, not as a column (not every year is summed).
    if (!t.annees) {
      const toutes = new Set<string>();
      for (const l of t.lignes) if (l) for (const a of Object.keys(l)) toutes.add(a);
      t.annees = [...toutes].sort();
    }
    parListe.set(communes, (annees = t.annees.filter((a) => {
      for (let k = 0; k < pos.length; k++) {
        const l = t.lignes[pos[k]!];
        if (l && Object.hasOwn(l, a)) return true;
      }
      return false;
    })));
  }
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
  const m = a.manquantes;
  if (!m.length) return a.empreinteManquantes;
  // Lists usually come sorted (communes in code order): not copied and sorted again then.
  let trie = true;
  for (let k = 1; k < m.length && trie; k++) trie = m[k - 1]! <= m[k]!;
  // The codes joined by commas, one step per character as `for…of` reads them (a surrogate pair is one
  // character, hashed by its first unit), without building the joined text (France: 200 000 characters).
  let h = 0x811c9dc5;
  const codes = trie ? m : [...m].sort();
  for (let n = 0; n < codes.length; n++) {
    const code = codes[n]!;
    if (n) h = Math.imul(h ^ 44, 0x01000193); // ","
    for (let k = 0; k < code.length; k++) {
      const u = code.charCodeAt(k);
      h = Math.imul(h ^ u, 0x01000193);
      if (u >= 0xd800 && u <= 0xdbff && k + 1 < code.length) {
        const v = code.charCodeAt(k + 1);
        if (v >= 0xdc00 && v <= 0xdfff) k++;
      }
    }
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

export function resumer(a: Agregat): AgregatResume {
  const r: AgregatResume = {valeur: a.valeur, statut: a.statut, retenues: a.retenues, nbManquantes: nombreManquantes(a)};
  const empreinte = empreinteManquantes(a);
  // Optional fields only when set (the build's JSON files stay small), in this order; set in place, not spread (every indicator and year of every area).
  if (a.source) r.source = a.source;
  if (a.publie) r.publie = true;
  if (a.anneeDenominateur) r.anneeDenominateur = a.anneeDenominateur;
  if (empreinte) r.empreinteManquantes = empreinte;
  return r;
}
