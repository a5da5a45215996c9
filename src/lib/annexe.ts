// The annexe 1 as it is handed in: the diagnostic's figures rounded and flagged exactly as
// shown, numbered source notes, the per-commune detail and the analysts' text, section by
// section. One model for the page, the print, the Word document and the exports, so that
// every value a reader sees is the value they download.
import {nombreManquantes, type AgregatResume, type Agregat} from "./agregation.js";
import {couvreTerritoire, textePerimetre, type LigneDiagnostic, type SectionDiagnostic} from "./diagnostic.js";
import {indicateur, type Indicateur, type Unite} from "./indicateurs.js";
import {arrondiAffiche, formatEcart, formatEntier, formatValeurUnite, NON_DISPONIBLE} from "./format.js";
import {tendance, type Tendance} from "./lecture.js";
import {SECTIONS_TEXTE, TITRES_SECTIONS, type SectionTexte, type TexteSection} from "./textes-analystes.js";

/** partiel: some of the area's communes lack a figure; approximatif: sums of figures the publisher rounded. */
export type Drapeau = "partiel" | "approximatif" | null;

export interface CelluleAnnexe {
  /** Rounded as displayed; null shows as « n.d. ». */
  valeur: number | null;
  texte: string;
  drapeau: Drapeau;
  /** Why the cell is flagged or not available (tooltip, export note). */
  explication?: string;
}

export interface LigneAnnexe {
  id: string;
  libelle: string;
  unite: Unite;
  annee: string | null;
  valeur: CelluleAnnexe;
  departement: CelluleAnnexe;
  france: CelluleAnnexe;
  tendance: (Tendance & {texte: string}) | null;
  /** Number of the source note (1-based). */
  note: number;
  /** The automatic reading, generated from the numbers. */
  lecture: string;
  /**
   * What the value covers when it is not the whole territory (« 1 commune sur 46 (36,6 % de la
   * population) »): such a line is never in the headline table but below it, said as such; null
   * for the whole territory.
   */
  perimetre: string | null;
}

export interface DetailCommunes {
  colonnes: {id: string; libelle: string; unite: Unite; annee: string}[];
  lignes: {code: string; nom: string; valeurs: CelluleAnnexe[]}[];
}

export interface SectionAnnexe {
  id: SectionTexte;
  titre: string;
  lignes: LigneAnnexe[];
  absents: {id: string; libelle: string}[];
  detail: DetailCommunes | null;
  /** The analysts' constats, enjeux and priorités: they come first where both exist. */
  textes: TexteSection[];
  /** Number of the note citing the analysts' source (null without text). */
  noteTexte: number | null;
}

export interface Annexe {
  sections: SectionAnnexe[];
  /** Source notes, numbered from 1 in order of first call. */
  notes: string[];
}

const COMPTAGES: readonly Unite[] = ["nombre", "habitants"];
const cellule = (valeur: number | null, unite: Unite, drapeau: Drapeau = null, explication?: string): CelluleAnnexe =>
  ({valeur: arrondiAffiche(valeur, unite), texte: formatValeurUnite(valeur, unite), drapeau, explication});

/** The territory's own figure: flagged partial or approximate as its aggregate says. */
export function celluleValeur(a: Agregat, i: Indicateur): CelluleAnnexe {
  if (a.valeur == null) return cellule(null, i.unite);
  if (a.statut === "incomplet") return cellule(a.valeur, i.unite, "partiel", `Calculé sur ${formatEntier(a.retenues)} commune(s) ; ${formatEntier(nombreManquantes(a))} sans donnée publiée.`);
  if (a.statut === "approximatif") return cellule(a.valeur, i.unite, "approximatif", "Valeurs arrondies par l'éditeur : total approximatif.");
  return cellule(a.valeur, i.unite);
}

