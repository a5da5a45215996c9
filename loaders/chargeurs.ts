// The ordered list of loaders `npm run data` runs. Order matters: the referential
// first (every other source joins to it), then official files that supersede it.
import {join} from "node:path";
import type {Chargeur} from "./lib/warehouse.js";
import {chargeurReferentiel} from "./referentiel.js";
import {chargeurPopulationsLegales} from "./insee-populations-legales.js";
import {chargeurNaissances} from "./insee-naissances.js";
import {chargeurFilosofi} from "./insee-filosofi.js";
import {chargeurCafIris} from "./caf-allocataires-iris.js";
import {chargeurTerritoires} from "./territoires.js";
import {chargeurContours} from "./ign-contours.js";
import {chargeurCouverture} from "./caf-couverture.js";
import {chargeurSaisiesSchema} from "./saisies-schema.js";
import {chargeurSaisiesDiagnostic} from "./saisies-diagnostic.js";

export function chargeurs(racine: string): Chargeur[] {
  return [chargeurReferentiel, chargeurPopulationsLegales, chargeurNaissances, chargeurFilosofi, chargeurCafIris, chargeurTerritoires(join(racine, "data", "territoires")), chargeurContours, chargeurCouverture, chargeurSaisiesSchema(join(racine, "data", "saisies")), chargeurSaisiesDiagnostic(join(racine, "data", "saisies"))];
}
