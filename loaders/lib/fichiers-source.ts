// Finding the official files an analyst dropped in the sources folder, and opening
// the zip archives some publishers serve. Shared by the loaders of official files.
import {existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {dossierTemporaire} from "./nettoyage.js";
import {join} from "node:path";
import {crc32, inflateRawSync} from "node:zlib";
import {unzipSync} from "fflate";
import {ErreurChargement} from "./warehouse.js";

/** A file a loader reads, as the bench needs it to time a bare DuckDB read_csv of the same data. */
export interface FichierOfficiel {
  /** Path relative to the sources folder. */
  relatif: string;
  separateur: ";" | ",";
  /** For a zip archive: the CSV member actually read. */
  membre?: string;
}

export interface FichierTrouve {
  chemin: string;
  /** Path relative to the sources folder, as shown in messages and in the `source` table. */
  relatif: string;
  /** What the file-name pattern captured (millésime, level…). */
  groupes: string[];
}

/**
 * A file's name as published, without what a browser or a file manager adds to a second
 * copy: "donnees_communes (1).csv", "donnees_communes(2).csv", "donnees_communes - Copie.csv",
 * "donnees_communes - Copy.csv" → "donnees_communes.csv". Case is left to the patterns (/i).
 */
export const nomPublie = (nom: string): string => nom.replace(/(?:\s*\(\d+\)|\s+-\s+cop(?:ie|y)(?:\s*\(\d+\))?)(?=\.[^.]+$)/i, "");

/**
 * Files whose name matches `fichier`, looked for in the sub-folders of `sources` whose
 * name matches `dossier` (the layout of ../shared/data and of `--refresh`), then at the
 * root (an analyst's bare download). Names are matched as published (nomPublie): a second
 * download "x (1).csv" is found. A file name found twice is read once: the first place
 * wins, in that order (and the exact name before a renamed copy).
 */
export function chercherFichiers(sources: string | null, motif: {dossier: RegExp; fichier: RegExp}): FichierTrouve[] {
  if (!sources || !existsSync(sources)) return [];
  const dossiers = readdirSync(sources).filter((d) => motif.dossier.test(d) && statSync(join(sources, d)).isDirectory()).sort();
  const vus = new Map<string, FichierTrouve>();
  for (const dossier of [...dossiers, ""]) {
    for (const nom of readdirSync(join(sources, dossier)).sort((a, b) => Number(a !== nomPublie(a)) - Number(b !== nomPublie(b)) || a.localeCompare(b))) {
      const m = motif.fichier.exec(nomPublie(nom));
      const cle = nomPublie(nom).toLowerCase();
      if (!m || vus.has(cle)) continue;
      const relatif = dossier ? `${dossier}/${nom}` : nom;
      if (statSync(join(sources, relatif)).isFile()) vus.set(cle, {chemin: join(sources, relatif), relatif, groupes: m.slice(1)});
    }
  }
  return [...vus.values()];
}

/** The French line a loader logs when its file is not there (nothing loaded, no error). */
export function messageAbsent(attendu: string, consequence: string): string {
  return `      fichier absent : ${attendu} (ni dans son dossier ni à la racine du dossier de sources) : ${consequence}.`;
}

/**
 * Extracts the zip member whose name ends with `suffixe` to a temporary file, for DuckDB to
 * read. Inflating with Node's native zlib takes ~70 ms for the 25 MB births CSV, fflate's
 * pure-JS unzipSync 160–330 ms (measured): zlib is used for the usual case (stored or
 * deflated member located through the central directory), fflate for anything else.
 */
export function extraireMembre(chemin: string, relatif: string, suffixe: string): MembreExtrait {
  const zip = readFileSync(chemin);
  const membre = (nom: string) => nom.endsWith(suffixe);
  let trouve: {nom: string; octets: Uint8Array} | null;
  try {
    trouve = membreNatif(zip, membre) ?? membreFflate(zip, membre);
  } catch (e) {
    throw erreurArchive(relatif, e);
  }
  if (!trouve) throw new ErreurChargement(`${relatif} : l'archive ne contient pas de fichier « …${suffixe} ».`);
  return membreTemporaire(trouve.nom, trouve.octets);
}

export interface MembreExtrait {
  chemin: string;
  /** Name of the member inside the archive. */
  nom: string;
  /** Its bytes, still in memory: the reader need not read the file back (6 to 22 ms for the 25 Mo of the births, measured). */
  octets: Buffer;
  nettoyer: () => void;
}

/** The CSV a loader reads, as lireCsv takes it (its options of the same names). */
export interface FichierLu {
  chemin: string;
  /** What was read, for messages: the file, or "x.zip › membre.csv". */
  fichier: string;
  /** The zip the CSV was extracted from (its sha256 is the archive's). */
  archive?: string;
  /** The member's bytes, still in memory. */
  octets?: Buffer;
}

/**
 * Runs `lire` on a source file's CSV: the file itself, or, for a zip, the member `extraire`
 * takes out of it (removed afterwards).
 */
export async function lireCsvOuMembre(f: FichierTrouve, extraire: () => MembreExtrait, lire: (lu: FichierLu) => Promise<void>): Promise<void> {
  if (!f.relatif.toLowerCase().endsWith(".zip")) return lire({chemin: f.chemin, fichier: f.relatif});
  const membre = extraire();
  try {
    await lire({chemin: membre.chemin, fichier: `${f.relatif} › ${membre.nom}`, archive: f.chemin, octets: membre.octets});
  } finally {
    membre.nettoyer();
  }
}

/** A zip member written to a fresh temporary folder for DuckDB to read; `nettoyer` removes the folder. */
export function membreTemporaire(nom: string, octets: Uint8Array): MembreExtrait {
  const dossier = dossierTemporaire("ctg-zip");
  const sortie = join(dossier, nom.replace(/^.*\//, ""));
  writeFileSync(sortie, octets);
  return {chemin: sortie, nom, octets: Buffer.from(octets.buffer, octets.byteOffset, octets.byteLength), nettoyer: () => rmSync(dossier, {recursive: true, force: true})};
}

/** An unreadable archive, in French; a member whose CRC-32 fails is named. */
export function erreurArchive(relatif: string, e: unknown): ErreurChargement {
  const crc = e instanceof Error && e.message.includes("CRC-32") ? ` : ${e.message}` : "";
  return new ErreurChargement(`${relatif} : archive zip illisible (fichier tronqué ou corrompu ?)${crc}. Téléchargez-la à nouveau.`, String(e));
}

interface EntreeCentrale {
  nom: string;
  methode: number;
  crc: number;
  taille: number;
  tailleFinale: number;
  local: number;
}

/** The central directory's entries (end record, or zip64 end record, → entries). */
function* entreesCentrales(zip: Buffer): Generator<EntreeCentrale> {
  const fin = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (fin < 0) throw new Error("fin de répertoire central introuvable");
  let n = zip.readUInt16LE(fin + 10);
  let p = zip.readUInt32LE(fin + 16);
  if (fin >= 20 && zip.readUInt32LE(fin - 20) === 0x07064b50) {
    const z = Number(zip.readBigUInt64LE(fin - 12));
    if (zip.readUInt32LE(z) === 0x06064b50) [n, p] = [Number(zip.readBigUInt64LE(z + 32)), Number(zip.readBigUInt64LE(z + 48))];
  }
  for (let i = 0; i < n; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error("entrée du répertoire central invalide");
    const longueurNom = zip.readUInt16LE(p + 28);
    yield {nom: zip.toString("utf8", p + 46, p + 46 + longueurNom), methode: zip.readUInt16LE(p + 10), crc: zip.readUInt32LE(p + 16),
      taille: zip.readUInt32LE(p + 20), tailleFinale: zip.readUInt32LE(p + 24), local: zip.readUInt32LE(p + 42)};
    p += 46 + longueurNom + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
}

/** A flipped bit can inflate to plausible text: the CRC the archive stores is the only proof. */
function verifierCrc(nom: string, octets: Uint8Array, crc: number | undefined): void {
  if (crc32(octets) >>> 0 !== crc) throw new Error(`${nom} : somme de contrôle CRC-32 fausse (archive altérée)`);
}

/** Inflates the member natively; null when unsure (zip64 sizes, an unusual method). */
function membreNatif(zip: Buffer, membre: (nom: string) => boolean): {nom: string; octets: Uint8Array} | null {
  for (const {nom, methode, crc, taille, tailleFinale, local} of entreesCentrales(zip)) {
    if (!membre(nom)) continue;
    // Zip64 (sizes of 0xFFFFFFFF) or an unusual method: let fflate handle it.
    if (taille === 0xffffffff || tailleFinale === 0xffffffff || (methode !== 0 && methode !== 8)) return null;
    const debut = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const brut = zip.subarray(debut, debut + taille);
    const octets = methode === 8 ? inflateRawSync(brut) : brut;
    if (octets.length !== tailleFinale) throw new Error(`${nom} : ${octets.length} octets décompressés, ${tailleFinale} annoncés`);
    verifierCrc(nom, octets, crc);
    return {nom, octets};
  }
  return null;
}

/** fflate's unzipSync (which checks no CRC), each member then checked against the central directory's CRC-32. */
export function membresVerifies(zip: Uint8Array, garder: (nom: string) => boolean): Record<string, Uint8Array> {
  const membres = unzipSync(zip, {filter: (f) => garder(f.name)});
  const crcs = new Map([...entreesCentrales(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength))].map((e) => [e.nom, e.crc]));
  for (const [nom, octets] of Object.entries(membres)) verifierCrc(nom, octets, crcs.get(nom));
  return membres;
}

function membreFflate(zip: Buffer, membre: (nom: string) => boolean): {nom: string; octets: Uint8Array} | null {
  const membres = membresVerifies(zip, membre);
  const nom = Object.keys(membres)[0];
  return nom ? {nom, octets: membres[nom]!} : null;
}
