// The territory index the home page loads at once (search over every commune, EPCI,
// département, région and CTG territory), and the per-département files holding the
// communes' populations, loaded on demand: this keeps the first page light.
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

/** The index's former codes and arrondissements as a map. */
export function rattachesDe(index: IndexTerritoires): Map<string, CodeRattache> {
  const r = index.rattaches;
  return new Map((r?.code ?? []).map((code, i) => [code, {code, commune: r!.commune[i]!, nom: r!.nom[i] ?? null, arrondissement: r!.arrondissement[i]!}]));
}

/** Départements whose files a territory needs (all of France for "france"). */
export function departementsNecessaires(index: IndexTerritoires, id: string): string[] {
  const [type, code] = id.includes(":") ? id.split(":", 2) : [id, ""];
  const depDe = (c: string) => index.communes.dep[index.communes.code.indexOf(c)];
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
