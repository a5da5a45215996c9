// npm run data [-- --sources <dossier>] [--refresh [--via export|records] [--departements 04,06]] [--cible <fichier.duckdb>] [--accepter-baisse]
// Builds data/warehouse.duckdb from the referential package, the official files found
// in the sources folder (data/raw by default) and the analysts' entries in data/.
import {existsSync, mkdirSync, readdirSync} from "node:fs";
import {resolve} from "node:path";
import {construireEntrepot, ErreurChargement} from "./lib/warehouse.js";
import {rafraichir} from "./lib/telechargement.js";
import {chargeurs} from "./chargeurs.js";
import {ErreurOption, lireOptions} from "./lib/options.js";

const racine = resolve(import.meta.dirname, "..");
const PAR_DEFAUT = resolve(racine, "data/raw");

async function main() {
  const {values} = lireOptions(process.argv.slice(2), {
    sources: {type: "string"},
    refresh: {type: "boolean", default: false},
    // records: the Cnaf datasets through the paginated JSON API (whole-file exports time out on some networks).
    via: {type: "string", default: "export"},
    departements: {type: "string"},
    cible: {type: "string", default: resolve(racine, "data/warehouse.duckdb")},
    // A source may yield far fewer rows than the warehouse being replaced (else the load is refused).
    "accepter-baisse": {type: "boolean", default: false}
  }, false);
  const nomme = values.sources ?? process.env.CTG_SOURCES;
  const log = (m: string) => process.stderr.write(m + "\n");
  const liste = chargeurs(racine);
  if (values.via !== "export" && values.via !== "records") throw new ErreurChargement(`--via « ${values.via} » inconnu : « export » (fichiers entiers) ou « records » (API paginée de data.caf.fr).`);
  let sources: string | null = resolve(nomme ?? PAR_DEFAUT);
  if (values.refresh) {
    mkdirSync(sources, {recursive: true});
    log(`Téléchargement des fichiers officiels dans ${sources}…`);
    const departements = values.departements?.split(",").map((d) => d.trim()).filter(Boolean);
    await rafraichir(liste, sources, {via: values.via, departements, log});
  }
  // A folder the user named must hold files (construireEntrepot checks it); only the default
  // data/raw may be missing or empty: a fresh clone's warehouse of embedded data.
  if (nomme == null && !values.refresh && (!existsSync(sources) || readdirSync(sources).length === 0)) {
    log(`Dossier de sources ${sources} absent ou vide : entrepôt construit sur les données embarquées.`);
    sources = null;
  } else log(`Dossier de sources : ${sources}`);
  const debut = performance.now();
  await construireEntrepot({cible: values.cible!, sources, chargeurs: liste, log, accepterBaisse: values["accepter-baisse"]});
  log(`Entrepôt écrit : ${values.cible} (${Math.round(performance.now() - debut)} ms).`);
}

main().catch((e) => {
  const connue = e instanceof ErreurChargement || e instanceof ErreurOption;
  const detail = e instanceof ErreurChargement ? e.detail : connue ? undefined : e?.stack;
  process.stderr.write(`\nÉchec du chargement : ${e.message}\nL'entrepôt précédent est conservé.\n${detail ? `Détail technique : ${detail}\n` : ""}`);
  process.exit(1);
});
