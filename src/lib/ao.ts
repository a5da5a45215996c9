// Autorités organisatrices (AO) de l'accueil du jeune enfant, article L. 214-1-3 CASF
// (loi n° 2023-1196 du 18 décembre 2023, en vigueur le 1er janvier 2025).
// The thresholds apply to the population totale of the communes for which the AO
// exercises the competence (seed 000: PAA counts only the 43 transferring communes).

export type CompetenceId = "recenser" | "informer" | "planifier" | "schema";

export interface Competence {
  id: CompetenceId;
  /** Column header. */
  court: string;
  libelle: string;
  /** Strictly more than this population totale (0 = every AO). */
  seuil: number;
}

export const COMPETENCES: readonly Competence[] = [
  {id: "recenser", court: "Recenser les besoins", seuil: 0, libelle: "Recenser les besoins des enfants de moins de trois ans et de leurs familles ainsi que les modes d'accueil disponibles"},
  {id: "informer", court: "Informer et accompagner", seuil: 0, libelle: "Informer et accompagner les familles ayant un ou plusieurs enfants de moins de trois ans ainsi que les futurs parents"},
  {id: "planifier", court: "Planifier", seuil: 3500, libelle: "Planifier, au vu du recensement des besoins, le développement des modes d'accueil"},
  {id: "schema", court: "Schéma pluriannuel et RPE", seuil: 10000, libelle: "Élaborer un schéma pluriannuel de maintien et de développement de l'offre et se doter d'un relais petite enfance (au 1er janvier 2026)"}
];

export type Tranche = "moins de 3 500" | "3 500 à 10 000" | "plus de 10 000";

/** Competences held by an AO whose communes total `populationTotale` inhabitants. */
export function competencesAO(populationTotale: number): CompetenceId[] {
  return COMPETENCES.filter((c) => c.seuil === 0 || populationTotale > c.seuil).map((c) => c.id);
}

export function trancheAO(populationTotale: number): Tranche {
  if (populationTotale > 10000) return "plus de 10 000";
  if (populationTotale > 3500) return "3 500 à 10 000";
  return "moins de 3 500";
}
