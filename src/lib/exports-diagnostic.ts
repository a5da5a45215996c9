// Export columns of a diagnostic (site downloads, `ctg diagnostic --csv|--xlsx`) and of a comparison.
import type {ColonneExport} from "./csv.js";
import type {LigneComparaison, LigneDiagnostic, SectionDiagnostic} from "./diagnostic.js";
import {indicateur} from "./indicateurs.js";

export interface LigneExport extends LigneDiagnostic {
  section: string;
}

export const lignesExport = (sections: SectionDiagnostic[]): LigneExport[] => sections.flatMap((s) => s.lignes.map((l) => ({...l, section: s.section})));

export const UNITES: Record<string, string> = {habitants: "habitants", nombre: "nombre", pourcent: "%", pour1000: "‰", euros: "€", places100: "places pour 100 enfants"};

export const COLONNES_DIAGNOSTIC: ColonneExport<LigneExport>[] = [
  {titre: "Section", valeur: (l) => l.section},
  {titre: "Indicateur", valeur: (l) => indicateur(l.id).libelle},
  {titre: "Année", valeur: (l) => (l.annee == null ? null : Number(l.annee))},
  {titre: "Valeur", valeur: (l) => l.valeur.valeur},
  {titre: "Unité", valeur: (l) => UNITES[indicateur(l.id).unite]},
  {titre: "Statut", valeur: (l) => l.valeur.statut},
  {titre: "Département", valeur: (l) => l.departement?.valeur},
  {titre: "France", valeur: (l) => l.france?.valeur},
  {titre: "Lecture", valeur: (l) => l.lecture},
  {titre: "Définition", valeur: (l) => indicateur(l.id).definition},
  {titre: "Source", valeur: (l) => l.valeur.source ?? indicateur(l.id).source}
];

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
