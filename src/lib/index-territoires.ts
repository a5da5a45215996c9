// The territory index every page loads at once (EPCI, départements, régions, CTG territories),
// the communes' names and former codes in small slices fetched as the user types (by the first
// letter of a word of the name, by the first two characters of a code: `tranchesIndex`), and the
// per-département files holding the communes' populations, loaded on demand: pages stay light.
import {equivalents, resoudreTerritoire} from "./territoire.js";
import type {CodeRattache, Commune, Departement, Epci, Groupe, Millesime, Referentiel, Region, TransfertAO} from "./referentiel.js";

export interface IndexTerritoires {
  millesimes: Millesime[];
  /** Columnar, for size: communes[i] = {code: code[i], nom: nom[i], dep: dep[i]}. */
  communes: {code: string[]; nom: string[]; dep: string[]};
  epci: (Epci & {deps: string[]})[];
  departements: Departement[];
  regions: Region[];
  /** equivalent: the id of the EPCI, département or commune with exactly the group's communes (one territory, one picker entry). */
  groupes: (Groupe & {equivalent?: string})[];
  /** AO competence transfers to EPCI (data/competences-ao). */
  transfertsAO?: TransfertAO[];
  /** Former codes and arrondissements, columnar: rattaches.code[i] belongs to rattaches.commune[i]. */
  rattaches?: {code: string[]; commune: string[]; nom: (string | null)[]; arrondissement: boolean[]};
  /**
   * Keys of the slices of data/index-communes/ (decouperIndex): the site's index starts without communes
   * and gains them slice by slice (ajouterTranche). Absent: the index holds every commune.
   */
  tranches?: string[];
}

export type FichierDepartement = Commune[];

export function construireIndex(ref: Referentiel): IndexTerritoires {
  const communes = [...ref.communes.values()];
  const deps = new Map<string, Set<string>>();
  for (const c of communes) if (c.epci) (deps.get(c.epci) ?? deps.set(c.epci, new Set()).get(c.epci)!).add(c.dep);
  return {
    millesimes: ref.millesimes,
    communes: {code: communes.map((c) => c.code), nom: communes.map((c) => c.nom), dep: communes.map((c) => c.dep)},
    epci: [...ref.epci.values()].map((e) => ({...e, deps: [...(deps.get(e.code) ?? [])].sort()})),
    departements: [...ref.departements.values()],
    regions: [...ref.regions.values()],
    groupes: [...ref.groupes.values()].map((g) => {
      const [equivalent] = equivalents(ref, resoudreTerritoire(ref, `groupe:${g.id}`));
      return equivalent ? {...g, equivalent} : g;
    }),
    transfertsAO: ref.transfertsAO ?? [],
    rattaches: colonnes([...(ref.rattaches?.values() ?? [])])
  };
}

const colonnes = (r: CodeRattache[]) => ({code: r.map((x) => x.code), commune: r.map((x) => x.commune), nom: r.map((x) => x.nom), arrondissement: r.map((x) => x.arrondissement)});

/** One slice of the communes' part of the index (data/index-communes/<clé>.json), in the index's columnar shapes. */
export type TrancheIndex = Pick<Required<IndexTerritoires>, "communes" | "rattaches">;

