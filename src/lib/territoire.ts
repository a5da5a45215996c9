// Territories: a commune, an EPCI, a département, a région, France, or a custom group.
// Every figure of a territory is computed from its member communes, so that a group
// and an EPCI follow exactly the same rules (sums of counts, never means of rates).
import {ANNEE_EFFET_AO, competencesAO, trancheAO, type CompetenceId, type Tranche} from "./ao.js";
import {communesOuErreur, dansChampPopulationsLegales, membresEpci, type CodeRattache, type DefinitionAO, type Millesime, type Referentiel, type TransfertAO} from "./referentiel.js";

export type TypeTerritoire = "commune" | "epci" | "departement" | "region" | "france" | "groupe";

export interface Territoire {
  id: string;
  type: TypeTerritoire;
  code: string;
  nom: string;
  description?: string;
  communes: string[];
  /** Said when the user typed a former commune code or an arrondissement: which current commune it belongs to. */
  rattachement?: string;
}

export const LIBELLES_TYPE: Record<TypeTerritoire, string> = {
  commune: "Commune",
  epci: "EPCI",
  departement: "Département",
  region: "Région",
  france: "France",
  groupe: "Territoire CTG"
};

/** Short prefixes analysts type: "dep:04", "reg:93". */
const ABREVIATIONS: Record<string, TypeTerritoire> = {dep: "departement", reg: "region", com: "commune"};

function territoire(type: TypeTerritoire, code: string, nom: string, communes: string[], description?: string): Territoire {
  return {id: type === "france" ? "france" : `${type}:${code}`, type, code, nom, communes: [...communes].sort(), description};
}

function parType(ref: Referentiel, type: TypeTerritoire, code: string): Territoire | undefined {
  const all = [...ref.communes.values()];
  switch (type) {
    case "commune": {
      const c = ref.communes.get(code);
      return c && territoire("commune", code, c.nom, [code]);
    }
    case "epci": {
      const e = ref.epci.get(code);
      return e && territoire("epci", code, e.nom, membresEpci(ref, code));
    }
    case "departement": {
      const d = ref.departements.get(code);
      return d && territoire("departement", code, d.nom, all.filter((c) => c.dep === code).map((c) => c.code));
    }
    case "region": {
      const r = ref.regions.get(code);
      return r && territoire("region", code, r.nom, all.filter((c) => c.reg === code).map((c) => c.code));
    }
    case "france":
      return territoire("france", "FR", "France", all.map((c) => c.code));
    case "groupe": {
      const g = ref.groupes.get(code);
      return g && territoire("groupe", g.id, g.nom, g.communes, g.description);
    }
  }
}

/**
 * Resolve what an analyst types: an explicit id ("epci:200067437", "groupe:ctg-paa", "france"),
 * a custom group id, a 9-digit SIREN, a commune code, a département or région code.
 */
export function resoudreTerritoire(ref: Referentiel, saisie: string): Territoire {
  const s = saisie.trim();
  const [brut, reste] = s.includes(":") ? (s.split(":", 2) as [string, string]) : ["", s];
  // An ad-hoc group as pages write it in their URL: "communes:04070,04049".
  if (brut === "communes") return groupeAdHoc(ref, reste.split(","));
  const prefixe = ABREVIATIONS[brut] ?? brut;
  const type = prefixe as TypeTerritoire;
  const t = prefixe
    ? prefixe in LIBELLES_TYPE
      ? parType(ref, type, reste)
      : undefined
    : s.toLowerCase() === "france"
      ? parType(ref, "france", "FR")
      : parType(ref, "groupe", s) ??
        (/^\d{9}$/.test(s) ? parType(ref, "epci", s) : undefined) ??
        (/^[0-9][0-9AB][0-9]{3}$/.test(s) ? parType(ref, "commune", s) ?? rattache(ref, s) : undefined) ??
        (/^[0-9][0-9AB][0-9]?$/.test(s) ? parType(ref, "departement", s) ?? parType(ref, "region", s) : undefined);
  if (!t) throw new Error(`Territoire inconnu : « ${saisie} ». Indiquez un code INSEE de commune, un SIREN d'EPCI, un code de département ou de région, ou l'identifiant d'un territoire CTG.`);
  return t;
}

