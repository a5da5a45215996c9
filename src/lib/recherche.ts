// Territory search: by name (accents and case ignored) or by code (INSEE, SIREN).
import {plier, rattachesDe, type IndexTerritoires} from "./index-territoires.js";
import {LIBELLES_TYPE, type TypeTerritoire} from "./territoire.js";
import {formatCommunes} from "./format.js";

export interface Resultat {
  id: string;
  type: TypeTerritoire;
  code: string;
  nom: string;
  /** e.g. "Commune · 04" — the kind of territory and where it is. */
  precision: string;
  /** Other codes and names that find this entry (a CTG group's id and its EPCI's name when the entry is that EPCI's). */
  alias?: string[];
}


/** Every searchable territory, CTG territories first (they are what most users look for). */
export function entreesRecherche(index: IndexTerritoires): Resultat[] {
  const nomDep = new Map(index.departements.map((d) => [d.code, d.nom]));
  const nomCommune = new Map(index.communes.code.map((c, i) => [c, index.communes.nom[i]!]));
  // A CTG group equal to an EPCI (or a département, a commune) is that territory: one entry, the CTG's name beside the other's.
  const nomDe = (id: string) => {
    const [type, code] = id.split(":") as [string, string];
    return type === "epci" ? `EPCI ${index.epci.find((e) => e.code === code)?.nom ?? ""} (${code})`
      : type === "departement" ? `département ${nomDep.get(code) ?? ""} (${code})` : `commune ${nomCommune.get(code) ?? ""} (${code})`;
  };
  const fusionnes = new Set(index.groupes.flatMap((g) => (g.equivalent ? [g.equivalent] : [])));
  return [
    ...index.groupes.map((g) => g.equivalent
      ? {id: `groupe:${g.id}`, type: "groupe" as const, code: g.equivalent.split(":")[1]!, nom: g.nom, alias: [g.id, nomDe(g.equivalent).replace(/^\S+ | \(.*$/g, "")],
        precision: `${LIBELLES_TYPE.groupe} · même territoire que l'${nomDe(g.equivalent)} · ${formatCommunes(g.communes.length)}`}
      : {id: `groupe:${g.id}`, type: "groupe" as const, code: g.id, nom: g.nom, precision: `${LIBELLES_TYPE.groupe} · ${formatCommunes(g.communes.length)}`}),
    {id: "france", type: "france" as const, code: "FR", nom: "France", precision: "France entière"},
    ...index.regions.map((r) => ({id: `region:${r.code}`, type: "region" as const, code: r.code, nom: r.nom, precision: `Région · ${r.code}`})),
    ...index.departements.map((d) => ({id: `departement:${d.code}`, type: "departement" as const, code: d.code, nom: d.nom, precision: `Département · ${d.code}`})),
    ...index.epci.filter((e) => !fusionnes.has(`epci:${e.code}`)).map((e) => ({id: `epci:${e.code}`, type: "epci" as const, code: e.code, nom: e.nom, precision: `EPCI (${e.type}) · ${e.code}`})),
    ...index.communes.code.map((code, i) => ({id: `commune:${code}`, type: "commune" as const, code, nom: index.communes.nom[i]!, precision: `Commune · ${code} · ${nomDep.get(index.communes.dep[i]!) ?? ""}`})),
    // A former commune or an arrondissement leads to today's commune, and says so.
    ...[...rattachesDe(index).values()].map((r) => {
      const nom = nomCommune.get(r.commune) ?? r.commune;
      return {id: `commune:${r.commune}`, type: "commune" as const, code: r.code, nom: r.nom ?? r.code,
        precision: `${r.arrondissement ? "Arrondissement municipal" : "Ancienne commune"} · ${r.code} · fait partie de ${nom} (${r.commune})`};
    })
  ];
}

export function rechercher(entrees: Resultat[], requete: string, max = 12): Resultat[] {
  const q = plier(requete.trim());
  if (!q) return entrees.filter((e) => e.type === "groupe").slice(0, max);
  const exacts: Resultat[] = [];
  const debuts: Resultat[] = [];
  const contient: Resultat[] = [];
  for (const e of entrees) {
    const nom = plier(e.nom);
    const codes = [e.code, ...(e.alias ?? [])].map(plier);
    if (codes.includes(q) || nom === q) exacts.push(e);
    else if (nom.startsWith(q) || codes.some((c) => c.startsWith(q))) debuts.push(e);
    else if (nom.includes(q) || codes.some((c) => c.includes(q))) contient.push(e);
    if (exacts.length >= max) break;
  }
  return [...exacts, ...debuts, ...contient].slice(0, max);
}

const CODE_COMMUNE = /^[0-9][0-9AB][0-9]{3}$/;

/**
 * A pasted list of INSEE commune codes ("04070, 04049;04001 04002", one per line from a
 * spreadsheet): the ad-hoc group it names, with the codes the index does not know.
 * Null when the text is not a list of at least two codes (then it is a search by name).
 */
export function groupeDepuisCodes(index: IndexTerritoires, saisie: string): {resultat: Resultat | null; inconnus: string[]} | null {
  const codes = [...new Set(saisie.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean))];
  if (codes.length < 2 || !codes.every((c) => CODE_COMMUNE.test(c))) return null;
  const position = new Map(index.communes.code.map((c, k) => [c, k]));
  const connus = codes.filter((c) => position.has(c)).sort();
  const inconnus = codes.filter((c) => !position.has(c));
  if (connus.length < 2) return {resultat: null, inconnus};
  const noms = connus.map((c) => index.communes.nom[position.get(c)!]!);
  return {
    resultat: {id: `communes:${connus.join(",")}`, type: "groupe", code: connus.join(","), nom: `Groupe de ${formatCommunes(connus.length)}`,
      precision: `${noms.slice(0, 4).join(", ")}${noms.length > 4 ? "…" : ""}`},
    inconnus
  };
}

/** Communes matching a name or code (a former commune leads to today's), for a group composed by name; `exclues`: the ids already chosen. */
export function rechercherCommunes(communes: readonly Resultat[], requete: string, exclues: ReadonlySet<string>, max = 12): Resultat[] {
  if (!requete.trim()) return [];
  return rechercher(communes.filter((e) => !exclues.has(e.id)), requete, max);
}

/** The communes of an ad-hoc group's id ("communes:04001,04070"), as their search entries: the group composed again from its URL. */
export function communesDuGroupe(entrees: readonly Resultat[], id: string): Resultat[] {
  if (!id.startsWith("communes:")) return [];
  const codes = new Set(id.slice(9).split(","));
  // A commune's own entry, not a former commune's that leads to it.
  return entrees.filter((e) => e.type === "commune" && e.id === `commune:${e.code}` && codes.has(e.code));
}

/** Whether an id of a URL names a territory of the index (an unknown one gets a message, not a failed load). */
export function territoireConnu(entrees: readonly Resultat[], index: IndexTerritoires, id: string): boolean {
  if (id.startsWith("communes:")) return groupeDepuisCodes(index, id.slice(9))?.inconnus.length === 0;
  return entrees.some((e) => e.id === id);
}
