// npm run bench: every performance figure the project promises, measured in one run.
// The real files are read from ../shared/data (or CTG_SOURCES) when present.
import {resolve} from "node:path";
import {benchReferentiel} from "./referentiel.js";
import {benchFichiersReels} from "./fichiers-reels.js";
import {benchDiagnostic} from "./diagnostic.js";
import {benchProjection} from "./projection.js";
import {benchEstimation} from "./estimation.js";
import {benchConstruction, benchPages} from "./pages.js";
import {imprimer} from "./mesure.js";
import {benchSimilaires} from "./similaires.js";

const racine = resolve(import.meta.dirname, "..");
const sources = resolve(process.env.CTG_SOURCES ?? resolve(racine, "../shared/data"));

imprimer("Chargement du référentiel", await benchReferentiel());
imprimer("Chargement des fichiers officiels réels", await benchFichiersReels(sources));
imprimer("Construction du site", await benchConstruction(sources));
imprimer("Diagnostic", await benchDiagnostic(resolve(racine, "data/warehouse.duckdb")));
imprimer("Territoires semblables (ligne de commande)", benchSimilaires(resolve(racine, "data/warehouse.duckdb")));
imprimer("Enfants de moins de 3 ans : estimateur calibré validé hors échantillon contre les dénominateurs de la Cnaf", await benchEstimation(resolve(racine, "data/warehouse.duckdb")));
imprimer("Projections 2026–2030", await benchProjection(resolve(racine, "data/warehouse.duckdb")));
imprimer("Pages (gzip, mesuré dans Chromium)", await benchPages(resolve(racine, "dist")));
