// Peers of a territory: every EPCI of France (or every commune of a région), each with its
// own figure for the comparable indicators at one reference year per indicator. A rate is
// each territory's Σ numerators / Σ denominators over its communes (calculer), never a mean
// of its communes' rates; quartiles and percentiles are then taken over those figures.
// Precomputed at build time (src/data/pairs-*.ts) in a small columnar JSON. Pure.
import {memoirePour, type Memoire} from "./agregation.js";
import {anneesIndicateur, calculer, type Faits} from "./diagnostic.js";
import {indicateur, type Indicateur} from "./indicateurs.js";
import type {Referentiel} from "./referentiel.js";
import {formatEntier} from "./format.js";
import {position, repartition, type Position, type Repartition} from "./repartition.js";
import {similaires, type OptionsSimilarite, type ResultatSimilarite, type Voisin} from "./similarite.js";

/** A similar territory as shown and exported: its rank and its values. */
export type LigneSimilaire = Voisin & {rang: number; valeurs: Record<string, number | null | undefined>};

/** Indicators worth placing a territory among its peers, or finding similar ones: rates, amounts, sizes. */
export const INDICATEURS_PAIRS: readonly string[] = [
  "population_municipale", "densite", "naissances", "natalite", "part_moins_3_ans", "part_moins_18_ans_rp", "part_65_ans_et_plus_rp",
  "part_population_couverte", "part_monoparentales", "part_couples_avec_enfants", "part_isoles",
  "part_rsa", "part_prime_activite", "part_aah", "part_aide_logement",
  "revenu_median", "part_prestations_sociales", "taux_couverture_global"
];

/** Counts and densities (1 to 20 000 inhabitants per km²) are compared on a log scale (similarite.ts). */
export const estComptage = (id: string) => ["nombre", "habitants", "parkm2"].includes(indicateur(id).unite);

export type TypePairs = "epci" | "commune";

export interface TerritoirePair {
  id: string;
  nom: string;
  /** Région (of most of its communes, for an EPCI). */
  reg: string;
  /** EPCI legal form (CA, CC, CU, METRO), or the département of a commune. */
  type: string;
}

/** src/data/pairs-epci.json, data/pairs-communes/<région>.json. */
export interface FichierPairs {
  type: TypePairs;
  /** Indicator id → the year every territory's value describes. */
  annees: Record<string, string>;
  territoires: TerritoirePair[];
  /** Indicator id → one value per territory (same order), null when unknown. */
  valeurs: Record<string, (number | null)[]>;
  /** Indicator id → indices of the territories whose value covers only part of their communes. */
  partielles: Record<string, number[]>;
}

/** Every EPCI of the referential (région: that of most of its communes), or every commune, with its communes. */
export function territoiresPairs(ref: Referentiel, type: TypePairs): (TerritoirePair & {communes: string[]})[] {
  const communes = [...ref.communes.values()];
  if (type === "commune") return communes.map((c) => ({id: `commune:${c.code}`, nom: c.nom, reg: c.reg, type: c.dep, communes: [c.code]}));
  const membres = new Map<string, typeof communes>();
  for (const c of communes) if (c.epci) (membres.get(c.epci) ?? membres.set(c.epci, []).get(c.epci)!).push(c);
  return [...ref.epci.values()].filter((e) => membres.has(e.code)).map((e) => {
    const m = membres.get(e.code)!;
    return {id: `epci:${e.code}`, nom: e.nom, reg: majoritaire(m.map((c) => c.reg)), type: e.type, communes: m.map((c) => c.code).sort()};
  });
}

/** Most frequent value, the smallest code on a tie (deterministic). */
export function majoritaire(valeurs: readonly string[]): string {
  const n = new Map<string, number>();
  for (const v of valeurs) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? "";
}

/** A reference year is the latest one where at least this share of the territories has a value. */
const COUVERTURE_MIN = 0.5;
/** …else the latest year known for at least this share of the territories the best year has. */
const PRESQUE = 0.9;

type Valeur = {valeur: number | null; partielle: boolean};

