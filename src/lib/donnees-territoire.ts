// What the site's build writes for the browser (one file per département, one for France)
// and how one territory's diagnostic inputs are assembled from them. Pure: the fetching
// is src/components/chargement.ts's job, the writing src/data/'s.
import {memoirePour, type AgregatResume, type Memoire} from "./agregation.js";
import {avecEnfantsMoins3Ans, BASE_ENFANTS_MOINS3} from "./enfants-moins3ans.js";
import {INDICATEURS} from "./indicateurs.js";
import {valeursComparaison, type Comparaisons, type Faits, type Precalcul} from "./diagnostic.js";
import {couvertureTerritoire, resumerCouverture, type CouvertureResumee} from "./petite-enfance.js";
import {evolutionPopulation, type FicheTerritoire} from "./fiche.js";
import type {Referentiel} from "./referentiel.js";
import {equivalents, resoudreTerritoire, type Territoire} from "./territoire.js";

/** data/faits/<dep>.json */
export interface FichierFaits extends Faits {
  comparaison: Record<string, Record<string, AgregatResume>>;
}

/** data/contours/<dep>.json: the GeoJSON geometry of each commune whose contour is loaded (fetched when a map comes into view). */
export type FichierContours = Record<string, unknown>;

/** data/france.json */
export interface FichierFrance {
  comparaison: Record<string, Record<string, AgregatResume>>;
  publies: Faits["publies"];
  /** Analysts' entries for whole territories (few: all of them travel with this file). */
  saisies: NonNullable<Faits["saisies"]>;
  /** Benchmarks quoted by a territory's own diagnostic (Faits.references), as few. */
  references: NonNullable<Faits["references"]>;
  /** The data's date (dateDesDonnees of the warehouse's sources): the annexe's header shows it without the sources' list. */
  donneesDu: string;
}

export interface DonneesTerritoire {
  ref: Referentiel;
  territoire: Territoire;
  departement: string | null;
  /** Published territories with the same communes (see territoire.ts). */
  equivalents: string[];
  faits: Faits;
  comparaisons: Comparaisons;
  /** A large territory served from build-time figures (territoire.communes then empty): how many communes it has. */
  nombreCommunes?: number;
}

/** How many communes a territory's data covers (listed, or counted at build time). */
export const nombreCommunes = (d: Pick<DonneesTerritoire, "territoire" | "nombreCommunes">): number => d.nombreCommunes ?? d.territoire.communes.length;

/**
 * One territory's facts and comparisons from the files of the départements it
 * spans (`fichiers`, keyed by département code) and France's file.
 */
export function assemblerDiagnostic(
  ref: Referentiel,
  territoire: Territoire,
  departement: string | null,
  france: FichierFrance,
  fichiers: Map<string, FichierFaits>
): DonneesTerritoire {
  const faits: Faits = {series: {}, publies: structuredClone(france.publies), saisies: france.saisies, references: france.references};
  for (const f of fichiers.values()) {
    for (const [base, serie] of Object.entries(f.series)) Object.assign((faits.series[base] ??= {}), serie);
    for (const [base, parId] of Object.entries(f.publies)) Object.assign((faits.publies[base] ??= {}), parId);
    Object.assign((faits.calibration ??= {}), f.calibration);
    for (const [base, parCommune] of Object.entries(f.piecesAbsentes ?? {})) Object.assign(((faits.piecesAbsentes ??= {})[base] ??= {}), parCommune);
  }
  // Derived from births, the Cnaf's counts and the calibration, which the files carry: computed here, not downloaded.
  avecEnfantsMoins3Ans(faits);
  const comparaisons: Comparaisons = {};
  for (const [ind, parAnnee] of Object.entries(france.comparaison)) (comparaisons[ind] ??= {})["france"] = parAnnee;
  const fDep = departement ? fichiers.get(departement) : undefined;
  for (const [ind, parAnnee] of Object.entries(fDep?.comparaison ?? {})) (comparaisons[ind] ??= {})[`departement:${departement}`] = parAnnee;
  return {ref, territoire, departement, equivalents: equivalents(ref, territoire), faits, comparaisons};
}

/**
 * A territory read from its build-time file (data/agregats/): its communes counted, not listed; a département
 * compared with itself, its own figures standing for the département's column, as when its communes are read.
 */
export function assemblerAgregats(ref: Referentiel, territoire: Territoire, france: FichierFrance, fichier: FichierAgregats): DonneesTerritoire & {precalcul: Precalcul; couverture: CouvertureResumee} {
  const departement = territoire.type === "departement" ? territoire.code : null;
  const donnees = assemblerDiagnostic(ref, territoire, departement, france, new Map());
  if (departement) for (const [ind, parAnnee] of Object.entries(fichier.precalcul)) (donnees.comparaisons[ind] ??= {})[territoire.id] = parAnnee;
  return {...donnees, equivalents: [], precalcul: fichier.precalcul, nombreCommunes: fichier.communes, couverture: fichier.couverture};
}

