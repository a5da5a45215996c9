// What /diagnostic draws with Plot and d3 below its annexe (commune and EPCI maps, peers): a chunk of its
// own (scripts/paquets.ts splits dynamic imports), asked for when one of them comes near the screen. Plot
// itself comes with the charts (graphiques-diagnostic.ts), once the first figures are on screen.
export {carteCommunes} from "./vues-carte.js";
export {carteEpci} from "./vues-carte-epci.js";
export {sectionPairsDiagnostic} from "./vues-pairs.js";
