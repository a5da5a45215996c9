// Export columns (CSV, Excel; site downloads and `ctg comparer --periode`, `ctg similaires`)
// of a period comparison, the bilan tables, similar territories and positions among peers.
import type {ColonneExport} from "./csv.js";
import {UNITES} from "./exports-diagnostic.js";
import {indicateur} from "./indicateurs.js";
import type {LignePairs, LigneSimilaire} from "./pairs.js";
import type {LignePeriode, TableauBilan} from "./periode.js";
import type {ResultatSimilarite} from "./similarite.js";

const nombre = (a: string | null | undefined) => (a == null ? null : Number(a));
const arrondi = (v: number | null | undefined, d = 2) => (v == null ? null : Math.round(v * 10 ** d) / 10 ** d);

export type LignePeriodeTerritoire = LignePeriode & {territoire: string};

export const COLONNES_PERIODE: ColonneExport<LignePeriodeTerritoire>[] = [
  {titre: "Territoire", valeur: (l) => l.territoire},
  {titre: "Indicateur", valeur: (l) => indicateur(l.id).libelle},
  {titre: "Unité", valeur: (l) => UNITES[indicateur(l.id).unite]},
  {titre: "Année de début", valeur: (l) => nombre(l.debut?.annee)},
  {titre: "Valeur au début", valeur: (l) => arrondi(l.debut?.valeur)},
  {titre: "Année de fin", valeur: (l) => nombre(l.fin?.annee)},
  {titre: "Valeur à la fin", valeur: (l) => arrondi(l.fin?.valeur)},
  {titre: "Écart (unité de l'indicateur, points pour un taux)", valeur: (l) => arrondi(l.ecart)},
  {titre: "Évolution (%)", valeur: (l) => arrondi(l.evolution, 1)},
  {titre: "Lecture", valeur: (l) => l.lecture},
  {titre: "Avertissements", valeur: (l) => l.avertissements.join(" ")},
  {titre: "Source", valeur: (l) => l.fin?.source ?? l.debut?.source ?? indicateur(l.id).source}
];

export type LigneBilan = TableauBilan["lignes"][number] & {tableau: string; annees: string[]};

/** Bilan tables in long form: one column per year of the widest table. */
export function colonnesBilan(annees: readonly string[]): ColonneExport<LigneBilan>[] {
  return [
    {titre: "Tableau", valeur: (l) => l.tableau},
    {titre: "Indicateur", valeur: (l) => indicateur(l.id).libelle},
    {titre: "Série (source et périmètre)", valeur: (l) => l.serie},
    {titre: "Unité", valeur: (l) => UNITES[indicateur(l.id).unite]},
    ...annees.map((a): ColonneExport<LigneBilan> => ({titre: a, valeur: (l) => arrondi(l.valeurs[l.annees.indexOf(a)])})),
    {titre: "Source", valeur: (l) => indicateur(l.id).source}
  ];
}

export const lignesBilan = (tableaux: readonly TableauBilan[]): LigneBilan[] =>
  tableaux.flatMap((t) => t.lignes.map((l) => ({...l, tableau: t.titre, annees: t.annees})));

export function colonnesSimilaires(r: ResultatSimilarite): ColonneExport<LigneSimilaire>[] {
  return [
    {titre: "Rang", valeur: (l) => l.rang},
    {titre: "Identifiant", valeur: (l) => l.id},
    {titre: "Territoire", valeur: (l) => l.nom ?? l.id},
    {titre: "Distance", valeur: (l) => arrondi(l.distance, 3)},
    ...r.echelles.flatMap((e): ColonneExport<LigneSimilaire>[] => {
      const nom = indicateur(e.indicateur).libelle;
      return [
        {titre: nom, valeur: (l) => l.valeurs[e.indicateur]},
        {titre: `${nom} : écart standardisé`, valeur: (l) => arrondi(l.ecarts[e.indicateur], 2)},
        {titre: `${nom} : part de la distance (%)`, valeur: (l) => arrondi((l.parts[e.indicateur] ?? 0) * 100, 1)}
      ];
    })
  ];
}

/** Positions among peers: one row per indicator and territory. */
export type LignePosition = {territoire: string; parmi: string; ligne: LignePairs; k: number};

export const COLONNES_PAIRS: ColonneExport<LignePosition>[] = [
  {titre: "Territoire", valeur: (l) => l.territoire},
  {titre: "Pairs", valeur: (l) => l.parmi},
  {titre: "Indicateur", valeur: (l) => indicateur(l.ligne.id).libelle},
  {titre: "Unité", valeur: (l) => UNITES[indicateur(l.ligne.id).unite]},
  {titre: "Année", valeur: (l) => Number(l.ligne.annee)},
  {titre: "Valeur", valeur: (l) => l.ligne.territoires[l.k]?.valeur},
  {titre: "Rang (1 = la plus haute)", valeur: (l) => l.ligne.territoires[l.k]?.position?.rang},
  {titre: "Sur", valeur: (l) => l.ligne.territoires[l.k]?.position?.sur},
  {titre: "Percentile", valeur: (l) => arrondi(l.ligne.territoires[l.k]?.position?.percentile, 0)},
  {titre: "Premier quartile des pairs", valeur: (l) => arrondi(l.ligne.repartition?.q1)},
  {titre: "Médiane des pairs", valeur: (l) => arrondi(l.ligne.repartition?.mediane)},
  {titre: "Troisième quartile des pairs", valeur: (l) => arrondi(l.ligne.repartition?.q3)},
  {titre: "Pairs avec une valeur", valeur: (l) => l.ligne.repartition?.n ?? 0},
  {titre: "Dont valeurs partielles", valeur: (l) => l.ligne.partielles},
  {titre: "Source", valeur: (l) => indicateur(l.ligne.id).source}
];

export const lignesPositions = (lignes: readonly LignePairs[], territoires: readonly string[], parmi: string): LignePosition[] =>
  territoires.flatMap((territoire, k) => lignes.map((ligne) => ({territoire, parmi, ligne, k})));
