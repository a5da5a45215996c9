// What methodologie.md imports, bundled by scripts/paquets.ts into src/paquets/methodologie/methodologie.js (the page imports that file).
export {html} from "htl";
export {formatEntier} from "../../lib/format.js";
export {DEFINITIONS} from "../../lib/definitions.js";
export {COMPETENCES} from "../../lib/ao.js";
export {defilant} from "../defilant.js";
export {tableauSources} from "../vues-sources.js";
export {tableauCatalogue} from "../vues-catalogue.js";
export {tableauHorizons, tableauValidation} from "../vues-petite-enfance.js";