/** Folded for search: no accents, lower case, hyphens and apostrophes as spaces. */
export const plier = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[-'’]/g, " ");
// Words too common to narrow a search down: not slice keys (a name is filed under its other words).
const MOTS_VIDES = new Set(["l", "d", "le", "la", "les", "de", "du", "des", "en", "et", "sur", "sous", "aux", "au", "lez", "pres"]);
const CODE = /^[0-9][0-9ab]/i;

/** Slice keys of a name: "n-" and the first letter of each significant word (every word if none is). */
function clesNom(nom: string): string[] {
  const mots = plier(nom).split(/\s+/).filter(Boolean);
  const utiles = mots.filter((m) => !MOTS_VIDES.has(m));
  return [...new Set((utiles.length ? utiles : mots).map((m) => `n-${/[a-z]/.test(m[0]!) ? m[0] : "0"}`))];
}

/** Every slice key there can be (the site's dynamic paths): a code's two first characters for each département, a letter or "0" for a name. */
export const clesPossibles = (departements: readonly string[]): string[] =>
  // "20": Corsica's codes before 1976, still found as former codes
  [...new Set([...departements, "20"].map(cleCode)), ..."abcdefghijklmnopqrstuvwxyz0".split("").map((l) => `n-${l}`)];
const cleCode = (code: string) => `c-${code.slice(0, 2).toUpperCase()}`;

/**
 * The slices a query needs: for each word, its code slice (two characters of a code typed) or its name slice.
 * A mid-word fragment ("ains" for Digne-les-Bains) is not a key: names are found from the start of a word.
 */
export function clesRequete(requete: string): string[] {
  const mots = requete.split(/[\s,;]+/).filter(Boolean);
  const cles = mots.flatMap((m) => (/^[0-9]/.test(m) ? (CODE.test(m) ? [cleCode(m)] : []) : clesNom(m)));
  return [...new Set(cles)];
}

/** The index without its communes, and the communes and former codes in slices (each commune in the slices of its code and of its name's words). */
export function decouperIndex(index: IndexTerritoires): {base: IndexTerritoires; tranches: Map<string, TrancheIndex>} {
  const tranches = new Map<string, TrancheIndex>();
  const tranche = (cle: string) => tranches.get(cle) ?? tranches.set(cle, {communes: {code: [], nom: [], dep: []}, rattaches: colonnes([])}).get(cle)!;
  const c = index.communes;
  c.code.forEach((code, i) => {
    for (const cle of [cleCode(code), ...clesNom(c.nom[i]!)]) {
      const t = tranche(cle).communes;
      t.code.push(code);
      t.nom.push(c.nom[i]!);
      t.dep.push(c.dep[i]!);
    }
  });
  for (const r of rattachesDe(index).values()) {
    for (const cle of [cleCode(r.code), ...(r.nom ? clesNom(r.nom) : [])]) {
      const t = tranche(cle).rattaches;
      t.code.push(r.code);
      t.commune.push(r.commune);
      t.nom.push(r.nom);
      t.arrondissement.push(r.arrondissement);
    }
  }
  return {base: {...index, communes: {code: [], nom: [], dep: []}, rattaches: colonnes([]), tranches: [...tranches.keys()].sort()}, tranches};
}

// The codes an index already holds, kept beside it: a slice is added in the time of its own length.
const dejaVus = new WeakMap<IndexTerritoires, {communes: Set<string>; anciens: Set<string>}>();

/** Adds a slice's communes and former codes to the index (once each); true when the index grew. */
export function ajouterTranche(index: IndexTerritoires, t: TrancheIndex): boolean {
  const r = (index.rattaches ??= colonnes([]));
  const vus = dejaVus.get(index) ?? dejaVus.set(index, {communes: new Set(index.communes.code), anciens: new Set(r.code)}).get(index)!;
  const {communes: connues, anciens} = vus;
  let ajout = false;
  t.communes.code.forEach((code, i) => {
    if (connues.has(code)) return;
    connues.add(code);
    index.communes.code.push(code);
    index.communes.nom.push(t.communes.nom[i]!);
    index.communes.dep.push(t.communes.dep[i]!);
    ajout = true;
  });
  t.rattaches.code.forEach((code, i) => {
    if (anciens.has(code)) return;
    anciens.add(code);
    r.code.push(code);
    r.commune.push(t.rattaches.commune[i]!);
    r.nom.push(t.rattaches.nom[i] ?? null);
    r.arrondissement.push(t.rattaches.arrondissement[i]!);
    ajout = true;
  });
  return ajout;
}

/** A commune's département from its INSEE code (97x, 98x overseas; 2A/2B Corsica): known before its slice of the index is loaded. */
export const departementDuCode = (code: string): string => (/^9[78]/.test(code) ? code.slice(0, 3) : code.slice(0, 2));

/** The index's former codes and arrondissements as a map. */
export function rattachesDe(index: IndexTerritoires): Map<string, CodeRattache> {
  const r = index.rattaches;
  return new Map((r?.code ?? []).map((code, i) => [code, {code, commune: r!.commune[i]!, nom: r!.nom[i] ?? null, arrondissement: r!.arrondissement[i]!}]));
}

/** Départements whose files a territory needs (all of France for "france"). */
export function departementsNecessaires(index: IndexTerritoires, id: string): string[] {
  const [type, code] = id.includes(":") ? id.split(":", 2) : [id, ""];
  const depDe = departementDuCode;
  let deps: (string | undefined)[];
  switch (type) {
    case "commune": deps = [depDe(code!)]; break;
    case "epci": deps = index.epci.find((e) => e.code === code)?.deps ?? []; break;
    case "departement": deps = [code]; break;
    case "region": deps = index.departements.filter((d) => d.reg === code).map((d) => d.code); break;
    case "groupe": deps = (index.groupes.find((g) => g.id === code)?.communes ?? []).map(depDe); break;
    case "communes": deps = code!.split(",").map(depDe); break;
    default: deps = index.departements.map((d) => d.code);
  }
  return [...new Set(deps.filter((d): d is string => !!d))].sort();
}

/** The communes of each département (data/communes/<dep>.json), in the referential's order. */
export function communesParDepartement(ref: Referentiel): Map<string, FichierDepartement> {
  const parDep = new Map<string, FichierDepartement>();
  for (const c of ref.communes.values()) (parDep.get(c.dep) ?? parDep.set(c.dep, []).get(c.dep)!).push(c);
  return parDep;
}

/** A Referentiel restricted to the loaded départements: enough for every territory inside them. */
export function referentielPartiel(index: IndexTerritoires, fichiers: FichierDepartement[]): Referentiel {
  return {
    millesimes: index.millesimes,
    rattaches: rattachesDe(index),
    transfertsAO: index.transfertsAO ?? [],
    communes: new Map(fichiers.flat().map((c) => [c.code, c])),
    epci: new Map(index.epci.map((e) => [e.code, e])),
    departements: new Map(index.departements.map((d) => [d.code, d])),
    regions: new Map(index.regions.map((r) => [r.code, r])),
    groupes: new Map(index.groupes.map((g) => [g.id, g]))
  };
}
