// npm run bench: every performance figure the project promises, measured in one run.
import {benchReferentiel} from "./referentiel.js";
import {benchConstruction, benchPages} from "./pages.js";
import {imprimer} from "./mesure.js";

imprimer("Chargement du référentiel", await benchReferentiel());
imprimer("Construction du site", await benchConstruction());
imprimer("Poids des pages (gzip, mesuré dans Chromium)", await benchPages());
