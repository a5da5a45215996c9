// Reading and validating the analysts' Markdown files (textes-analystes.ts) at build time, once:
// zod and the parser stay out of the pages' bundles (zod alone weighed 92 Ko gzip on every page).
import {z} from "zod";
import {RUBRIQUES, SECTIONS_TEXTE, TITRES_SECTIONS, type Bloc, type Rubrique, type SectionTexte, type TexteSection} from "./textes-analystes.js";

const ID_TERRITOIRE = /^(commune:[0-9][0-9AB][0-9]{3}|epci:\d{9}|departement:[0-9][0-9AB][0-9]?|region:\d{2}|groupe:[a-z0-9-]+|france)$/;

export const EnteteTexteSchema = z.object({
  territoire: z.string().regex(ID_TERRITOIRE, "identifiant de territoire attendu (groupe:ctg-paa, epci:200067437, commune:04070…)"),
  auteur: z.string().min(2, "auteur attendu (service ou personne qui signe le texte)"),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date AAAA-MM-JJ attendue"),
  source: z.string().min(2, "source attendue (document dont le texte est tiré)")
});

const normaliser = (s: string) => s.trim().toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
const SECTION_PAR_NOM = new Map<string, SectionTexte>(SECTIONS_TEXTE.flatMap((s) => [[normaliser(s), s], [normaliser(TITRES_SECTIONS[s]), s]] as [string, SectionTexte][]));
const RUBRIQUE_PAR_NOM = new Map<string, Rubrique>(RUBRIQUES.map((r) => [normaliser(r), r]));

/** Markdown lines → blocks: "#### " headings, "- " or "* " lists, paragraphs (lines joined). */
export function blocsMarkdown(lignes: readonly string[]): Bloc[] {
  const blocs: Bloc[] = [];
  let paragraphe: string[] = [];
  const fermer = () => {
    if (paragraphe.length) blocs.push({type: "paragraphe", texte: paragraphe.join(" ")});
    paragraphe = [];
  };
  for (const brute of lignes) {
    const l = brute.trim();
    const item = /^[-*]\s+(.*)$/.exec(l);
    if (!l) fermer();
    else if (l.startsWith("#### ")) {
      fermer();
      blocs.push({type: "titre", texte: l.slice(5).trim()});
    } else if (item) {
      fermer();
      const dernier = blocs[blocs.length - 1];
      if (dernier?.type === "liste") dernier.items.push(item[1]!);
      else blocs.push({type: "liste", items: [item[1]!]});
    } else paragraphe.push(l);
  }
  fermer();
  return blocs;
}

export interface ResultatLecture {
  textes: TexteSection[];
  /** French messages naming the file and line. */
  erreurs: string[];
}

/**
 * One file: a front matter (territoire, auteur, date, source), then "## <section>" and
 * "### Constats|Enjeux|Priorités" headings. Anything it cannot place is an error, never
 * silently dropped: an analyst must see that a heading is misspelt.
 */
export function lireTexteAnalyste(fichier: string, contenu: string): ResultatLecture {
  const lignes = contenu.replace(/\r\n?/g, "\n").split("\n");
  const erreurs: string[] = [];
  const err = (ligne: number, motif: string) => erreurs.push(`${fichier}, ligne ${ligne} : ${motif}`);
  if (lignes[0]?.trim() !== "---") return {textes: [], erreurs: [`${fichier}, ligne 1 : en-tête attendu entre deux lignes « --- » (territoire, auteur, date, source)`]};
  const fin = lignes.indexOf("---", 1);
  if (fin < 0) return {textes: [], erreurs: [`${fichier} : en-tête non fermé (ligne « --- » attendue)`]};
  const champs = Object.fromEntries(lignes.slice(1, fin).filter((l) => l.includes(":")).map((l) => [l.slice(0, l.indexOf(":")).trim(), l.slice(l.indexOf(":") + 1).trim()]));
  const entete = EnteteTexteSchema.safeParse(champs);
  if (!entete.success) {
    for (const i of entete.error.issues) err(1, `${String(i.path[0] ?? "en-tête")} : ${i.message}`);
    return {textes: [], erreurs};
  }
  const textes: TexteSection[] = [];
  let section: SectionTexte | null = null;
  // Under a misspelt section, its lines are not reported again one by one.
  let ignorer = false;
  let courant: {rubrique: Rubrique; lignes: string[]} | null = null;
  const ranger = () => {
    if (section && courant) {
      const blocs = blocsMarkdown(courant.lignes);
      if (blocs.length) textes.push({...entete.data, section, rubrique: courant.rubrique, blocs, fichier});
    }
    courant = null;
  };
  lignes.slice(fin + 1).forEach((brute, k) => {
    const numero = fin + 2 + k;
    const l = brute.trim();
    if (l.startsWith("## ")) {
      ranger();
      section = SECTION_PAR_NOM.get(normaliser(l.slice(3))) ?? null;
      ignorer = !section;
      if (!section) err(numero, `section inconnue « ${l.slice(3).trim()} » (attendu : ${SECTIONS_TEXTE.join(", ")})`);
    } else if (ignorer) {
      return;
    } else if (l.startsWith("### ")) {
      ranger();
      const r = RUBRIQUE_PAR_NOM.get(normaliser(l.slice(4)));
      if (!r) err(numero, `rubrique inconnue « ${l.slice(4).trim()} » (attendu : Constats, Enjeux ou Priorités)`);
      else if (!section) err(numero, "rubrique hors d'une section (titre « ## <section> » attendu avant)");
      else courant = {rubrique: r, lignes: []};
    } else if (courant) (courant as {lignes: string[]}).lignes.push(brute);
    else if (l && section) err(numero, "texte hors d'une rubrique (titre « ### Constats », « ### Enjeux » ou « ### Priorités » attendu avant)");
    else if (l) err(numero, "texte hors d'une section (titre « ## <section> » attendu avant)");
  });
  ranger();
  return {textes, erreurs};
}
