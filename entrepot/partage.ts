// The diagnostic's data (referential, every commune's series, comparison values) read from
// the warehouse ONCE per build and shared by the processes that write the site's data files
// (src/data/fichiers.ts: the second process, on the other core, reads this copy instead of the
// warehouse: lireFaits and comparaisonsPour cost ~11 s on this machine, parsing the copy ~1 s,
// measured; docs/croissance.md). The first reader writes the copy, the next ones read it.
//
// The copy lives in Framework's cache (src/.observablehq/cache/, emptied by `npm run clean`
// before every `npm run build`), one file per warehouse, and is used only while its key
// holds: the warehouse's path, size and modification time, and the modification times of
// the code that computes it (entrepot/, src/lib/), so that a rebuilt warehouse or an edited
// query during `npm run dev` is never served stale. JSON, not v8.serialize: parsing the
// ~28 MB copy is 4 to 5 times faster (measured).
import {createHash} from "node:crypto";
import {closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, writeSync} from "node:fs";
import {join, resolve} from "node:path";
import type {Memoire} from "../src/lib/agregation.js";
import type {Referentiel} from "../src/lib/referentiel.js";
import {avecEntrepot, ENTREPOT} from "./connexion.js";
import {lireDonneesDiagnostic, type DonneesDiagnostic} from "./diagnostic.js";

const RACINE = resolve(import.meta.dirname, "..");

/** Where the copies go: Framework's cache. */
export const DOSSIER_CACHE = join(RACINE, "src/.observablehq/cache/_entrepot");

/** Dossiers whose code shapes the copy (a change there is a new key). */
const CODE = [join(RACINE, "entrepot"), join(RACINE, "src/lib")];

/** What files computed from `entrepot` by the code of entrepot/, src/lib/ (and `autres` folders) depend on. */
export function cleDuCode(entrepot: string, autres: string[] = []): string {
  const s = statSync(entrepot);
  const code = [...CODE, ...autres].flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".ts")).map((f) => `${f}:${statSync(join(d, f)).mtimeMs}`));
  return createHash("sha256").update(JSON.stringify([resolve(entrepot), s.size, s.mtimeMs, code])).digest("hex");
}

/** Where the copy of `entrepot`'s series is written in `dossier`. */
export const cheminCopie = (entrepot: string, dossier: string = DOSSIER_CACHE) => join(dossier, `${createHash("sha256").update(resolve(entrepot)).digest("hex").slice(0, 16)}.ndjson`);

/** The referential's maps as entry lists (JSON has no Map). */
type ReferentielJson = Omit<Referentiel, "rattaches" | "communes" | "epci" | "departements" | "regions" | "groupes"> & Record<"rattaches" | "communes" | "epci" | "departements" | "regions" | "groupes", [string, unknown][]>;

const CARTES = ["rattaches", "communes", "epci", "departements", "regions", "groupes"] as const;

function versJson(ref: Referentiel): ReferentielJson {
  return {...ref, ...Object.fromEntries(CARTES.filter((k) => ref[k]).map((k) => [k, [...ref[k]!]]))} as unknown as ReferentielJson;
}

function depuisJson(ref: ReferentielJson): Referentiel {
  return {...ref, ...Object.fromEntries(CARTES.filter((k) => ref[k]).map((k) => [k, new Map(ref[k])]))} as unknown as Referentiel;
}

/** First line of the copy; each following line is one base's series, [base, série]. */
interface Entete {
  cle: string;
  ref: ReferentielJson;
  faits: DonneesDiagnostic["faits"];
  comparaisons: DonneesDiagnostic["comparaisons"];
}

/**
 * One line per base rather than one JSON text: V8 caps a string at ~512 M characters, which
 * the whole country's series would pass at ~24 million cells (~22 characters each, measured);
 * line by line, only the process's memory bounds the copy (docs/croissance.md).
 */
function ecrireCopie(chemin: string, cle: string, d: DonneesDiagnostic): void {
  const fd = openSync(chemin, "w");
  try {
    writeSync(fd, JSON.stringify({cle, ref: versJson(d.ref), faits: {...d.faits, series: {}}, comparaisons: d.comparaisons} satisfies Entete) + "\n");
    for (const entree of Object.entries(d.faits.series)) writeSync(fd, JSON.stringify(entree) + "\n");
  } finally {
    closeSync(fd);
  }
}

function lireCopie(chemin: string, cle: string): DonneesDiagnostic | null {
  let octets: Buffer;
  try {
    octets = readFileSync(chemin);
  } catch {
    return null; // absent: read the warehouse
  }
  const lignes: string[] = [];
  for (let debut = 0, fin = octets.indexOf(10); fin >= 0; debut = fin + 1, fin = octets.indexOf(10, debut)) lignes.push(octets.toString("utf8", debut, fin));
  const entete = JSON.parse(lignes[0] ?? "null") as Entete | null;
  if (entete?.cle !== cle) return null;
  const series = Object.fromEntries(lignes.slice(1).map((l) => JSON.parse(l) as [string, DonneesDiagnostic["faits"]["series"][string]]));
  return {ref: depuisJson(entete.ref), faits: {...entete.faits, series}, comparaisons: entete.comparaisons};
}

/**
 * lireDonneesDiagnostic of the warehouse, from the shared copy when it is current (else read, then copied);
 * `memoire`: the one the process will read these Faits through afterwards (src/lib/agregation.ts).
 */
export async function donneesDiagnosticPartagees(entrepot: string = ENTREPOT, dossier: string = DOSSIER_CACHE, memoire?: Memoire): Promise<DonneesDiagnostic> {
  if (!existsSync(entrepot) || statSync(entrepot).isDirectory()) return avecEntrepot(lireDonneesDiagnostic, entrepot); // its French error
  const cle = cleDuCode(entrepot);
  const chemin = cheminCopie(entrepot, dossier);
  const copie = lireCopie(chemin, cle);
  if (copie) return copie;
  const d = await avecEntrepot((conn) => lireDonneesDiagnostic(conn, memoire), entrepot);
  mkdirSync(dossier, {recursive: true});
  // Written aside then renamed: a process reading at the same time sees the old copy or the new one, never half of one.
  const temporaire = `${chemin}.${process.pid}.tmp`;
  ecrireCopie(temporaire, cle, d);
  renameSync(temporaire, chemin);
  return d;
}
