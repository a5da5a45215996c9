// The ordered list of loaders `npm run data` runs. Order matters: the referential
// first (every other source joins to it), then official files that supersede it.
import {join} from "node:path";
import type {Chargeur} from "./lib/chargeur.js";
import {chargeurReferentiel} from "./referentiel.js";
import {chargeurPopulationsLegales} from "./insee-populations-legales.js";
import {chargeurNaissances} from "./insee-naissances.js";
import {chargeurFilosofi} from "./insee-filosofi.js";
import {chargeurCafIris} from "./caf-allocataires-iris.js";
import {chargeurAllocatairesCommune} from "./caf-allocataires-commune.js";
import {chargeurPopAge} from "./insee-pop-age.js";
import {chargeurRpFamilles} from "./insee-rp-familles.js";
import {chargeurGeoApiContours} from "./geo-api-contours.js";
import {chargeurTerritoires} from "./territoires.js";
import {chargeurCompetencesAO} from "./competences-ao.js";
import {chargeurContours} from "./ign-contours.js";
import {chargeurCouverture} from "./caf-couverture.js";
import {chargeurSaisiesSchema} from "./saisies-schema.js";
import {chargeurSaisiesDiagnostic} from "./saisies-diagnostic.js";
import {chargeurSaisiesTextes} from "./saisies-textes.js";

// geo.api.gouv.fr contours run before the IGN ones: the first contour loaded for a commune
// is kept, and geo.api serves the current geography while IGN files may be older editions
// (why, in loaders/geo-api-contours.ts).
export function chargeurs(racine: string): Chargeur[] {
  return [chargeurReferentiel, chargeurPopulationsLegales, chargeurNaissances, chargeurFilosofi, chargeurCafIris,
    chargeurAllocatairesCommune, chargeurPopAge, chargeurRpFamilles, chargeurGeoApiContours, chargeurTerritoires(join(racine, "data", "territoires")), chargeurCompetencesAO(join(racine, "data", "competences-ao")), chargeurContours, chargeurCouverture, chargeurSaisiesSchema(join(racine, "data", "saisies")), chargeurSaisiesDiagnostic(join(racine, "data", "saisies")),
    chargeurSaisiesTextes(join(racine, "data", "saisies", "textes"))];
}
