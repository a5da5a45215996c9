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

export interface Groupe {
  id: string;
  nom: string;
  description?: string;
  communes: string[];
  autoritesOrganisatrices?: DefinitionAO[];
  fichier?: string;
}

export interface Referentiel {
  millesimes: Millesime[];
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