/** A comparison value (département, France), marked when it covers only part of the area's communes. */
export function celluleComparaison(a: AgregatResume | null, i: Indicateur): CelluleAnnexe {
  if (!a || a.valeur == null) return cellule(null, i.unite);
  // A benchmark the territory's own diagnostic quotes, not the area's figure from an official file: said, with its source.
  if (a.source) return cellule(a.valeur, i.unite, null, `Chiffre cité par le diagnostic du territoire : ${a.source}.`);
  if (a.statut !== "incomplet") return cellule(a.valeur, i.unite, a.statut === "approximatif" ? "approximatif" : null);
  const total = a.retenues + a.nbManquantes;
  // A count over less than half of the area's communes (e.g. entries for a few communes) says nothing of the area.
  if (COMPTAGES.includes(i.unite) && a.retenues * 2 < total) return cellule(null, i.unite, null, `Donnée connue pour ${formatEntier(a.retenues)} commune(s) seulement sur ${formatEntier(total)}.`);
  return cellule(a.valeur, i.unite, "partiel", `Valeur partielle : ${formatEntier(a.retenues)} commune(s) sur ${formatEntier(total)} ont une donnée publiée.`);
}

/** The note of a figure: its analyst's source, or the catalogue's, with both years of a ratio. */
export function sourceLigne(l: LigneDiagnostic): string {
  if (l.valeur.source) return `${l.valeur.source} (saisie des analystes)`;
  const i = indicateur(l.id);
  return `${i.source}${l.valeur.publie ? " (chiffre publié pour ce territoire, non une somme de ses communes)" : ""}.${anneesRatio(i, l)}`;
}

/** Both years of a ratio: the numerator's (the line's year) and the denominator's (a population: its millésime, in force 3 years later). */
function anneesRatio(i: Indicateur, l: LigneDiagnostic): string {
  const a = l.valeur.anneeDenominateur;
  if (i.calcul.type !== "ratio" || !a || l.annee == null) return "";
  return /^pop_/.test(i.calcul.denominateur)
    ? ` Numérateur ${l.annee} ; population légale millésime ${a} (en vigueur au 1er janvier ${Number(a) + 3}).`
    : a === l.annee ? "" : ` Numérateur ${l.annee} ; dénominateur ${a}.`;
}

function detail(lignes: LigneDiagnostic[], nomCommune: (code: string) => string): DetailCommunes | null {
  // Only indicators that differ from commune to commune: at least two communes with a figure.
  const retenues = lignes.filter((l) => l.annee && l.communes.filter((c) => c.valeur != null).length >= 2);
  if (!retenues.length) return null;
  const codes = retenues[0]!.communes.map((c) => c.code);
  return {
    colonnes: retenues.map((l) => ({id: l.id, libelle: indicateur(l.id).libelle, unite: indicateur(l.id).unite, annee: l.annee!})),
    lignes: codes.map((code, k) => ({
      code, nom: nomCommune(code),
      valeurs: retenues.map((l) => {
        const c = l.communes[k]!;
        return celluleValeur({valeur: c.valeur, statut: c.statut, manquantes: [], retenues: 1}, indicateur(l.id));
      })
    })).sort((a, b) => a.nom.localeCompare(b.nom, "fr"))
  };
}

export function annexe(sections: readonly SectionDiagnostic[], textes: Map<SectionTexte, TexteSection[]>, nomCommune: (code: string) => string): Annexe {
  const notes: string[] = [];
  const note = (texte: string) => (notes.includes(texte) ? notes.indexOf(texte) : notes.push(texte) - 1) + 1;
  const parSection = new Map(sections.map((s) => [s.section as SectionTexte, s]));
  const out = SECTIONS_TEXTE.map((id): SectionAnnexe => {
    const s = parSection.get(id);
    const presentes = s?.lignes.filter((l) => l.valeur.valeur != null) ?? [];
    const siens = textes.get(id) ?? [];
    return {
      id, titre: TITRES_SECTIONS[id], textes: siens, noteTexte: siens.length ? note(`${siens[0]!.source} (texte des analystes)`) : null,
      lignes: presentes.map((l) => {
        const i = indicateur(l.id);
        const t = tendance(i, l.evolution, l.annee);
        return {
          id: l.id, libelle: i.libelle, unite: i.unite, annee: l.annee, note: note(sourceLigne(l)), lecture: l.lecture,
          perimetre: couvreTerritoire(l.perimetre) ? null : textePerimetre(l.perimetre),
          valeur: celluleValeur(l.valeur, i), departement: celluleComparaison(l.departement, i), france: celluleComparaison(l.france, i),
          tendance: t && {...t, texte: t.stable ? `stable depuis ${t.debut}` : `${formatEcart(t.ecart, t.enPoints)} depuis ${t.debut}`}
        };
      }),
      absents: (s?.lignes ?? []).filter((l) => l.valeur.valeur == null).map((l) => ({id: l.id, libelle: indicateur(l.id).libelle})),
      detail: s ? detail(s.lignes, nomCommune) : null
    };
  }).filter((s) => s.lignes.length || s.absents.length || s.textes.length);
  return {sections: out, notes};
}

