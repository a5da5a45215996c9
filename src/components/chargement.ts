// Browser side: fetch what a territory needs (its départements' communes and diagnostic
// files, each once) and assemble the Referentiel and Faits the domain functions take.
import type {AgregatResume} from "./agregation.js";
import type {Comparaisons, Faits} from "./diagnostic.js";
import {departementsNecessaires, referentielPartiel, type FichierDepartement, type IndexTerritoires} from "./index-territoires.js";
import type {Referentiel} from "./referentiel.js";
import {departementDeReference, equivalents, resoudreTerritoire, type Territoire} from "./territoire.js";

/** data/faits/<dep>.json */
export interface FichierFaits extends Faits {
  comparaison: Record<string, Record<string, AgregatResume>>;
  /** GeoJSON geometry of each commune whose contour is loaded. */
  contours: Record<string, unknown>;
}

/** data/france.json */
export interface FichierFrance {
  comparaison: Record<string, Record<string, AgregatResume>>;
  publies: Faits["publies"];
  /** Analysts' entries for whole territories (few: all of them travel with this file). */
  saisies: NonNullable<Faits["saisies"]>;
}

const cache = new Map<string, Promise<unknown>>();
function json<T>(chemin: string): Promise<T> {
  if (!cache.has(chemin)) {
    cache.set(chemin, fetch(chemin).then((r) => {
      if (!r.ok) throw new Error(`Fichier introuvable : ${chemin} (${r.status})`);
      return r.json();
    }));
  }
  return cache.get(chemin) as Promise<T>;
}

export async function chargerTerritoire(index: IndexTerritoires, id: string): Promise<{ref: Referentiel; territoire: Territoire}> {
  const deps = departementsNecessaires(index, id);
  const fichiers = await Promise.all(deps.map((d) => json<FichierDepartement>(`./data/communes/${d}.json`)));
  const ref = referentielPartiel(index, fichiers);
  return {ref, territoire: resoudreTerritoire(ref, id)};
}

export interface DonneesTerritoire {
  ref: Referentiel;
  territoire: Territoire;
  departement: string | null;
  /** Published territories with the same communes (see territoire.ts). */
  equivalents: string[];
  faits: Faits;
  comparaisons: Comparaisons;
  contours: Record<string, unknown>;
}

/** Everything the diagnostic of one territory needs. */
export async function chargerDiagnostic(index: IndexTerritoires, id: string, france: FichierFrance): Promise<DonneesTerritoire> {
  const {ref, territoire} = await chargerTerritoire(index, id);
  const departement = departementDeReference(ref, territoire);
  const deps = departementsNecessaires(index, id);
  const fichiers = await Promise.all(deps.map((d) => json<FichierFaits>(`./data/faits/${d}.json`)));
  const faits: Faits = {series: {}, publies: structuredClone(france.publies), saisies: france.saisies};
  for (const f of fichiers) {
    for (const [base, serie] of Object.entries(f.series)) Object.assign((faits.series[base] ??= {}), serie);
    for (const [base, parId] of Object.entries(f.publies)) Object.assign((faits.publies[base] ??= {}), parId);
    Object.assign((faits.calibration ??= {}), f.calibration);
  }
  const comparaisons: Comparaisons = {};
  for (const [ind, parAnnee] of Object.entries(france.comparaison)) (comparaisons[ind] ??= {})["france"] = parAnnee;
  const fDep = departement ? fichiers[deps.indexOf(departement)] : undefined;
  for (const [ind, parAnnee] of Object.entries(fDep?.comparaison ?? {})) (comparaisons[ind] ??= {})[`departement:${departement}`] = parAnnee;
  const contours = Object.assign({}, ...fichiers.map((f) => f.contours));
  return {ref, territoire, departement, equivalents: equivalents(ref, territoire), faits, comparaisons, contours};
}
