// What /diagnostic draws with Plot and d3 (charts, maps, peers): four fifths of its code, a chunk of its
// own (scripts/paquets.ts splits dynamic imports) that the page asks for once its first figures are on screen.
export {graphiqueBarres, graphiqueDispersion, graphiqueEvolution} from "./graphiques-diagnostic.js";
export {carteCommunes} from "./vues-carte.js";
export {carteEpci} from "./vues-carte-epci.js";
export {sectionPairsDiagnostic} from "./vues-pairs.js";