/**
 * The annexe's sections up to the last of `sections` (the first ones, computed before the others: diagnosticEnDeuxTemps),
 * exactly as the whole annexe has them: its notes are numbered in the order of the sections, these come first.
 */
export function debutAnnexe(sections: readonly SectionDiagnostic[], textes: Map<SectionTexte, TexteSection[]>, nomCommune: (code: string) => string): SectionAnnexe[] {
  const rang = (id: string) => SECTIONS_TEXTE.indexOf(id as SectionTexte);
  const derniere = Math.max(...sections.map((s) => rang(s.section)));
  return annexe(sections, textes, nomCommune).sections.filter((s) => rang(s.id) <= derniere);
}

/** The headline table's lines (whole territory) and those below it (part of the territory only). */
export const lignesTerritoire = (s: SectionAnnexe): LigneAnnexe[] => s.lignes.filter((l) => l.perimetre == null);
export const lignesPartielles = (s: SectionAnnexe): LigneAnnexe[] => s.lignes.filter((l) => l.perimetre != null);
export const TITRE_PARTIELLES = "Sur une partie du territoire seulement (pas le chiffre du territoire)";

/** « 58,0 places pour 100 enfants* »: the flag the page, print and Word document put after a value. */
export const MARQUES: Record<Exclude<Drapeau, null>, string> = {partiel: "*", approximatif: "≈"};
export const texteCellule = (c: CelluleAnnexe): string => (c.drapeau ? `${c.texte}${MARQUES[c.drapeau]}` : c.texte);
export const LEGENDE_DRAPEAUX = "* valeur partielle (une partie des communes sans donnée publiée) ; ≈ total de valeurs arrondies par l'éditeur ; n.d. non disponible.";
export {NON_DISPONIBLE};

export interface EnteteAnnexe {
  territoire: string;
  communes: string[];
  millesimes: string;
  /** Date of the edition, in French (« 1 décembre 2026 »). */
  date: string;
}

/** Title block of the printed and Word annexe: who, which communes, which vintages, when. */
export function enteteAnnexe(d: {modele: Annexe; territoire: {nom: string; communes: readonly string[]}; nomCommune: (c: string) => string; millesime: number | string; date: string}): EnteteAnnexe {
  const annees = [...new Set(d.modele.sections.flatMap((s) => s.lignes.map((l) => l.annee)).filter((a): a is string => !!a))].sort();
  return {
    territoire: d.territoire.nom,
    communes: d.territoire.communes.map(d.nomCommune).sort((a, b) => a.localeCompare(b, "fr")),
    millesimes: `population ${d.millesime} ; chiffres ${annees.length ? `${annees[0]}–${annees[annees.length - 1]}` : "aucun"}`,
    date: dateFr(d.date)
  };
}

/** « 2026-12-01 » → « 1 décembre 2026 ». */
export const dateFr = (iso: string): string => (iso ? new Date(`${iso.slice(0, 10)}T00:00:00Z`).toLocaleDateString("fr-FR", {day: "numeric", month: "long", year: "numeric", timeZone: "UTC"}) : "date inconnue");
