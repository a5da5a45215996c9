// npm run bench: every performance figure the project promises, measured in one run
// (`npm run bench -- --pages`: the pages' measures only, on the site already built).
// The real files are read from ../shared/data (or CTG_SOURCES) when present.
import {resolve} from "node:path";
import {benchReferentiel} from "./referentiel.js";
import {benchFichiersReels} from "./fichiers-reels.js";
import {benchDiagnostic} from "./diagnostic.js";
import {benchProjection} from "./projection.js";
import {benchEstimation} from "./estimation.js";
import {benchConstruction, benchPages} from "./pages.js";
import {imprimer} from "./mesure.js";

const racine = resolve(import.meta.dirname, "..");
const sources = resolve(process.env.CTG_SOURCES ?? resolve(racine, "../shared/data"));
// `npm run bench -- --pages`: only the pages of an already built dist/ (CTG_DIST), while working on them.
if (process.argv.includes("--pages")) {
  imprimer("Pages (gzip, mesuré dans Chromium)", await benchPages(resolve(racine, process.env.CTG_DIST ?? "dist")));
  process.exit(0);
}

imprimer("Chargement du référentiel", await benchReferentiel());
imprimer("Chargement des fichiers officiels réels", await benchFichiersReels(sources));
imprimer("Construction du site", await benchConstruction(sources));
imprimer("Diagnostic", await benchDiagnostic(resolve(racine, "data/warehouse.duckdb")));
imprimer("Enfants de moins de 3 ans : estimateur calibré validé hors échantillon contre les dénominateurs de la Cnaf", await benchEstimation(resolve(racine, "data/warehouse.duckdb")));
imprimer("Projections 2026–2030", await benchProjection(resolve(racine, "data/warehouse.duckdb")));
imprimer("Pages (gzip, mesuré dans Chromium)", await benchPages(resolve(racine, "dist")));
