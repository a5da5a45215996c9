// What diagnostic.md imports, bundled by scripts/paquets.ts into src/paquets/diagnostic/diagnostic.js (the page imports that file).
import {select} from "@observablehq/inputs";
export {html} from "htl";
export {chargerDiagnostic, chargerDiagnosticPrecalcule, prechargerDiagnostic, chargerCarte, chargerContours, chargerValeursEpci} from "../chargement.js";
export {nombreCommunes} from "../../lib/donnees-territoire.js";
export {boutonDetailCommunes, detailCommunesDemande, lierUrl, messageChargement, parametreUrl, selecteurTerritoire, territoireDepuisUrl} from "../selecteur.js";
export {DETAIL_COMMUNES_MAX, diagnosticEnDeuxTemps, detailADemander} from "../../lib/diagnostic.js";
export {formatCommunes, formatEntier} from "../../lib/format.js";
export {millesimeEnVigueur} from "../../lib/referentiel.js";
export {ajouterGraphiques, notesSources, sectionAnnexe, tableauCommunes} from "../vues-diagnostic.js";
export {aLaDemande, apresAffichage, carteALaDemande} from "../a-la-demande.js";
export {cartographiable} from "../../lib/cartes.js";
export {indicateur} from "../../lib/indicateurs.js";
export {annexe, debutAnnexe, enteteAnnexe, LEGENDE_DRAPEAUX} from "../../lib/annexe.js";
export {textesDe} from "../../lib/textes-analystes.js";
export {boutonsAnnexe} from "../telechargements.js";
export {LIBELLES_TYPE} from "../../lib/territoire.js";
export {largeurGraphique} from "../../lib/largeur.js";
export {chargerPairs} from "../chargement-pairs.js";
export {complementsAnnexe} from "../../lib/annexe-renouvellement.js";
/**
 * Plot, d3 and what draws with them (charts, maps, peers): four fifths of the page's code, fetched once the first
 * figures are on screen. One chunk, not one for the charts and one for the maps: they share Plot, a third file.
 */
export const chargerDessins = () => import("../dessins-diagnostic.js");
// The inputs the page uses, not the module's namespace: an entry keeps all it exports, a namespace every input.
export const Inputs = {select};
