// The "fiche territoire": what the home page shows and `ctg territoire --json` prints
// (shape documented in docs/cli.md). One function, so site and CLI cannot disagree.
import {COMPETENCES} from "./ao.js";
import {millesimeEnVigueur, type Millesime, type Referentiel} from "./referentiel.js";
import {communesPopulation, millesimeAO, populationTerritoire, tableauAO, type AutoriteOrganisatrice, type Territoire} from "./territoire.js";

export interface FicheTerritoire {
  territoire: Pick<Territoire, "id" | "type" | "code" | "nom" | "description" | "rattachement"> & {nombreCommunes: number};
  population: {millesime: number; enVigueur: number; municipale: number | null; totale: number | null};
  evolution: {millesime: number; enVigueur: number; municipale: number | null; totale: number | null}[];
  communes: {code: string; nom: string; departement: string; epci: string | null; populationMunicipale: number | null; populationTotale: number | null; autoriteOrganisatrice: string | null; codeAutoriteOrganisatrice: string | null}[];
  autoritesOrganisatrices: {
    millesime: number | null;
    enVigueur: number | null;
    lignes: (AutoriteOrganisatrice & {libellesCompetences: string[]})[];
  };
}

export interface OptionsFiche {
  /** Millésime of the displayed population (default: the one in force on 1 January of this year). */
  millesime?: number;
  /** Millésime for AO thresholds (default: latest with population totale for every commune). */
  millesimeAO?: number;
  annee?: number;
}

/**
 * The fiche of France or a région from its build-time file (agregats: its populations, its number of communes),
 * for the millésime shown: no commune and no AO listed (their tables come with the detail by commune).
 */
export function ficheAgregee(territoire: FicheTerritoire["territoire"], evolution: FicheTerritoire["evolution"], m: Pick<Millesime, "annee" | "enVigueur">): FicheTerritoire {
  const population = evolution.find((e) => e.millesime === m.annee) ?? {millesime: m.annee, enVigueur: m.enVigueur, municipale: null, totale: null};
  return {territoire, population, evolution, communes: [], autoritesOrganisatrices: {millesime: null, enVigueur: null, lignes: []}};
}

function choisir(ref: Referentiel, annee: number | undefined): Millesime | undefined {
  if (annee == null) return undefined;
  const m = ref.millesimes.find((x) => x.annee === annee);
  if (!m) throw new Error(`Millésime de population inconnu : ${annee}. Millésimes chargés : ${ref.millesimes.map((x) => x.annee).join(", ")}.`);
  return m;
}

/** The territory's legal populations, every millésime loaded, oldest first. */
export function evolutionPopulation(ref: Referentiel, t: Territoire): FicheTerritoire["evolution"] {
  return [...ref.millesimes].sort((a, b) => a.annee - b.annee).map((x) => {
    const p = populationTerritoire(ref, communesPopulation(t), x);
    return {millesime: x.annee, enVigueur: x.enVigueur, municipale: p.municipale, totale: p.totale};
  });
}

export function ficheTerritoire(ref: Referentiel, t: Territoire, o: OptionsFiche = {}): FicheTerritoire {
  const m = choisir(ref, o.millesime) ?? millesimeEnVigueur(ref.millesimes, o.annee);
  const mAO = choisir(ref, o.millesimeAO) ?? millesimeAO(ref, t.communes);
  const aos = mAO ? tableauAO(ref, t, mAO) : [];
  const aoDe = new Map(aos.flatMap((a) => a.communes.map((c) => [c, a] as const)));
  const evolution = evolutionPopulation(ref, t);
  return {
    territoire: {id: t.id, type: t.type, code: t.code, nom: t.nom, description: t.description, rattachement: t.rattachement, nombreCommunes: t.communes.length},
    population: evolution.find((e) => e.millesime === m.annee)!,
    evolution,
    communes: t.communes.map((code) => {
      const c = ref.communes.get(code)!;
      const p = c.pop?.[String(m.annee)];
      return {code, nom: c.nom, departement: c.dep, epci: c.epci, populationMunicipale: p?.[0] ?? null, populationTotale: p?.[1] ?? null, autoriteOrganisatrice: aoDe.get(code)?.nom ?? null, codeAutoriteOrganisatrice: aoDe.get(code)?.code ?? null};
    }),
    autoritesOrganisatrices: {
      millesime: mAO?.annee ?? null,
      enVigueur: mAO?.enVigueur ?? null,
      lignes: aos.map((a) => ({...a, libellesCompetences: COMPETENCES.filter((c) => a.competences.includes(c.id)).map((c) => c.libelle)}))
    }
  };
}
