// What comparer.md imports, bundled by scripts/paquets.ts into src/paquets/comparer/comparer.js (the page imports that file).
import {checkbox, form, radio, range, select} from "@observablehq/inputs";
export {html} from "htl";
export {chargerDiagnostic, chargerDiagnosticPrecalcule} from "../chargement.js";
export {chargerPairs} from "../chargement-pairs.js";
export {comparer} from "../../lib/diagnostic.js";
export {indicateur} from "../../lib/indicateurs.js";
export {selecteurTerritoire} from "../selecteur.js";
export {completerPourTerritoires} from "../chargement-index.js";
export {entreesRecherche, territoireConnu} from "../../lib/recherche.js";
export {tableauComparaison} from "../vues-comparaison.js";
export {tableauPeriode, tableauxBilan} from "../vues-periode.js";
export {placeARemplir, quandProche} from "../a-la-demande.js";
export {colonnesComparaison} from "../../lib/exports-diagnostic.js";
export {boutonsExport} from "../telechargements.js";
export {largeurGraphique} from "../../lib/largeur.js";
export {bilans, comparerPeriode, derniereAnneeConnue, periodeParDefaut, lirePeriode, textePeriode} from "../../lib/periode.js";
export {chercherSimilaires, indicesPairs, libellePairs, positionsParmiPairs, SIMILARITE_PAR_DEFAUT, valeursTerritoire} from "../../lib/pairs.js";
export {COLONNES_PAIRS, COLONNES_PERIODE, colonnesBilan, colonnesSimilaires, lignesBilan, lignesPositions} from "../../lib/exports-bilan.js";
// The inputs the page uses, not the module's namespace: an entry keeps all it exports, a namespace every input.
export const Inputs = {checkbox, form, radio, range, select};
// The peers' views and the chart library they draw with (Plot, half the bundle), fetched when the peers' section comes near the screen.
export const vuesPairs = () => import("../vues-pairs.js");
