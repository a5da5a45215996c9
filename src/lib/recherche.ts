// Territory search: by name (accents and case ignored) or by code (INSEE, SIREN).
import type {IndexTerritoires} from "./index-territoires.js";
import {LIBELLES_TYPE, type TypeTerritoire} from "./territoire.js";
import {formatCommunes} from "./format.js";

export interface Resultat {
  id: string;
  type: TypeTerritoire;
  code: string;
  nom: string;
  /** e.g. "Commune · 04" — the kind of territory and where it is. */
  precision: string;
}

const plier = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[-'’]/g, " ");

/** Every searchable territory, CTG territories first (they are what most users look for). */
export function entreesRecherche(index: IndexTerritoires): Resultat[] {
  const nomDep = new Map(index.departements.map((d) => [d.code, d.nom]));
  return [
    ...index.groupes.map((g) => ({id: `groupe:${g.id}`, type: "groupe" as const, code: g.id, nom: g.nom, precision: `${LIBELLES_TYPE.groupe} · ${formatCommunes(g.communes.length)}`})),
    {id: "france", type: "france" as const, code: "FR", nom: "France", precision: "France entière"},
    ...index.regions.map((r) => ({id: `region:${r.code}`, type: "region" as const, code: r.code, nom: r.nom, precision: `Région · ${r.code}`})),
    ...index.departements.map((d) => ({id: `departement:${d.code}`, type: "departement" as const, code: d.code, nom: d.nom, precision: `Département · ${d.code}`})),
    ...index.epci.map((e) => ({id: `epci:${e.code}`, type: "epci" as const, code: e.code, nom: e.nom, precision: `EPCI (${e.type}) · ${e.code}`})),
    ...index.communes.code.map((code, i) => ({id: `commune:${code}`, type: "commune" as const, code, nom: index.communes.nom[i]!, precision: `Commune · ${code} · ${nomDep.get(index.communes.dep[i]!) ?? ""}`}))
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
    if (e.code.toLowerCase() === q || nom === q) exacts.push(e);
    else if (nom.startsWith(q) || e.code.toLowerCase().startsWith(q)) debuts.push(e);
    else if (nom.includes(q)) contient.push(e);
    if (exacts.length >= max) break;
  }
  return [...exacts, ...debuts, ...contient].slice(0, max);
}
