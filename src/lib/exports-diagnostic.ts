// Export columns of a diagnostic (site downloads, `ctg diagnostic --csv|--xlsx`) and of a comparison.
import type {ColonneExport} from "./csv.js";
import type {LigneComparaison, SectionDiagnostic} from "./diagnostic.js";
import {indicateur} from "./indicateurs.js";
import {arrondiAffiche} from "./format.js";
import {lignesPartielles, lignesTerritoire, MARQUES, type Annexe, type CelluleAnnexe, type Drapeau, type LigneAnnexe} from "./annexe.js";
import type {LigneSchema} from "./projection-territoire.js";

/** A summary row: one figure of the page's section tables, with its section. */
export interface LigneExport extends LigneAnnexe {
  section: string;
  source: string;
}

/** In the page's order: each section's whole-territory table, then its figures on part of the territory. */
export const lignesExport = (a: Annexe): LigneExport[] =>
  a.sections.flatMap((s) => [...lignesTerritoire(s), ...lignesPartielles(s)].map((l) => ({...l, section: s.titre, source: a.notes[l.note - 1]!})));

export const UNITES: Record<string, string> = {habitants: "habitants", nombre: "nombre", pourcent: "%", pour1000: "‰", euros: "€", places100: "places pour 100 enfants", parkm2: "hab./km²"};
const DRAPEAUX: Record<Exclude<Drapeau, null>, string> = {partiel: `partiel (${MARQUES.partiel})`, approximatif: `approximatif (${MARQUES.approximatif})`};
const drapeau = (c: CelluleAnnexe) => (c.valeur == null ? "n.d." : c.drapeau ? DRAPEAUX[c.drapeau] : null);

/** The page's section tables, value for value: rounded as displayed, with the same n.d. and partial flags. */
export const COLONNES_DIAGNOSTIC: ColonneExport<LigneExport>[] = [
  {titre: "Section", valeur: (l) => l.section},
  {titre: "Indicateur", valeur: (l) => l.libelle},
  {titre: "Année", valeur: (l) => (l.annee == null ? null : Number(l.annee))},
  {titre: "Valeur", valeur: (l) => l.valeur.valeur},
  {titre: "Unité", valeur: (l) => UNITES[l.unite]},
  {titre: "Valeur : signe", valeur: (l) => drapeau(l.valeur)},
  {titre: "Communes couvertes", valeur: (l) => l.perimetre ?? "territoire entier"},
  // A figure on part of the territory is never set beside the département or France (as on the page).
  {titre: "Département", valeur: (l) => (l.perimetre == null ? l.departement.valeur : null)},
  {titre: "Département : signe", valeur: (l) => (l.perimetre == null ? drapeau(l.departement) : null)},
  {titre: "France", valeur: (l) => (l.perimetre == null ? l.france.valeur : null)},
  {titre: "France : signe", valeur: (l) => (l.perimetre == null ? drapeau(l.france) : null)},
  {titre: "Évolution", valeur: (l) => l.tendance?.texte},
  {titre: "Lecture (générée automatiquement)", valeur: (l) => l.lecture},
  {titre: "Définition", valeur: (l) => indicateur(l.id).definition},
  {titre: "Note", valeur: (l) => l.note},
  {titre: "Source", valeur: (l) => l.source}
];

type LigneCommune = {section: string; code: string; nom: string; indicateur: string; unite: string; annee: number; cellule: CelluleAnnexe};
const COLONNES_COMMUNES: ColonneExport<LigneCommune>[] = [
  {titre: "Section", valeur: (l) => l.section},
  {titre: "Code commune", valeur: (l) => l.code},
  {titre: "Commune", valeur: (l) => l.nom},
  {titre: "Indicateur", valeur: (l) => l.indicateur},
  {titre: "Année", valeur: (l) => l.annee},
  {titre: "Valeur", valeur: (l) => l.cellule.valeur},
  {titre: "Unité", valeur: (l) => l.unite},
  {titre: "Signe", valeur: (l) => drapeau(l.cellule)}
];

type PointSerie = {section: string; id: string; annee: number; valeur: number | null; statut: string; saisi: boolean; serie: string};
const COLONNES_SERIES: ColonneExport<PointSerie>[] = [
  {titre: "Section", valeur: (l) => l.section},
  {titre: "Indicateur", valeur: (l) => indicateur(l.id).libelle},
  {titre: "Année", valeur: (l) => l.annee},
  {titre: "Valeur", valeur: (l) => arrondiAffiche(l.valeur, indicateur(l.id).unite)},
  {titre: "Unité", valeur: (l) => UNITES[indicateur(l.id).unite]},
  {titre: "Statut", valeur: (l) => (l.valeur == null ? "n.d." : l.statut)},
  {titre: "Origine", valeur: (l) => (l.saisi ? "saisie des analystes" : "fichiers officiels")},
  {titre: "Série (source et périmètre)", valeur: (l) => l.serie}
];

