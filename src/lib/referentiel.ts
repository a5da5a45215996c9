// The territorial referential as the site and the CLI receive it (JSON), and the
// lookups every page needs. Built in Node from the warehouse (entrepot/lecture.ts);
// in the browser, communes' populations arrive per département and are merged in.

/** A legal-population vintage ("millésime"): year of reference, in force 3 years later. */
export interface Millesime {
  annee: number;
  /** Year on whose 1 January the figures came into force (annee + 3). */
  enVigueur: number;
  /** Whether population totale is known for this millésime. */
  populationTotale: boolean;
  sources: string[];
}

/**
 * INSEE's populations légales (the official file of each millésime) cover metropolitan France and
 * the DROM but Mayotte, whose census runs on its own cycle: its latest legal population is the
 * 2017 census, which the referential packages repeat under every millésime. The collectivités
 * d'outre-mer (975, 977, 978, 98x) have census dates of their own. So Mayotte's figure is loaded
 * once, as millésime 2017, the COM's not at all, and France's population sums the communes in
 * INSEE's field: the same perimeter for every millésime.
 */
export const MILLESIME_MAYOTTE = 2017;
export const estMayotte = (code: string): boolean => code.startsWith("976");
export const dansChampPopulationsLegales = (code: string): boolean => !/^(97[5-8]|98)/.test(code);

/** [population municipale, population totale (null when the source lacks it)]. */
export type Populations = [number, number | null];

export interface Commune {
  code: string;
  nom: string;
  dep: string;
  reg: string;
  epci: string | null;
  /** Keyed by millésime (as a string, JSON keys); absent where unknown. */
  pop?: Record<string, Populations>;
}

export interface Epci {
  code: string;
  nom: string;
  type: string;
}

export interface Departement {
  code: string;
  nom: string;
  reg: string;
}

export interface Region {
  code: string;
  nom: string;
}

/** Who exercises the AO competence for which communes, in a custom territory. */
export interface DefinitionAO {
  /** An EPCI exercising the competence for its member communes in the territory, except `sauf`. */
  epci: string;
  nom?: string;
  sauf?: string[];
}

/** A transfer of the AO competence to an EPCI (data/competences-ao): a fact about the EPCI and its communes. */
export interface TransfertAO extends DefinitionAO {
  /** Date the transfer is in force (AAAA-MM-JJ). */
  enVigueur: string;
  source: string;
}

export interface Groupe {
  id: string;
  nom: string;
  description?: string;
  communes: string[];
  autoritesOrganisatrices?: DefinitionAO[];
  /** Years of the territory's conventions (data/territoires/*.json). */
  conventions?: {debut: number; fin: number}[];
  fichier?: string;
}

/** A code that is no current commune but belongs to one: a former commune merged since, or a PLM arrondissement. */
export interface CodeRattache {
  code: string;
  /** Today's commune. */
  commune: string;
  /** Name of the former commune or arrondissement, when the referential gives it. */
  nom: string | null;
  arrondissement: boolean;
}

export interface Referentiel {
  millesimes: Millesime[];
  /** Former codes and arrondissements → today's commune (codes spread over several communes left out). */
  rattaches?: Map<string, CodeRattache>;
  /** AO competence transfers to EPCI, for every territory containing their communes. */
  transfertsAO?: TransfertAO[];
  communes: Map<string, Commune>;
  epci: Map<string, Epci>;
  departements: Map<string, Departement>;
  regions: Map<string, Region>;
  groupes: Map<string, Groupe>;
}

/** Millésime in force on 1 January of `annee` (default: the current year), or the latest known before it. */
export function millesimeEnVigueur(millesimes: Millesime[], annee = new Date().getFullYear()): Millesime {
  const eligibles = millesimes.filter((m) => m.enVigueur <= annee).sort((a, b) => b.annee - a.annee);
  const m = eligibles[0] ?? [...millesimes].sort((a, b) => a.annee - b.annee)[0];
  if (!m) throw new Error("Aucun millésime de population légale n'est chargé.");
  return m;
}

export function membresEpci(ref: Referentiel, code: string): string[] {
  return [...ref.communes.values()].filter((c) => c.epci === code).map((c) => c.code);
}

export function communesOuErreur(ref: Referentiel, codes: string[]): Commune[] {
  return codes.map((code) => {
    const c = ref.communes.get(code);
    if (!c) throw new Error(`Commune inconnue du référentiel : ${code}`);
    return c;
  });
}
