// npm run data [-- --sources <dossier>] [--refresh [--via export|records] [--departements 04,06]] [--cible <fichier.duckdb>]
// Builds data/warehouse.duckdb from the referential package, the official files found
// in the sources folder (data/raw by default) and the analysts' entries in data/.
import {parseArgs} from "node:util";
import {existsSync, mkdirSync} from "node:fs";
import {resolve} from "node:path";
import {construireEntrepot, ErreurChargement} from "./lib/warehouse.js";
import {rafraichir} from "./lib/telechargement.js";
import {chargeurs} from "./chargeurs.js";

const racine = resolve(import.meta.dirname, "..");

async function main() {
  const {values} = parseArgs({
    options: {
      sources: {type: "string", default: process.env.CTG_SOURCES ?? resolve(racine, "data/raw")},
      refresh: {type: "boolean", default: false},
      // records: the Cnaf datasets through the paginated JSON API (whole-file exports time out on some networks).
      via: {type: "string", default: "export"},
      departements: {type: "string"},
      cible: {type: "string", default: resolve(racine, "data/warehouse.duckdb")}
    }
  });
  const sources = resolve(values.sources!);
  const log = (m: string) => process.stderr.write(m + "\n");
  const liste = chargeurs(racine);
  if (values.via !== "export" && values.via !== "records") throw new ErreurChargement(`--via « ${values.via} » inconnu : « export » (fichiers entiers) ou « records » (API paginée de data.caf.fr).`);
  if (values.refresh) {
    mkdirSync(sources, {recursive: true});
    log(`Téléchargement des fichiers officiels dans ${sources}…`);
    const departements = values.departements?.split(",").map((d) => d.trim()).filter(Boolean);
    await rafraichir(liste, sources, {via: values.via, departements, log});
  }
  if (!existsSync(sources)) log(`Dossier de sources ${sources} absent : entrepôt construit sur les données embarquées.`);
  else log(`Dossier de sources : ${sources}`);
  const debut = performance.now();
  await construireEntrepot({cible: values.cible!, sources, chargeurs: liste, log});
  log(`Entrepôt écrit : ${values.cible} (${Math.round(performance.now() - debut)} ms).`);
}

main().catch((e) => {
  const detail = e instanceof ErreurChargement ? e.detail : e?.stack;
  process.stderr.write(`\nÉchec du chargement : ${e.message}\nL'entrepôt précédent est conservé.\n${detail ? `Détail technique : ${detail}\n` : ""}`);
  process.exit(1);
});
