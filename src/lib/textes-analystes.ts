// The analysts' own text of an annexe 1 (constats, enjeux, priorités), one Markdown file per
// territory in data/saisies/textes/ (format in docs/saisies.md), as plain blocks (headings,
// paragraphs, lists) that the page, the print and the Word document render alike. Parsed and
// validated at build time by lecture-textes-analystes.ts (zod stays out of the browser).
import {SECTIONS} from "./indicateurs.js";

/** Sections of the annexe: the catalogue's, plus those only words can fill. */
export const SECTIONS_TEXTE = ["territoire", ...SECTIONS, "santé et inclusion", "synthèse"] as const;
export type SectionTexte = (typeof SECTIONS_TEXTE)[number];

export const TITRES_SECTIONS: Record<SectionTexte, string> = {
  territoire: "Structure territoriale", "démographie": "Démographie", familles: "Structure familiale",
  "allocataires et précarité": "Allocataires et fragilités sociales", "minima sociaux": "Minima sociaux", revenus: "Revenus",
  logement: "Habitat et logement", "parentalité": "Parentalité", "petite enfance": "Petite enfance", "enfance-jeunesse": "Enfance et jeunesse",
  "cohésion sociale": "Cohésion sociale", "santé et inclusion": "Santé, handicap et inclusion", "synthèse": "Enjeux et priorités"
};

export const RUBRIQUES = ["constats", "enjeux", "priorités"] as const;
export type Rubrique = (typeof RUBRIQUES)[number];
export const TITRES_RUBRIQUES: Record<Rubrique, string> = {constats: "Constats", enjeux: "Enjeux", "priorités": "Priorités"};

export type Bloc = {type: "titre"; texte: string} | {type: "paragraphe"; texte: string} | {type: "liste"; items: string[]};

export interface TexteSection {
  territoire: string;
  section: SectionTexte;
  rubrique: Rubrique;
  blocs: Bloc[];
  auteur: string;
  date: string;
  source: string;
  fichier: string;
}

/** Texts of one territory, by section then rubrique, in the annexe's order. */
export function textesDe(textes: readonly TexteSection[], ids: readonly string[]): Map<SectionTexte, TexteSection[]> {
  const out = new Map<SectionTexte, TexteSection[]>();
  // The first id with texts wins (a territory's own id, then published territories with the same communes).
  const id = ids.find((i) => textes.some((t) => t.territoire === i));
  for (const t of textes.filter((x) => x.territoire === id)) (out.get(t.section) ?? out.set(t.section, []).get(t.section)!).push(t);
  for (const l of out.values()) l.sort((a, b) => RUBRIQUES.indexOf(a.rubrique) - RUBRIQUES.indexOf(b.rubrique));
  return out;
}
