// What petite-enfance.md imports, bundled by scripts/paquets.ts into src/paquets/petite-enfance/petite-enfance.js (the page imports that file).
export {html} from "htl";
export {chargerContours, chargerDiagnostic, chargerDiagnosticPrecalcule} from "../chargement.js";
export {detailADemander} from "../../lib/diagnostic.js";
export {boutonDetailCommunes, messageChargement, selecteurTerritoire, territoireDepuisUrl} from "../selecteur.js";
export {ficheTerritoire} from "../../lib/fiche.js";
export {formatCommunes} from "../../lib/format.js";
export {chiffresSaisis, couvertureTerritoire} from "../../lib/petite-enfance.js";
export {cartesCouverture, graphiqueComparaison, graphiqueDecomposition, ligneCarteCouverture, tableauCommunesCouverture} from "../vues-petite-enfance.js";
export {notesSources, tableauSection} from "../vues-diagnostic.js";
export {annexe} from "../../lib/annexe.js";
export {carteCommunes} from "../vues-carte.js";
export {carteALaDemande} from "../a-la-demande.js";
export {tableauAO} from "../vues-territoire.js";
export {colonnesCouvertureCommunes} from "../../lib/exports-petite-enfance.js";
export {boutonsExport} from "../telechargements.js";
export {LIBELLES_TYPE} from "../../lib/territoire.js";
export {largeurGraphique} from "../../lib/largeur.js";
