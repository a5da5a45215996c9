// Export columns of the territory's member table (site download and `ctg territoire --csv`).
import type {ColonneExport} from "./csv.js";
import type {FicheTerritoire} from "./fiche.js";

type LigneCommune = FicheTerritoire["communes"][number];

export function colonnesCommunes(f: FicheTerritoire): ColonneExport<LigneCommune>[] {
  const m = f.population.millesime;
  const aos = new Map(f.autoritesOrganisatrices.lignes.map((a) => [a.code, a]));
  return [
    {titre: "Code commune", valeur: (c) => c.code},
    {titre: "Commune", valeur: (c) => c.nom},
    {titre: "Département", valeur: (c) => c.departement},
    {titre: "EPCI", valeur: (c) => c.epci},
    {titre: `Population municipale (millésime ${m})`, valeur: (c) => c.populationMunicipale},
    {titre: `Population totale (millésime ${m})`, valeur: (c) => c.populationTotale},
    {titre: "Autorité organisatrice (accueil du jeune enfant)", valeur: (c) => c.autoriteOrganisatrice},
    {titre: `Population totale de l'AO (millésime ${f.autoritesOrganisatrices.millesime ?? "n.d."})`, valeur: (c) => (c.codeAutoriteOrganisatrice ? aos.get(c.codeAutoriteOrganisatrice)?.populationTotale : null)},
    {titre: "Compétences de l'AO", valeur: (c) => (c.codeAutoriteOrganisatrice ? aos.get(c.codeAutoriteOrganisatrice)?.competences.join(", ") : null)}
  ];
}
