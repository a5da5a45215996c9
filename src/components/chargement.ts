// Browser side: fetch what a territory needs (its départements' communes and diagnostic
// files, each once); src/lib/donnees-territoire.ts assembles them.
import type {FichierCarte, ValeursCarte} from "../lib/cartes.js";
import {assemblerAgregats, assemblerDiagnostic, cleAgregats, type DonneesTerritoire, type FichierAgregats, type FichierContours, type FichierFaits, type FichierFrance} from "../lib/donnees-territoire.js";
import {depuisAgregats, type Precalcul} from "../lib/diagnostic.js";
import {departementsNecessaires, referentielPartiel, type FichierDepartement, type IndexTerritoires} from "../lib/index-territoires.js";
import type {CouvertureResumee} from "../lib/petite-enfance.js";
import type {FicheTerritoire} from "../lib/fiche.js";
import type {Referentiel} from "../lib/referentiel.js";
import {departementDeReference, LIBELLES_TYPE, resoudreTerritoire, type Territoire} from "../lib/territoire.js";

const cache = new Map<string, Promise<unknown>>();
/** A JSON file of the site, fetched once. */
export function json<T>(chemin: string): Promise<T> {
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

/** data/agregats/<france|region-93|departement-59>.json: a large territory's figures computed at build time. */
const cheminAgregats = (id: string) => `./data/agregats/${cleAgregats(id)}.json`;

/**
 * Asks for the files a territory's figures are read from (its département's files, or its build-time figures) as soon
 * as the index is there, while the page builds its picker: chargerDiagnostic and chargerDiagnosticPrecalcule find them on their way.
 */
export function prechargerDiagnostic(index: IndexTerritoires, id: string, detailCommunes = false): void {
  const fichiers = depuisAgregats(id, detailCommunes) ? [cheminAgregats(id)] : departementsNecessaires(index, id).flatMap((d) => [`./data/communes/${d}.json`, `./data/faits/${d}.json`]);
  for (const f of fichiers) json(f).catch(() => {}); // a failure is reported by the loading that needs the file
}

/** Everything the diagnostic of one territory needs. */
export async function chargerDiagnostic(index: IndexTerritoires, id: string, france: FichierFrance): Promise<DonneesTerritoire> {
  const deps = departementsNecessaires(index, id);
  // The facts' files fetched with the communes' ones, not after them (one round trip less before the first figures).
  const [{ref, territoire}, fichiers] = await Promise.all([chargerTerritoire(index, id), Promise.all(deps.map((d) => json<FichierFaits>(`./data/faits/${d}.json`)))]);
  return assemblerDiagnostic(ref, territoire, departementDeReference(ref, territoire), france, new Map(deps.map((d, i) => [d, fichiers[i]])));
}

/**
 * France, a région, or a département whose detail by commune is not asked for: its figures from one build-time file
 * (data/agregats/) instead of its départements' files (France: 5,6 Mo in 282 requests; Provence-Alpes-Côte d'Azur, 946
 * communes: 6 files, 25 requests; the Nord: 140 Ko), assembled by assemblerAgregats; its coverage for the
 * petite-enfance page. Null for any other territory.
 */
export async function chargerDiagnosticPrecalcule(index: IndexTerritoires, id: string, france: FichierFrance, {detailCommunes = false} = {}): Promise<(DonneesTerritoire & {precalcul: Precalcul; couverture: CouvertureResumee}) | null> {
  if (!depuisAgregats(id, detailCommunes)) return null;
  const fichier = await json<FichierAgregats>(cheminAgregats(id));
  return assemblerAgregats(referentielPartiel(index, []), territoireAgrege(index, id), france, fichier);
}

/** France, a région or a département named from the index, its communes not listed (they are counted in its build-time file). */
function territoireAgrege(index: IndexTerritoires, id: string): Territoire {
  const [type, code] = (id === "france" ? ["france", "FR"] : id.split(":", 2)) as ["france" | "region" | "departement", string];
  const nom = type === "france" ? LIBELLES_TYPE.france : (type === "region" ? index.regions : index.departements).find((z) => z.code === code)?.nom ?? code;
  return {id, type, code, nom, communes: []};
}

/**
 * The home page of France or a région: its populations and its number of communes from its build-time file, not from
 * every commune's file (France: 1,4 Mo in 117 requests), which come with its detail by commune.
 */
export async function chargerPopulationsAgregees(index: IndexTerritoires, id: string): Promise<{territoire: FicheTerritoire["territoire"]; populations: FicheTerritoire["evolution"]}> {
  const fichier = await json<FichierAgregats>(cheminAgregats(id));
  const {communes: _aucune, ...t} = territoireAgrege(index, id);
  return {territoire: {...t, nombreCommunes: fichier.communes}, populations: fichier.populations};
}

/** The contours of a territory's communes (its départements' files), for a commune map. */
export async function chargerContours(index: IndexTerritoires, id: string): Promise<FichierContours> {
  const fichiers = await Promise.all(departementsNecessaires(index, id).map((d) => json<FichierContours>(`./data/contours/${d}.json`)));
  return Object.assign({}, ...fichiers);
}

/** The national map file a territory is drawn from: its région's, or France's (lighter lines) for France. */
export function chargerCarte(index: IndexTerritoires, id: string): Promise<FichierCarte> {
  const [type, code] = id.split(":", 2);
  const reg = type === "region" ? code : type === "departement" ? index.departements.find((d) => d.code === code)?.reg : undefined;
  return json<FichierCarte>(`./data/cartes/${reg ?? "france"}.json`);
}

export const chargerValeursEpci = (indicateur: string): Promise<ValeursCarte> => json<ValeursCarte>(`./data/valeurs-epci/${indicateur}.json`);