/** The file of each département: its communes' series and published figures, and its own comparison values. */
export function fichiersParDepartement(
  ref: Referentiel,
  faits: Faits,
  comparaisons: Comparaisons
): Map<string, FichierFaits> {
  const depDe = (code: string) => ref.communes.get(code)?.dep ?? "";
  const parDep = new Map<string, FichierFaits>();
  for (const dep of ref.departements.keys()) {
    const comparaison = Object.fromEntries(Object.entries(comparaisons).map(([ind, parZone]) => [ind, parZone[`departement:${dep}`] ?? {}]));
    parDep.set(dep, {series: {}, publies: {}, comparaison});
  }
  for (const [base, serie] of Object.entries(faits.series)) {
    if (base === BASE_ENFANTS_MOINS3) continue; // rebuilt by assemblerDiagnostic from what the file carries
    for (const [code, valeurs] of Object.entries(serie)) {
      const f = parDep.get(depDe(code));
      if (f) (f.series[base] ??= {})[code] = valeurs;
    }
  }
  // A commune's published figures go to its département's file, an EPCI's to those of every département it spans (opening an EPCI loads them all).
  const depsEpci = new Map<string, Set<string>>();
  for (const c of ref.communes.values()) if (c.epci) (depsEpci.get(c.epci) ?? depsEpci.set(c.epci, new Set()).get(c.epci)!).add(c.dep);
  for (const [base, parId] of Object.entries(faits.publies)) {
    for (const [id, valeurs] of Object.entries(parId)) {
      const deps = id.startsWith("commune:") ? [depDe(id.slice(8))] : id.startsWith("epci:") ? [...(depsEpci.get(id.slice(5)) ?? [])] : [];
      for (const d of deps) {
        const f = parDep.get(d);
        if (f) (f.publies[base] ??= {})[id] = valeurs;
      }
    }
  }
  for (const [code, facteur] of Object.entries(faits.calibration ?? {})) {
    const f = parDep.get(depDe(code));
    if (f) (f.calibration ??= {})[code] = facteur;
  }
  for (const [base, parCommune] of Object.entries(faits.piecesAbsentes ?? {})) {
    for (const [code, annees] of Object.entries(parCommune)) {
      const f = parDep.get(depDe(code));
      if (f) ((f.piecesAbsentes ??= {})[base] ??= {})[code] = annees;
    }
  }
  return parDep;
}

/** The contours of each département's communes (empty where none is loaded: every page can ask). */
export function contoursParDepartement(ref: Referentiel, contours: Record<string, unknown>): Map<string, FichierContours> {
  const parDep = new Map<string, FichierContours>([...ref.departements.keys()].map((d) => [d, {}]));
  for (const [code, geometrie] of Object.entries(contours)) {
    const f = parDep.get(ref.communes.get(code)?.dep ?? "");
    if (f) f[code] = geometrie;
  }
  return parDep;
}

/**
 * France's file: its comparison values, the analysts' whole-territory entries, and the
 * figures published for départements, régions and France (EPCI's travel with their départements' files:
 * 70 Ko gzip that every page downloaded).
 */
export function fichierFrance(faits: Faits, comparaisons: Comparaisons, donneesDu = ""): FichierFrance {
  return {
    donneesDu,
    comparaison: Object.fromEntries(Object.entries(comparaisons).map(([ind, parZone]) => [ind, parZone["france"] ?? {}])),
    saisies: faits.saisies ?? {},
    references: faits.references ?? {},
    publies: Object.fromEntries(Object.entries(faits.publies).map(([base, parId]) => [base, Object.fromEntries(Object.entries(parId).filter(([id]) => !id.startsWith("commune:") && !id.startsWith("epci:")))]))
  };
}

/** The name of a territory's build-time file in data/agregats/: "france", "region-93", "departement-59". */
export const cleAgregats = (id: string): string => id.replace(":", "-");

/**
 * data/agregats/<cleAgregats>.json: a large territory's figures, computed at build time. Every
 * ratio pairs its denominator by date and every population millésime is there, so the file serves
 * whichever millésime the page shows.
 */
export interface FichierAgregats {
  precalcul: Precalcul;
  /** How many communes the territory has (they are not listed: France's codes alone would weigh 80 Ko). */
  communes: number;
  /** Its petite-enfance page: coverage year by year, without the rows per commune (France: 35 000 communes summed, 9 s in Node). */
  couverture: CouvertureResumee;
  /** Its home page: legal populations, every millésime (evolutionPopulation). */
  populations: FicheTerritoire["evolution"];
}

/**
 * France, every région and every département: the Σnum/Σden (or published figure) of every indicator and year,
 * computed by calculer() exactly as the browser would, and their coverage as couvertureTerritoire() computes it, so
 * that their pages show first figures without downloading their communes' files (a département's, up to 140 Ko
 * for the Nord, only when its detail by commune is asked for).
 */
export function fichiersAgregats(ref: Referentiel, faits: Faits, memoire?: Memoire): Map<string, FichierAgregats> {
  const ids = ["france", ...[...ref.regions.keys()].map((r) => `region:${r}`), ...[...ref.departements.keys()].map((d) => `departement:${d}`)];
  // One memory for all of them (see Memoire): each commune's cells are read once.
  const m = memoirePour(ref.communes.keys(), memoire);
  return new Map(ids.map((id) => {
    const t = resoudreTerritoire(ref, id);
    const ids = [t.id, ...equivalents(ref, t)];
    const precalcul = valeursComparaison(faits, ids, t.communes, INDICATEURS, m);
    // A département is compared with itself, as when its page reads its communes (departementDeReference).
    const departement = t.type === "departement" ? t.code : null;
    const couverture = resumerCouverture(couvertureTerritoire(faits, t.communes, ids, departement, {detail: false}), (code) => ref.communes.get(code)?.nom ?? code);
    return [cleAgregats(id), {precalcul, communes: t.communes.length, couverture, populations: evolutionPopulation(ref, t)}];
  }));
}
