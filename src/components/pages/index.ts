// What index.md imports, bundled by scripts/paquets.ts into src/paquets/index/index.js (the page imports that file).
import {select} from "@observablehq/inputs";
export {html} from "htl";
export {chargerPopulationsAgregees, chargerTerritoire} from "../chargement.js";
export {boutonDetailCommunes, selecteurTerritoire, territoireDepuisUrl} from "../selecteur.js";
export {ficheAgregee, ficheTerritoire} from "../../lib/fiche.js";
export {chiffresALaConstruction} from "../../lib/diagnostic.js";
export {millesimeEnVigueur} from "../../lib/referentiel.js";
export {colonnesCommunes} from "../../lib/exports-territoire.js";
export {boutonsExport} from "../telechargements.js";
export {cartesPopulation, tableauAO, tableauCommunes} from "../vues-territoire.js";
// The inputs the page uses, not the module's namespace: an entry keeps all it exports, a namespace every input.
export const Inputs = {select};