/** A territory's figure as a peer: a partial count (a lower bound) is not comparable, a partial rate is, flagged. */
function valeurPair(i: Indicateur, faits: Faits, communes: readonly string[], annee: string, ids: string | readonly string[], memoire?: Memoire): Valeur {
  const a = calculer(i, faits, communes, annee, ids, memoire);
  if (a.valeur == null || (a.statut === "incomplet" && i.calcul.type !== "ratio")) return {valeur: null, partielle: false};
  return {valeur: Math.round(a.valeur * 100) / 100, partielle: a.statut === "incomplet"};
}

export function fichierPairs(type: TypePairs, territoires: readonly (TerritoirePair & {communes: readonly string[]})[], faits: Faits, indicateurs: readonly string[] = INDICATEURS_PAIRS, memoire?: Memoire): FichierPairs {
  const toutes = territoires.flatMap((t) => t.communes);
  memoire = memoirePour(toutes, memoire);
  const f: FichierPairs = {type, annees: {}, territoires: territoires.map(({communes: _c, ...t}) => t), valeurs: {}, partielles: {}};
  for (const id of indicateurs) {
    const i = indicateur(id);
    const annees = anneesIndicateur(i, faits, toutes, territoires.map((t) => t.id), memoire).reverse();
    // Latest year known for nearly as many territories as the best year (sources differ in coverage from year to year).
    const essais: {annee: string; valeurs: Valeur[]; n: number}[] = [];
    for (const annee of annees) {
      const valeurs = territoires.map((t) => valeurPair(i, faits, t.communes, annee, t.id, memoire));
      essais.push({annee, valeurs, n: valeurs.filter((v) => v.valeur != null).length});
      if (essais[essais.length - 1]!.n >= territoires.length * COUVERTURE_MIN) break;
    }
    const max = Math.max(0, ...essais.map((e) => e.n));
    const retenue = essais.find((e) => e.n >= max * PRESQUE);
    // An indicator known for fewer than 10 territories places no one among peers.
    if (!retenue || retenue.n < 10) continue;
    f.annees[id] = retenue.annee;
    f.valeurs[id] = retenue.valeurs.map((v) => v.valeur);
    const partielles = retenue.valeurs.flatMap((v, k) => (v.partielle ? [k] : []));
    if (partielles.length) f.partielles[id] = partielles;
  }
  return f;
}

/** The same figures for any territory (a CTG group, an EPCI of another file): what it is compared on. */
export function valeursTerritoire(f: Pick<FichierPairs, "annees">, faits: Faits, communes: readonly string[], ids: string | readonly string[]): Record<string, Valeur> {
  return Object.fromEntries(Object.entries(f.annees).map(([id, annee]) => [id, valeurPair(indicateur(id), faits, communes, annee, ids)]));
}

/** Who a territory is compared with. */
export type Parmi = "france" | "region" | "type" | "similaires";
export const LIBELLES_PARMI: Record<Parmi, string> = {
  france: "tous les territoires du même niveau en France",
  region: "ceux de la même région",
  type: "ceux de même nature (CA, CC, CU, métropole ; pour une commune : même département)",
  similaires: "les territoires semblables retenus"
};

/** « EPCI — ceux de la même région (région Provence-Alpes-Côte d'Azur) (52) »: who the peers are, as tables and exports say it. */
export function libellePairs(p: {niveau: string; nomRegion: string}, parmi: Parmi, n: number): string {
  return `${p.niveau} — ${parmi === "region" ? `région ${p.nomRegion}` : LIBELLES_PARMI[parmi]} (${formatEntier(n)})`;
}

/** Indices of the peers in the file (the territory itself excluded). */
export function indicesPairs(f: FichierPairs, cible: {id: string; equivalents?: readonly string[]; reg?: string | null; type?: string | null}, parmi: Parmi, similaires: readonly string[] = []): number[] {
  const garder = new Set(similaires);
  const soi = new Set([cible.id, ...(cible.equivalents ?? [])]);
  return f.territoires.flatMap((t, k) => {
    if (soi.has(t.id)) return [];
    const ok = parmi === "france" || (parmi === "region" && t.reg === cible.reg) || (parmi === "type" && t.type === cible.type) || (parmi === "similaires" && garder.has(t.id));
    return ok ? [k] : [];
  });
}