/** The current commune a former code or an arrondissement belongs to, saying so. */
function rattache(ref: Referentiel, code: string): Territoire | undefined {
  const r = ref.rattaches?.get(code);
  const t = r && parType(ref, "commune", r.commune);
  return t && {...t, rattachement: phraseRattachement(r, t.nom)};
}

export function phraseRattachement(r: CodeRattache, nomCommune: string): string {
  const ancien = `${r.code}${r.nom ? ` (${r.nom})` : ""}`;
  return r.arrondissement
    ? `${ancien} est un arrondissement municipal : les chiffres sont ceux de la commune entière, ${nomCommune} (${r.commune}).`
    : `${ancien} est un ancien code de commune, fusionnée depuis : elle appartient aujourd'hui à ${nomCommune} (${r.commune}).`;
}

/** An ad-hoc group from a list of commune codes (CLI --communes, pages' "communes:…" ids). */
export function groupeAdHoc(ref: Referentiel, codes: string[], nom = "Groupe de communes"): Territoire {
  const uniques = [...new Set(codes.map((c) => c.trim()).filter(Boolean))];
  if (uniques.length === 0) throw new Error("Le groupe de communes est vide.");
  communesOuErreur(ref, uniques);
  return territoire("groupe", `adhoc-${uniques.join("-")}`.slice(0, 80), nom, uniques);
}

export interface PopulationTerritoire {
  millesime: number;
  enVigueur: number;
  municipale: number | null;
  totale: number | null;
  /** Communes whose figure is missing for this millésime (the total is then null). */
  manquantesMunicipale: string[];
  manquantesTotale: string[];
}

/** Σ of the communes' legal populations for one millésime; null (never 0) when a part is missing. */
/** The communes whose legal populations make up the territory's: France's are INSEE's field (see dansChampPopulationsLegales). */
export const communesPopulation = (t: Pick<Territoire, "type" | "communes">): string[] =>
  t.type === "france" ? t.communes.filter(dansChampPopulationsLegales) : [...t.communes];

export function populationTerritoire(ref: Referentiel, communes: string[], m: Millesime): PopulationTerritoire {
  let pmun = 0;
  let ptot = 0;
  const manquantesMunicipale: string[] = [];
  const manquantesTotale: string[] = [];
  for (const code of communes) {
    const p = ref.communes.get(code)?.pop?.[String(m.annee)];
    if (p) pmun += p[0];
    else manquantesMunicipale.push(code);
    if (p && p[1] != null) ptot += p[1];
    else manquantesTotale.push(code);
  }
  return {
    millesime: m.annee,
    enVigueur: m.enVigueur,
    municipale: manquantesMunicipale.length ? null : pmun,
    totale: manquantesTotale.length ? null : ptot,
    manquantesMunicipale,
    manquantesTotale
  };
}

export interface AutoriteOrganisatrice {
  type: "commune" | "epci";
  code: string;
  nom: string;
  /** Communes for which this AO exercises the competence. */
  communes: string[];
  populationTotale: number | null;
  tranche: Tranche | null;
  competences: CompetenceId[];
  /** For an EPCI AO: the transfer's source and date in force (data/competences-ao). */
  source?: string;
  enVigueur?: string;
}

/**
 * The AO table of a territory: an EPCI to which communes transferred the competence
 * (data/competences-ao, whatever the territory: the EPCI itself, a CTG, a département, an
 * ad-hoc group; or a group file's own definition) exercises it for those communes; every
 * other commune is its own AO. Thresholds use the population totale of the millésime `m`
 * over all the communes the AO acts for, inside the territory or not: the law sizes the AO.
 */