const COLONNES_SCHEMA: ColonneExport<LigneSchema>[] = (
  ["ao", "type_ao", "mode", "unite", "periode", "valeur", "nb_structures", "besoins_emplois", "autres_besoins", "projets", "couts_calendrier", "ingenierie", "source", "note"] as const
).map((k) => ({titre: k, valeur: (l: LigneSchema) => l[k]}));

export interface MetaAnnexe {
  territoire: {id: string; nom: string; communes: readonly string[]};
  nomCommune: (code: string) => string;
  millesime: number | string;
  /** Build date of the data (ISO). */
  date: string;
  sources: readonly {id: string; titre: string; fichier: string; sha256: string; millesime: string}[];
}

type Paire = [string, string | number | null];
const COLONNES_META: ColonneExport<Paire>[] = [{titre: "Rubrique", valeur: (l) => l[0]}, {titre: "Valeur", valeur: (l) => l[1]}];
type SourceMeta = MetaAnnexe["sources"][number];
const COLONNES_SOURCES: ColonneExport<SourceMeta>[] = (["id", "titre", "fichier", "sha256", "millesime"] as const).map((k) => ({titre: k === "millesime" ? "Millésime" : k === "id" ? "Source" : k === "sha256" ? "SHA-256" : k[0]!.toUpperCase() + k.slice(1), valeur: (l: SourceMeta) => l[k]}));

export interface Feuille<T = never> {
  nom: string;
  colonnes: ColonneExport<T>[];
  lignes: T[];
}

/** The workbook of an annexe 1: summary, per-commune detail, time series, schéma tables, metadata and sources. */
export function classeurAnnexe(a: Annexe, sections: readonly SectionDiagnostic[], schema: readonly LigneSchema[], m: MetaAnnexe): Feuille<any>[] {
  const communes: LigneCommune[] = a.sections.flatMap((s) => !s.detail ? [] : s.detail.lignes.flatMap((l) => s.detail!.colonnes.map((c, k) => ({section: s.titre, code: l.code, nom: l.nom, indicateur: c.libelle, unite: UNITES[c.unite]!, annee: Number(c.annee), cellule: l.valeurs[k]!}))));
  const series: PointSerie[] = sections.flatMap((s) => s.lignes.flatMap((l) => l.evolution.map((e) => ({section: s.section, id: l.id, annee: Number(e.annee), valeur: e.valeur, statut: e.statut, saisi: e.saisi, serie: l.series[e.serie]?.libelle ?? ""}))));
  const meta: Paire[] = [
    ["Territoire", m.territoire.nom], ["Identifiant", m.territoire.id], ["Nombre de communes", m.territoire.communes.length],
    ["Communes", m.territoire.communes.map((c) => `${m.nomCommune(c)} (${c})`).join(", ")], ["Millésime de population", Number(m.millesime)],
    ["Millésimes des chiffres", [...new Set(a.sections.flatMap((s) => s.lignes.map((l) => l.annee)).filter(Boolean))].sort().join(", ")],
    ["Données construites le", m.date], ["Signes", "partiel (*) : une partie des communes sans donnée publiée ; approximatif (≈) : total de valeurs arrondies par l'éditeur ; n.d. : non disponible"]
  ];
  return [
    {nom: "Synthèse", colonnes: COLONNES_DIAGNOSTIC, lignes: lignesExport(a)},
    {nom: "Détail par commune", colonnes: COLONNES_COMMUNES, lignes: communes},
    {nom: "Séries", colonnes: COLONNES_SERIES, lignes: series},
    {nom: "Schéma pluriannuel", colonnes: COLONNES_SCHEMA, lignes: [...schema]},
    {nom: "Métadonnées", colonnes: COLONNES_META, lignes: meta},
    {nom: "Sources", colonnes: COLONNES_SOURCES, lignes: [...m.sources]}
  ];
}

export type {LigneComparaison};

export function colonnesComparaison(noms: string[]): ColonneExport<LigneComparaison>[] {
  return [
    {titre: "Indicateur", valeur: (l) => indicateur(l.id).libelle},
    {titre: "Unité", valeur: (l) => UNITES[indicateur(l.id).unite]},
    {titre: "Année commune", valeur: (l) => (l.annee == null ? null : Number(l.annee))},
    ...noms.flatMap((nom, k) => [
      {titre: nom, valeur: (l: LigneComparaison) => l.valeurs[k]},
      {titre: `Année (${nom})`, valeur: (l: LigneComparaison) => (l.annees[k] == null ? null : Number(l.annees[k]))}
    ]),
    {titre: "Source", valeur: (l) => indicateur(l.id).source}
  ];
}