export interface LignePairs {
  id: string;
  annee: string;
  repartition: Repartition | null;
  /** Peers whose value is partial (part of their communes only). */
  partielles: number;
  /** One per territory placed: its value at the same year, and where it stands. */
  territoires: {valeur: number | null; partielle: boolean; position: Position | null}[];
}

/** Quartiles of the peers and the position of each territory, indicator by indicator. */
export function positionsParmiPairs(f: FichierPairs, pairs: readonly number[], cibles: readonly Record<string, Valeur>[]): LignePairs[] {
  return Object.keys(f.annees).map((id) => {
    const valeurs = pairs.map((k) => f.valeurs[id]![k]!);
    const partielles = new Set(f.partielles[id] ?? []);
    return {
      id,
      annee: f.annees[id]!,
      repartition: repartition(valeurs),
      partielles: pairs.filter((k) => partielles.has(k) && f.valeurs[id]![k] != null).length,
      territoires: cibles.map((c) => {
        const v = c[id] ?? {valeur: null, partielle: false};
        return {...v, position: v.valeur != null && valeurs.some((x) => x != null) ? position(v.valeur, valeurs) : null};
      })
    };
  });
}

/** Values of the file as similarity candidates (similarite.ts). */
export const candidats = (f: FichierPairs, indices: readonly number[]) =>
  indices.map((k) => ({id: f.territoires[k]!.id, nom: f.territoires[k]!.nom, valeurs: Object.fromEntries(Object.entries(f.valeurs).map(([id, v]) => [id, v[k]]))}));

/** Indicators proposed for similar territories: size, births, income, precariousness. */
// Known for nearly every EPCI and commune (the Cnaf IRIS shares cover only communes cut into IRIS: add part_rsa by choice).
export const SIMILARITE_PAR_DEFAUT: readonly string[] = ["population_municipale", "natalite", "revenu_median", "part_prestations_sociales"];

export interface Cible {
  id: string;
  /** Published territories with the same communes (a CTG group that is an EPCI): not its own peer. */
  equivalents?: readonly string[];
  reg?: string | null;
  type?: string | null;
  valeurs: Record<string, Valeur>;
}

/** A commune, an EPCI or a CTG group placed among its peers: null for a département, a région or France (no peers of their kind). */
export interface PairsTerritoire {
  fichier: FichierPairs;
  cible: Cible;
  /** "EPCI" or "communes de la région …". */
  niveau: string;
  nomRegion: string;
}

/**
 * The territory as a peer: its région (that of most of its communes), its kind (legal form of
 * an EPCI, that of the EPCI a CTG group equals, the département of a commune) and its own
 * figures at the file's years. A commune is compared with the communes of its région (file
 * `communes-<région>`), an EPCI or a CTG group with every EPCI.
 */
export function pairsTerritoire(ref: Referentiel, t: {id: string; type: string; code: string; communes: readonly string[]}, equivalents: readonly string[], fichier: FichierPairs, faits: Faits): PairsTerritoire {
  const reg = regionPairs(ref, t);
  const nomRegion = ref.regions.get(reg)?.nom ?? reg;
  const ids = [t.id, ...equivalents];
  const type = t.type === "commune" ? ref.communes.get(t.code)?.dep : t.type === "epci" ? ref.epci.get(t.code)?.type : fichier.territoires.find((p) => equivalents.includes(p.id))?.type;
  return {
    fichier, nomRegion,
    cible: {id: t.id, equivalents: ids, reg, type: type ?? null, valeurs: valeursTerritoire(fichier, faits, t.communes, ids)},
    niveau: t.type === "commune" ? `communes de la région ${nomRegion}` : "EPCI"
  };
}