export function tableauAO(ref: Referentiel, t: Territoire, m: Millesime): AutoriteOrganisatrice[] {
  const dansTerritoire = new Set(t.communes);
  const epcis = new Set(t.communes.map((c) => ref.communes.get(c)?.epci));
  const propres = t.type === "groupe" ? ref.groupes.get(t.code)?.autoritesOrganisatrices ?? [] : [];
  const defs: (DefinitionAO & Partial<TransfertAO>)[] = [...propres, ...(ref.transfertsAO ?? []).filter((d) => epcis.has(d.epci) && !propres.some((p) => p.epci === d.epci))];
  const couvertes = new Set<string>();
  const aos: AutoriteOrganisatrice[] = [];
  for (const def of defs) {
    const sauf = new Set(def.sauf ?? []);
    const perimetre = membresEpci(ref, def.epci).filter((c) => !sauf.has(c));
    const communes = perimetre.filter((c) => dansTerritoire.has(c));
    if (!communes.length) continue;
    communes.forEach((c) => couvertes.add(c));
    aos.push({...ao("epci", def.epci, def.nom ?? ref.epci.get(def.epci)?.nom ?? def.epci, communes, perimetre),
      ...(def.source ? {source: def.source, enVigueur: def.enVigueur} : {})});
  }
  for (const code of t.communes) {
    if (!couvertes.has(code)) aos.push(ao("commune", code, ref.communes.get(code)?.nom ?? code, [code], [code]));
  }
  return aos;

  function ao(type: "commune" | "epci", code: string, nom: string, communes: string[], perimetre: string[]): AutoriteOrganisatrice {
    const pop = populationTerritoire(ref, perimetre, m).totale;
    return {
      type,
      code,
      nom,
      communes: [...communes].sort(),
      populationTotale: pop,
      tranche: pop == null ? null : trancheAO(pop),
      competences: pop == null ? [] : competencesAO(pop)
    };
  }
}

/**
 * Millésime for the AO thresholds: the population in force when the AO competences took
 * effect (1 January 2025, ANNEE_EFFET_AO: millésime 2022, the figures the conventions print,
 * e.g. PAA's 38 193), among those whose population totale is known for every commune; failing
 * that, the latest known.
 */
export function millesimeAO(ref: Referentiel, communes: string[]): Millesime | undefined {
  const connus = [...ref.millesimes]
    .filter((m) => m.populationTotale)
    .sort((a, b) => b.annee - a.annee)
    .filter((m) => populationTerritoire(ref, communes, m).totale != null);
  return connus.find((m) => m.enVigueur <= ANNEE_EFFET_AO) ?? connus[0];
}

/** The département a territory is compared with: its own, or that of most of its communes (none for a région or France). */
export function departementDeReference(ref: Referentiel, t: Territoire): string | null {
  if (t.type === "departement") return t.code;
  if (t.type === "region" || t.type === "france") return null;
  const compte = new Map<string, number>();
  for (const c of t.communes) {
    const dep = ref.communes.get(c)?.dep;
    if (dep) compte.set(dep, (compte.get(dep) ?? 0) + 1);
  }
  return [...compte].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

/**
 * Ids of the other territories with exactly this territory's communes: for a CTG group, the
 * commune, EPCI or département it equals; for those, the CTG groups equal to them. A figure
 * (published or entered) attaches to a perimeter, so it applies under every id of it:
 * `ctg-paa` and EPCI 200067437 are one territory.
 */
export function equivalents(ref: Referentiel, t: Territoire): string[] {
  const cle = t.communes.join(",");
  const ids: string[] = [];
  if (t.type === "groupe") {
    if (t.communes.length === 1 && ref.communes.has(t.communes[0]!)) ids.push(`commune:${t.communes[0]}`);
    const epcis = new Set(t.communes.map((c) => ref.communes.get(c)?.epci).filter((e): e is string => !!e));
    for (const e of epcis) if (membresEpci(ref, e).sort().join(",") === cle) ids.push(`epci:${e}`);
    const deps = new Set(t.communes.map((c) => ref.communes.get(c)?.dep));
    for (const d of deps) if (d && parType(ref, "departement", d)?.communes.join(",") === cle) ids.push(`departement:${d}`);
  } else if (t.type !== "france") {
    for (const g of ref.groupes.values()) if (g.id !== t.code && [...g.communes].sort().join(",") === cle) ids.push(`groupe:${g.id}`);
  }
  return ids;
}
