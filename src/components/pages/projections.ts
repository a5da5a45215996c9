// What projections.md imports, bundled by scripts/paquets.ts into src/paquets/projections/projections.js (the page imports that file).
export {html} from "htl";
export {chargerDiagnostic} from "../chargement.js";
export {messageChargement, selecteurTerritoire, territoireDepuisUrl} from "../selecteur.js";
export {ficheTerritoire} from "../../lib/fiche.js";
export {decrireScenario, elementsScenario, lectureBande, lireParametres, parametresUrl, preparerTerritoire, projeterTerritoire} from "../../lib/projection-territoire.js";
export {controlesScenario, graphiqueEcart, graphiqueNaissances, graphiquePlacesPrevues, graphiqueTauxProjete, parametresDuFormulaire, tableauProjection, tableauSchemaAO} from "../vues-projection.js";
export {COLONNES_PROJECTION, lignesProjection} from "../../lib/exports-petite-enfance.js";
export {boutonsExport} from "../telechargements.js";
export {largeurGraphique} from "../../lib/largeur.js";
