// The national maps' files: for France and each région, the contours of its EPCI and
// départements (data/cartes/<france|région>.json), and for each comparable indicator the
// value of every EPCI, year by year (data/valeurs-epci/<indicateur>.json). Built once, at
// build time; every EPCI value comes from calculer() like any territory's (Σnum/Σden over
// its communes, or as published for the EPCI), so the map and the EPCI's page agree.
import type {Agregat, AgregatResume, Memoire} from "./agregation.js";
import {comparaisonsPour, type Faits} from "./diagnostic.js";
import {INDICATEURS, type Indicateur} from "./indicateurs.js";
import type {Referentiel} from "./referentiel.js";
import {detacher, extraire, simplifier, type Topologie} from "./topologie.js";

export interface FichierCarte {
  epci?: Topologie;
  departements?: Topologie;
}

/** An EPCI's value: [value, "c" complete | "a" approximate | "i" incomplete]; absent = not available. */
export type ValeurCarte = [number, "c" | "a" | "i"];
/** data/valeurs-epci/<indicateur>.json: year → EPCI code → value. */
export type ValeursCarte = Record<string, Record<string, ValeurCarte>>;

const STATUTS: Record<Exclude<Agregat["statut"], "non disponible">, ValeurCarte[1]> = {complet: "c", approximatif: "a", incomplet: "i"};
export const STATUT_CARTE: Record<ValeurCarte[1], Agregat["statut"]> = {c: "complet", a: "approximatif", i: "incomplet"};

/** Rates, amounts and per-1 000 figures compare from one area to another; counts and populations do not. */
export const cartographiable = (i: Indicateur): boolean => !["nombre", "habitants"].includes(i.unite);

/**
 * Douglas–Peucker tolerance and grid coarsening, in units of the source grid (≈ 11 m by
 * 15 m): France is drawn about 1 px per km, a région 5 to 10 times larger.
 */
const FINESSE = {france: {tolerance: 150, facteur: 40}, region: {tolerance: 30, facteur: 5}} as const;

function allegee(topo: Topologie | undefined, nom: string, garder: (code: string) => boolean, f: {tolerance: number; facteur: number}): Topologie | undefined {
  if (!topo) return undefined;
  const geometries = Object.values(topo.objects).flatMap((o) => o.geometries).filter((g) => garder(g.id!));
  return simplifier(detacher(extraire(topo, {[nom]: geometries})), f.tolerance, f.facteur);
}

/** "france" and every région code → its map file. A région's file holds every EPCI with a commune in it. */
export function fichiersCartes(ref: Referentiel, topos: {epci?: Topologie; departement?: Topologie}): Map<string, FichierCarte> {
  const regionsEpci = new Map<string, Set<string>>();
  for (const c of ref.communes.values()) if (c.epci) (regionsEpci.get(c.epci) ?? regionsEpci.set(c.epci, new Set()).get(c.epci)!).add(c.reg);
  const regDep = (d: string) => ref.departements.get(d)?.reg;
  const out = new Map<string, FichierCarte>([["france", {
    epci: allegee(topos.epci, "epci", () => true, FINESSE.france),
    departements: allegee(topos.departement, "departements", () => true, FINESSE.france)
  }]]);
  for (const reg of ref.regions.keys()) {
    out.set(reg, {
      epci: allegee(topos.epci, "epci", (code) => regionsEpci.get(code)?.has(reg) ?? false, FINESSE.region),
      departements: allegee(topos.departement, "departements", (code) => regDep(code) === reg, FINESSE.region)
    });
  }
  return out;
}

const compacte = (a: AgregatResume): ValeurCarte | null =>
  a.valeur == null || a.statut === "non disponible" ? null : [Math.round(a.valeur * 1e4) / 1e4, STATUTS[a.statut]];

/** Years kept per indicator: the latest ones, which the pages' headlines use (births go back to 2008: 0,5 Mo for all). */
const ANNEES_CARTE = 5;

/** Every EPCI's value of every comparable indicator, for its latest years (values rounded to 4 decimals: maps show 1); `memoire`: see Memoire. */
export function valeursEpci(ref: Referentiel, faits: Faits, indicateurs: readonly Indicateur[] = INDICATEURS.filter(cartographiable), memoire?: Memoire): Map<string, ValeursCarte> {
  const membres = new Map<string, string[]>();
  for (const c of ref.communes.values()) if (c.epci) (membres.get(c.epci) ?? membres.set(c.epci, []).get(c.epci)!).push(c.code);
  const zones = [...membres].map(([code, communes]) => ({id: `epci:${code}`, communes}));
  const comparaisons = comparaisonsPour(zones, faits, indicateurs, memoire);
  return new Map(indicateurs.map((i) => {
    const parAnnee: ValeursCarte = {};
    for (const [id, annees] of Object.entries(comparaisons[i.id] ?? {})) {
      for (const [annee, a] of Object.entries(annees)) {
        const v = compacte(a);
        if (v) (parAnnee[annee] ??= {})[id.slice(5)] = v;
      }
    }
    const recentes = Object.keys(parAnnee).sort().slice(-ANNEES_CARTE);
    return [i.id, Object.fromEntries(recentes.map((a) => [a, parAnnee[a]!]))];
  }));
}
