// Export columns of the petite-enfance and projections pages (site downloads and
// `ctg projection --csv|--xlsx`): one definition, so that site and CLI files match.
import type {ColonneExport} from "./csv.js";
import {MODES_CAF, MODES_SCHEMA, MODES_SCHEMA_PLACES} from "./couverture.js";
import {MODES_FEUILLES, type CouvertureCommune} from "./petite-enfance.js";
import type {AnneeZone, ResultatProjection} from "./projection-territoire.js";

const libelleCaf = (m: string) => MODES_CAF.find((x) => x.id === m)!.libelle;
const libelleSchema = (m: string) => MODES_SCHEMA.find((x) => x.id === m)!.libelle;

export function colonnesCouvertureCommunes(nomCommune: (code: string) => string): ColonneExport<CouvertureCommune>[] {
  return [
    {titre: "Code commune", valeur: (l) => l.code},
    {titre: "Commune", valeur: (l) => nomCommune(l.code)},
    {titre: "Année", valeur: (l) => Number(l.annee)},
    {titre: "Taux de couverture global (places pour 100 enfants)", valeur: (l) => l.taux?.valeur},
    {titre: "Origine du taux", valeur: (l) => (l.taux == null ? "non publié" : l.taux.origine === "saisie" ? `saisie : ${l.taux.source}` : "Cnaf")},
    {titre: "Places d'accueil formel", valeur: (l) => l.places},
    ...MODES_FEUILLES.map((m): ColonneExport<CouvertureCommune> => ({titre: `Places : ${libelleCaf(m)}`, valeur: (l) => l.placesParMode[m]})),
    {titre: "Enfants de moins de 3 ans (dénominateur Cnaf, approché)", valeur: (l) => (l.enfantsCnaf == null ? null : Math.round(l.enfantsCnaf))},
    {titre: "Enfants de moins de 3 ans (estimés : naissances calibrées sur la Cnaf)", valeur: (l) => (l.enfantsEstimes == null ? null : Math.round(l.enfantsEstimes))}
  ];
}

export interface LigneProjection extends AnneeZone {
  zone: string;
  nomZone: string;
  scenario: string;
  methode: string;
}

/** Flat rows: one per zone (AO or the whole) × year. */
export const lignesProjection = (r: ResultatProjection, scenario: string): LigneProjection[] =>
  r.zones.flatMap((z) => z.annees.map((a) => ({...a, zone: z.code, nomZone: z.nom, scenario, methode: z.methode})));

const arrondi = (v: number | null, d = 0) => (v == null ? null : Math.round(v * 10 ** d) / 10 ** d);

export const COLONNES_PROJECTION: ColonneExport<LigneProjection>[] = [
  {titre: "Autorité organisatrice", valeur: (l) => l.nomZone},
  {titre: "Code", valeur: (l) => l.zone},
  {titre: "Année", valeur: (l) => l.annee},
  {titre: "Naissances", valeur: (l) => (l.naissances == null ? null : Math.round(l.naissances * 10) / 10)},
  {titre: "Naissances projetées", valeur: (l) => (l.naissancesObservees ? "non" : "oui")},
  {titre: "Enfants de moins de 3 ans projetés", valeur: (l) => arrondi(l.enfantsMoins3Ans)},
  {titre: "Enfants : bas de la fourchette (P10–P90 de l'erreur)", valeur: (l) => arrondi(l.enfantsBas)},
  {titre: "Enfants : haut de la fourchette", valeur: (l) => arrondi(l.enfantsHaut)},
  {titre: "Places prévues au schéma", valeur: (l) => l.placesSchema},
  {titre: "Places hors schéma", valeur: (l) => l.placesHorsSchema},
  {titre: "Taux de couverture projeté", valeur: (l) => arrondi(l.tauxCouverture, 1)},
  {titre: "Taux projeté : bas de la fourchette", valeur: (l) => arrondi(l.tauxBas, 1)},
  {titre: "Taux projeté : haut de la fourchette", valeur: (l) => arrondi(l.tauxHaut, 1)},
  {titre: "Taux cible", valeur: (l) => l.tauxCible},
  {titre: "Écart à la cible (places)", valeur: (l) => l.ecart},
  {titre: "Écart : bas de la fourchette (places)", valeur: (l) => l.ecartBas},
  {titre: "Écart : haut de la fourchette (places)", valeur: (l) => l.ecartHaut},
  ...MODES_SCHEMA_PLACES.map((m): ColonneExport<LigneProjection> => ({titre: `Écart : ${libelleSchema(m)}`, valeur: (l) => l.ecartParMode?.[m]})),
  {titre: "Horizon de l'estimation (années après la dernière année Cnaf)", valeur: (l) => l.horizon},
  {titre: "Estimation des enfants de moins de 3 ans", valeur: (l) => l.methode},
  {titre: "Scénario", valeur: (l) => l.scenario}
];
