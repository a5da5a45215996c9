// npm run bench [-- <mesure>…]: every performance figure the project promises, measured in one
// run; named measures only when given (npm run bench -- chargement construction), so that a
// change can be measured without the whole bench on a busy machine. `npm run bench -- pages`
// (or `--pages`): the pages' measures only, on the site already built (dist/, or CTG_DIST).
// The real files are read from ../shared/data (or CTG_SOURCES) when present.
import {loadavg} from "node:os";
import {resolve} from "node:path";
import {benchReferentiel} from "./referentiel.js";
import {benchFichiersReels} from "./fichiers-reels.js";
import {benchDiagnostic} from "./diagnostic.js";
import {benchProjection} from "./projection.js";
import {benchEstimation} from "./estimation.js";
import {benchConstruction, benchPages} from "./pages.js";
import {imprimer, type Ligne} from "./mesure.js";
import {benchSimilaires} from "./similaires.js";
import {benchCroissance} from "./croissance.js";

const racine = resolve(import.meta.dirname, "..");
const sources = resolve(process.env.CTG_SOURCES ?? resolve(racine, "../shared/data"));
const entrepot = resolve(racine, "data/warehouse.duckdb");

const MESURES: Record<string, {titre: string; mesurer: () => Promise<Ligne[]>}> = {
  referentiel: {titre: "Chargement du référentiel", mesurer: benchReferentiel},
  chargement: {titre: "Chargement des fichiers officiels réels", mesurer: () => benchFichiersReels(sources)},
  construction: {titre: "Construction du site", mesurer: () => benchConstruction(sources)},
  diagnostic: {titre: "Diagnostic", mesurer: () => benchDiagnostic(entrepot)},
  similaires: {titre: "Territoires semblables (ligne de commande)", mesurer: async () => benchSimilaires(entrepot)},
  estimation: {titre: "Enfants de moins de 3 ans : estimateur calibré validé hors échantillon contre les dénominateurs de la Cnaf", mesurer: () => benchEstimation(entrepot)},
  projections: {titre: "Projections 2026–2030", mesurer: () => benchProjection(entrepot)},
  croissance: {titre: "Croissance : fichiers de données du site avec trois fois les années (entrepôt des fichiers réels)", mesurer: () => benchCroissance(entrepot)},
  pages: {titre: "Pages (gzip, mesuré dans Chromium)", mesurer: () => benchPages(resolve(racine, process.env.CTG_DIST ?? "dist"))}
};

// `--pages` is the name the pages' measure had before measures could be named: still accepted.
const demandees = process.argv.slice(2).map((m) => m.replace(/^--/, ""));
const inconnues = demandees.filter((m) => !MESURES[m]);
if (inconnues.length) {
  process.stderr.write(`Mesure inconnue : ${inconnues.join(", ")}. Mesures possibles : ${Object.keys(MESURES).join(", ")} (aucune : toutes).\n`);
  process.exit(1);
}
// The machine may be shared: its load beside the figures says how much to trust them.
const charge = () => loadavg().map((x) => x.toLocaleString("fr-FR", {maximumFractionDigits: 1})).join(" / ");
process.stdout.write(`Charge de la machine (1 / 5 / 15 min) au départ : ${charge()}\n`);
for (const [nom, m] of Object.entries(MESURES)) {
  if (demandees.length && !demandees.includes(nom)) continue;
  imprimer(m.titre, await m.mesurer());
  process.stdout.write(`  (charge de la machine : ${charge()})\n`);
}