/** Which file a territory's peers are in: "epci", or "communes-<région>" for a commune; null when it has no peers. */
export function fichierDePairs(ref: Referentiel, t: {type: string; communes: readonly string[]}): string | null {
  if (!["commune", "epci", "groupe"].includes(t.type)) return null;
  return t.type === "commune" ? `communes-${regionPairs(ref, t)}` : "epci";
}

/**
 * The same without the site's precomputed files (the CLI): the peers' figures computed from
 * the facts, for `indicateurs` only; a commune among the communes of its région.
 */
export function pairsCalcules(ref: Referentiel, t: {id: string; type: string; code: string; communes: readonly string[]}, equivalents: readonly string[], faits: Faits, indicateurs: readonly string[] = INDICATEURS_PAIRS): PairsTerritoire | null {
  const nom = fichierDePairs(ref, t);
  if (!nom) return null;
  const type: TypePairs = nom === "epci" ? "epci" : "commune";
  const territoires = territoiresPairs(ref, type).filter((p) => type === "epci" || `communes-${p.reg}` === nom);
  return pairsTerritoire(ref, t, equivalents, fichierPairs(type, territoires, faits, indicateurs), faits);
}

const regionPairs = (ref: Referentiel, t: {communes: readonly string[]}) => majoritaire(t.communes.map((c) => ref.communes.get(c)?.reg ?? ""));

/** The k peers most like the target (similarite.ts), counts on a log scale, with their values for export. */
export function chercherSimilaires(f: FichierPairs, cible: Cible, options: Omit<OptionsSimilarite, "logarithme"> & {parmi?: Exclude<Parmi, "similaires">}): ResultatSimilarite & {lignes: LigneSimilaire[]} {
  const inconnus = options.indicateurs.filter((id) => !(id in f.annees));
  const disponibles = Object.keys(f.annees);
  if (inconnus.length) throw new Error(`Indicateur non disponible pour comparer des territoires : ${inconnus.join(", ")} (connu pour moins de 10 territoires de ce niveau dans les données chargées).${disponibles.length ? ` Disponibles : ${disponibles.join(", ")}.` : ""}`);
  const liste = candidats(f, indicesPairs(f, cible, options.parmi ?? "france"));
  const r = similaires({id: cible.id, valeurs: Object.fromEntries(Object.entries(cible.valeurs).map(([id, v]) => [id, v.valeur]))}, liste, {...options, logarithme: options.indicateurs.filter(estComptage)});
  const parId = new Map(liste.map((c) => [c.id, c]));
  return {...r, lignes: r.voisins.map((v, k) => ({...v, rang: k + 1, valeurs: parId.get(v.id)!.valeurs}))};
}

/** The files the site ships (src/data/fichiers.ts: pairs/): "epci" and "communes-<région>" → FichierPairs (`memoire`: see Memoire). */
export function fichiersPairs(ref: Referentiel, faits: Faits, memoire?: Memoire): Map<string, FichierPairs> {
  memoire = memoirePour(ref.communes.keys(), memoire);
  const sortie = new Map<string, FichierPairs>([["epci", fichierPairs("epci", territoiresPairs(ref, "epci"), faits, INDICATEURS_PAIRS, memoire)]]);
  const communes = fichierPairs("commune", territoiresPairs(ref, "commune"), faits, INDICATEURS_PAIRS, memoire);
  for (const reg of ref.regions.keys()) {
    const k = communes.territoires.flatMap((t, j) => (t.reg === reg ? [j] : []));
    const rang = new Map(k.map((j, n) => [j, n]));
    sortie.set(`communes-${reg}`, {
      type: "commune", annees: communes.annees, territoires: k.map((j) => communes.territoires[j]!),
      valeurs: Object.fromEntries(Object.entries(communes.valeurs).map(([id, v]) => [id, k.map((j) => v[j]!)])),
      partielles: Object.fromEntries(Object.entries(communes.partielles)
        .map(([id, l]) => [id, l.flatMap((j) => (rang.has(j) ? [rang.get(j)!] : []))] as const).filter(([, l]) => l.length))
    });
  }
  return sortie;
}
