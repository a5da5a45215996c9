// Plain-French definitions shown beside figures (COPIL readers are not statisticians).
export const DEFINITIONS = {
  populationMunicipale:
    "Population municipale : personnes ayant leur résidence habituelle sur le territoire de la commune (chiffre de référence des études statistiques).",
  populationTotale:
    "Population totale : population municipale plus les personnes « comptées à part » (élèves internes, étudiants, militaires… résidant ailleurs mais gardant un lien avec la commune). C'est elle qui détermine les seuils de compétences des autorités organisatrices.",
  millesime:
    "Millésime : année de référence du recensement. Les populations légales du millésime N entrent en vigueur le 1er janvier N + 3 (le millésime 2023 s'applique depuis le 1er janvier 2026).",
  autoriteOrganisatrice:
    "Autorité organisatrice (AO) de l'accueil du jeune enfant : la commune, ou l'intercommunalité à laquelle des communes ont transféré la compétence (article L. 214-1-3 du code de l'action sociale et des familles, depuis le 1er janvier 2025)."
} as const;

export function sourcePopulation(millesime: number, enVigueur: number): string {
  return `Source : INSEE, populations légales, millésime ${millesime} (en vigueur au 1er janvier ${enVigueur}) ; périmètres : COG et DGCL au 1er janvier 2026.`;
}
