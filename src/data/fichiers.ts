// Every data file the site serves, written into src/data/ before Framework reads a page
// (observablehq.config.ts, like the pages' bundles): Framework then copies them as static files.
//
// Why not one Framework data loader per file family, as before: Framework 1.13 runs its loaders one
// after the other, each in a process of its own that opens the warehouse again, and serves each
// member of a `.zip` loader by reading the whole archive again (JSZip). On the real files that was
// ~117 s of a ~145 s `observable build`: ~37 s re-reading archives (109 départements × 3 families),
// ~20 s starting processes and re-reading the shared series, the rest computing (measured,
// docs/croissance.md). Here the warehouse is read once, the families are computed in two worker
// processes (at the same time when cores and memory allow: see `ecrireFichiers`), and each file is
// written once.
//
// The files are kept while their key holds (warehouse path, size, modification time; the code
// that computes them: entrepot/, src/lib/, src/data/), so a second build or preview reuses them.
import {spawn} from "node:child_process";
import {availableParallelism, freemem, totalmem} from "node:os";
import {existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {avecEntrepot, ENTREPOT} from "../../entrepot/connexion.js";
import {lireTopologies} from "../../entrepot/contours-zones.js";
import {lireContours} from "../../entrepot/faits.js";
import {lireSchemaPluriannuel} from "../../entrepot/lecture-schema.js";
import {lireMillesimes, lireSources} from "../../entrepot/lecture.js";
import {validationMoins3Ans} from "../../entrepot/moins3ans.js";
import type {DonneesDiagnostic} from "../../entrepot/diagnostic.js";
import {cheminCopie, cleDuCode, DOSSIER_CACHE, donneesDiagnosticPartagees} from "../../entrepot/partage.js";
import {lireTextesAnalystes} from "../../entrepot/textes.js";
import {nouvelleMemoire} from "../lib/agregation.js";
import {fichiersCartes, valeursEpci} from "../lib/cartes.js";
import {contoursParDepartement, fichierFrance, fichiersAgregats, fichiersParDepartement} from "../lib/donnees-territoire.js";
import {communesParDepartement, construireIndex, decouperIndex} from "../lib/index-territoires.js";
import {fichiersPairs} from "../lib/pairs.js";
import type {Referentiel} from "../lib/referentiel.js";
import {dateDesDonnees} from "../lib/sources.js";

/** src/data/, where Framework finds the files (`data/<famille>/<clé>.json`, `data/<nom>.json`). */
export const DOSSIER_DONNEES = import.meta.dirname;

/** A family's files: name (without .json) → content. */
type Fichiers = Map<string, unknown>;

/** Where from, where to: the warehouse, the folder written (src/data/), the shared series' copy (entrepot/partage.ts). */
export interface Lieux {
  entrepot: string;
  dossier: string;
  cache: string;
}

export const LIEUX: Lieux = {entrepot: ENTREPOT, dossier: DOSSIER_DONNEES, cache: DOSSIER_CACHE};

/**
 * The shared series, parsed once per process (each family asks for them), and the one memory every
 * family of the process reads them through (columns built once: src/lib/agregation.ts).
 */
const series = new Map<string, Promise<DonneesDiagnostic>>();
const memoire = nouvelleMemoire();
const partagees = ({entrepot, cache}: Lieux) => series.get(entrepot) ?? series.set(entrepot, donneesDiagnosticPartagees(entrepot, cache, memoire)).get(entrepot)!;

/** The territory index and its communes' slices, computed once per referential (two families serve its parts). */
const decoupages = new WeakMap<Referentiel, ReturnType<typeof decouperIndex>>();
const indexDecoupe = (ref: Referentiel) => decoupages.get(ref) ?? decoupages.set(ref, decouperIndex(construireIndex(ref))).get(ref)!;

/**
 * Every family, by the folder it is served from ("" for single files at src/data/). The ones
 * reading every commune's series take them from entrepot/partage.ts (read once per build).
 */
const FAMILLES: Record<string, (l: Lieux) => Promise<Fichiers>> = {
  faits: async (e) => {
    const d = await partagees(e);
    return fichiersParDepartement(d.ref, d.faits, d.comparaisons);
  },
  agregats: async (e) => {
    const d = await partagees(e);
    return fichiersAgregats(d.ref, d.faits, memoire);
  },
  pairs: async (e) => {
    const d = await partagees(e);
    return fichiersPairs(d.ref, d.faits, memoire);
  },
  "valeurs-epci": async (e) => {
    const d = await partagees(e);
    return valeursEpci(d.ref, d.faits, undefined, memoire);
  },
  communes: async (e) => communesParDepartement((await partagees(e)).ref),
  "index-communes": async (e) => indexDecoupe((await partagees(e)).ref).tranches,
  contours: (e) => avecEntrepot(async (conn) => contoursParDepartement((await partagees(e)).ref, await lireContours(conn)), e.entrepot),
  cartes: (e) => avecEntrepot(async (conn) => fichiersCartes((await partagees(e)).ref, await lireTopologies(conn)), e.entrepot),
  "": async (e) => {
    const d = await partagees(e);
    return avecEntrepot(async (conn) => {
      const sources = await lireSources(conn);
      return new Map<string, unknown>([
        ["france", fichierFrance(d.faits, d.comparaisons, dateDesDonnees(sources))],
        ["index-territoires", indexDecoupe(d.ref).base],
        ["sources", {sources, millesimes: await lireMillesimes(conn)}],
        ["textes-analystes", await lireTextesAnalystes(conn)],
        ["schema-pluriannuel", {lignes: await lireSchemaPluriannuel(conn)}],
        ["validation-moins3ans", await validationMoins3Ans(conn)]
      ]);
    }, e.entrepot);
  }
};

/** The families a second worker computes while the first does the others (about half the time each, measured). */
const SECOND_PROCESSUS = ["pairs", "valeurs-epci", "cartes", "contours"];

function ecrireFamille(racine: string, famille: string, fichiers: Fichiers): void {
  const dossier = join(racine, famille);
  if (famille) rmSync(dossier, {recursive: true, force: true});
  mkdirSync(dossier, {recursive: true});
  for (const [nom, contenu] of fichiers) writeFileSync(join(dossier, `${nom}.json`), JSON.stringify(contenu));
}

/** Computes and writes `familles`, saying on stderr how long each took (a build's progress). */
async function produire(familles: string[], lieux: Lieux): Promise<void> {
  for (const famille of familles) {
    const debut = performance.now();
    const fichiers = await FAMILLES[famille]!(lieux);
    ecrireFamille(lieux.dossier, famille, fichiers);
    if (famille !== familles.at(-1)) collecter();
    process.stderr.write(`Données du site : ${famille || "fichiers uniques"} (${fichiers.size} fichier${fichiers.size > 1 ? "s" : ""}) en ${Math.round(performance.now() - debut).toLocaleString("fr-FR")} ms\n`);
  }
}

/**
 * A full garbage collection, in a worker (started with --expose-gc): after the shared series are read and after
 * each family is written but the last (130 to 160 ms each, measured). With a heap limit of 80 % of the machine,
 * V8 otherwise lets the garbage of the families before pile up: the peak of the same worker on the same series
 * went from 1,6 to 2,1 Go from one build to the next (measured), and the growth bench's estimate of where the
 * machine stops from × 52 to × 31. Collecting only when the heap had grown by a quarter still let it fall to × 44.
 */
const collecter = () => (globalThis as {gc?: () => void}).gc?.();

/** A worker's heap limit, in bytes: 80 % of the machine's memory (the rest for DuckDB and the system). */
export const tasMaximal = () => totalmem() * 0.8;

/**
 * A worker: this module run by tsx with its places and families as arguments. Its heap may take most of
 * the machine's memory (Node's default, ~4 Go here, would stop the build near 10 times today's series:
 * docs/croissance.md). `lu` is called once it has read the shared series (and written their copy).
 */
function processus(familles: string[], lieux: Lieux, lu: () => void = () => {}): Promise<number> {
  let pic = NaN;
  return new Promise((ok, echec) => {
    const fils = spawn(process.execPath, [`--max-old-space-size=${Math.floor(tasMaximal() / 2 ** 20)}`, "--expose-gc", "--import", "tsx", import.meta.filename, JSON.stringify(lieux), ...familles], {stdio: ["ignore", "inherit", "inherit", "ipc"]});
    fils.on("message", (m: MessageTravail) => ("memoire" in m ? (pic = m.memoire) : lu()));
    fils.on("error", echec);
    fils.on("exit", (code) => (code === 0 ? ok(pic) : echec(new Error(`Le calcul des données du site (${familles.join(", ") || "fichiers uniques"}) a échoué : voir le message ci-dessus.`))));
  });
}

/** What a worker says: it has read the series; its peak memory (bytes) as it ends. */
type MessageTravail = {lu: true} | {memoire: number};

/** What writing the data files took: duration, workers, each worker's peak memory (bytes). */
export interface Bilan {
  ms: number;
  memoires: number[];
}

/**
 * The memory a worker needs, from the shared copy's size: 13 times it. Measured by `npm run bench -- croissance`
 * (a worker's peak, its computed files included): 853 Mo for a 46 Mo copy, 1 543 Mo for 116 Mo, and ≈ 10 times
 * each further copy's megabyte; 13 holds from three times today's series on, where memory starts to matter.
 */
const tasNecessaire = (lieux: Lieux) => 13 * statSync(cheminCopie(lieux.entrepot, lieux.cache)).size;

/**
 * Writes every family unless the files already there were made from this warehouse by this code,
 * in worker processes (this one, Framework's, keeps its default heap): the first reads the warehouse
 * once and copies the shared series; then, with two cores and the memory for two copies of the series,
 * a second worker computes its share of the families from the copy while the first does the rest.
 */
export async function ecrireFichiers(lieux: Lieux = LIEUX): Promise<Bilan | null> {
  const {entrepot, dossier} = lieux;
  if (!existsSync(entrepot) || statSync(entrepot).isDirectory()) await partagees(lieux); // its French error (ErreurEntrepot)
  const cle = cleDuCode(entrepot, [DOSSIER_DONNEES]);
  const marque = join(dossier, ".cle");
  if (existsSync(marque) && readFileSync(marque, "utf8") === cle) return null;
  rmSync(marque, {force: true});
  const debut = performance.now();
  let second: Promise<number> | undefined;
  const deux = () => availableParallelism() > 1 && 2 * tasNecessaire(lieux) < 0.8 * freemem();
  const premier = await processus(Object.keys(FAMILLES).filter((f) => !SECOND_PROCESSUS.includes(f)), lieux, () => {
    second = deux() ? processus(SECOND_PROCESSUS, lieux) : undefined;
    second?.catch(() => {}); // awaited below; a failure of the first is the one said
  });
  // no room for a second worker beside the first: its share after it
  const deuxieme = await (second ?? processus(SECOND_PROCESSUS, lieux));
  writeFileSync(marque, cle);
  const bilan = {ms: Math.round(performance.now() - debut), memoires: [premier, deuxieme]};
  const mo = bilan.memoires.map((m) => Math.round(m / 2 ** 20).toLocaleString("fr-FR")).join(" et ");
  process.stderr.write(`Données du site écrites (${second ? "deux processus en même temps" : "deux processus l'un après l'autre"}, mémoire max ${mo} Mo) en ${bilan.ms} ms\n`);
  return bilan;
}

// `tsx src/data/fichiers.ts <lieux en JSON> <familles…>`: a worker of ecrireFichiers. Its errors are
// said in French on stderr (ErreurEntrepot's message first), the stack for maintainers after.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const [texte, ...familles] = process.argv.slice(2);
  const lieux = JSON.parse(texte!) as Lieux;
  try {
    await partagees(lieux);
    collecter();
    process.send?.({lu: true} satisfies MessageTravail);
    await produire(familles, lieux);
    process.send?.({memoire: process.resourceUsage().maxRSS * 1024} satisfies MessageTravail, () => process.disconnect?.());
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${e instanceof Error && "detail" in e ? String(e.detail) : ""}\n${e instanceof Error ? e.stack : ""}\n`);
    process.exit(1);
  }
}
