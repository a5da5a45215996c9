// What a figure covers (the whole territory or some of its communes) and where it comes from:
// a series is one perimeter and one source, drawn as one line, and a change is read only
// within it (issue 11: an analysts' whole-territory entry never joins partial sums). Pure.
import {formatCommunes, formatDecimal, formatEntier} from "./format.js";

/** The communes a figure covers: the whole territory, or the communes summed. */
export interface Perimetre {
  /** Communes with a figure (all of them for an analyst's entry or a publisher's own row). */
  communes: number;
  /** Communes of the territory. */
  total: number;
  /** Communes without a figure, when their list is known (not for figures computed at build time). */
  manquantes: string[];
  /** When only their number is kept (France, régions): which communes are missing, as a fingerprint (empreinteManquantes). */
  empreinte?: string;
  /** Former communes a covered commune lacks that year (Faits.piecesAbsentes): "Pierre-Bénite (69152)". */
  piecesAbsentes: string[];
  /** Share of the territory's population (population municipale) living in the covered communes, in %, when partial and known. */
  partPopulation: number | null;
}

/**
 * Points of one perimeter and one source: a series is drawn as one line and a change is read
 * only within it. Two series are never joined (another source, other communes, a commune
 * nouvelle missing a piece that year).
 */
export interface SerieEvolution {
  /** For a legend: « Saisie des analystes, territoire entier », « Fichiers publiés, 1 commune sur 46 (36,4 % de la population) ». */
  libelle: string;
  source: string;
  perimetre: Perimetre;
  annees: string[];
}

/** The figure covers every commune of the territory, each of them whole. */
export const couvreTerritoire = (p: Perimetre): boolean => p.communes === p.total && !p.piecesAbsentes.length;

/** « territoire entier », « 1 commune sur 46 (36,4 % de la population) », « sans Pierre-Bénite (69152) ». */
export function textePerimetre(p: Perimetre): string {
  const parties: string[] = [];
  if (p.communes < p.total) parties.push(`${formatCommunes(p.communes)} sur ${formatEntier(p.total)}${p.partPopulation != null ? ` (${formatDecimal(p.partPopulation)} % de la population)` : ""}`);
  if (p.piecesAbsentes.length) parties.push(`sans ${p.piecesAbsentes.join(", ")}, absente${p.piecesAbsentes.length > 1 ? "s" : ""} du fichier cette année-là`);
  return parties.length ? parties.join(", ") : "territoire entier";
}

