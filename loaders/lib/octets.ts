// The bytes of an official CSV before DuckDB reads it: what they are (empty, binary, UTF-16,
// Windows-1252, CR-only line ends), decoded to the UTF-8 DuckDB reads best, and counted
// line by line independently of the CSV reader, so that a stray quote swallowing the rest
// of a file cannot make "rows read" agree with "rows loaded + rejected" by undercounting.
import {isUtf8} from "node:buffer";
import {rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {ErreurChargement} from "./warehouse.js";
import {dossierTemporaire} from "./nettoyage.js";

export type Encodage = "utf-8" | "windows-1252" | "utf-16";

export interface OctetsCsv {
  /** The bytes DuckDB reads: UTF-8, "\n" or "\r\n" line ends. */
  octets: Buffer;
  /** The file's own encoding (what the source note says). */
  encodage: Encodage;
  /** True when `octets` differ from the file's bytes: they must be written to a temporary file. */
  transcode: boolean;
}

const BOM_UTF16LE = [0xff, 0xfe];
const BOM_UTF16BE = [0xfe, 0xff];
const commencePar = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);

/**
 * Decodes what can be decoded (UTF-16 with BOM, Windows-1252, the usual spreadsheet export,
 * Latin-1 included; CR-only line ends of old Mac exports) and refuses, in French, what is
 * not a text file at all. `fichier` names the file in messages.
 */
export function decoderCsv(brut: Buffer, fichier: string, format = "CSV"): OctetsCsv {
  if (brut.length === 0) {
    throw new ErreurChargement(`${fichier} : fichier vide (0 octet). Téléchargement interrompu ? Téléchargez-le à nouveau depuis le site de l'éditeur.`);
  }
  let octets = brut;
  let encodage: Encodage = "utf-8";
  if (commencePar(brut, BOM_UTF16LE) || commencePar(brut, BOM_UTF16BE)) {
    const texte = new TextDecoder(brut[0] === 0xff ? "utf-16le" : "utf-16be").decode(brut);
    octets = Buffer.from(texte, "utf8");
    encodage = "utf-16";
  }
  const nul = octets.subarray(0, 64 * 1024).indexOf(0);
  if (nul >= 0) {
    const nature = commencePar(brut, [0x50, 0x4b, 0x03, 0x04]) ? "une archive zip (ou un classeur Excel .xlsx) renommée"
      : commencePar(brut, [0xd0, 0xcf, 0x11, 0xe0]) ? "un classeur Excel .xls renommé" : "un fichier binaire";
    throw new ErreurChargement(
      `${fichier} : ce n'est pas un fichier texte ${format} mais ${nature} (octet nul en position ${nul + 1}). ` +
        `Ouvrez-le dans son logiciel et enregistrez-le au format ${format}, ou déposez le fichier d'origine de l'éditeur.`
    );
  }
  if (encodage === "utf-8" && !isUtf8(octets)) {
    // Windows-1252 decodes every byte (Latin-1 included): no replacement character can appear.
    const sansBom = commencePar(octets, [0xef, 0xbb, 0xbf]) ? octets.subarray(3) : octets;
    octets = Buffer.from(new TextDecoder("windows-1252").decode(sansBom), "utf8");
    encodage = "windows-1252";
  }
  // Old Mac exports end lines with CR alone: the line counts below need "\n".
  if (octets.indexOf(10) < 0 && octets.indexOf(13) >= 0) octets = Buffer.from(octets.toString("latin1").replace(/\r/g, "\n"), "latin1");
  return {octets, encodage, transcode: octets !== brut};
}

/** A JSON or GeoJSON file's text: decoded as decoderCsv does, without its byte-order mark. */
export function texteDecode(brut: Buffer, fichier: string, format: string): {texte: string; encodage: Encodage} {
  const {octets, encodage} = decoderCsv(brut, fichier, format);
  return {texte: octets.toString("utf8").replace(/^\ufeff/, ""), encodage};
}

/** Every line end as "\n" (a file mixing "\r\n" and "\n", which DuckDB's strict reader refuses). */
export const finsDeLigneUnix = (octets: Buffer): Buffer => Buffer.from(octets.toString("latin1").replace(/\r\n?/g, "\n"), "latin1");

/** Writes bytes to a fresh temporary folder; `nettoyer` removes it. */
export function fichierTemporaire(nom: string, octets: Buffer): {chemin: string; nettoyer: () => void} {
  const dossier = dossierTemporaire("ctg-csv");
  const chemin = join(dossier, nom.replace(/^.*[/\\]/, "") || "fichier.csv");
  writeFileSync(chemin, octets);
  return {chemin, nettoyer: () => rmSync(dossier, {recursive: true, force: true})};
}

export interface LignesPhysiques {
  /** Non-blank lines, header included (a line holding only "\r" is blank). */
  nonVides: number;
  /** The last byte is not a line end: the last line may have been cut. */
  finSansSaut: boolean;
  /** Number of the last non-blank line (1-based). */
  derniere: number;
  /** Data lines ending with a separator that hold more fields than the header: the CSV reader drops such trailing empty fields silently. */
  enTrop: {ligne: number; champs: number}[];
}

/** Fields of one line, separators inside quotes aside; null when its quotes do not close (a value going on to the next line). */
function champsDe(ligne: Buffer, separateur: number): number | null {
  let champs = 1, guillemets = false;
  for (const c of ligne) {
    if (c === 34) guillemets = !guillemets;
    else if (c === separateur && !guillemets) champs++;
  }
  return guillemets ? null : champs;
}

/**
 * Lines of the file, counted with Buffer.indexOf (native: ~20 ms for the 25 MB births file,
 * against ~80 ms for a JavaScript byte loop, measured). Quotes are not looked at: a file whose
 * values hold line breaks is recounted by `lignesCsv` only when this count disagrees with the reader.
 */
export function lignesPhysiques(b: Buffer, champs?: {separateur: string; entetes: number}): LignesPhysiques {
  let nonVides = 0, derniere = 0, numero = 0, debut = 0;
  const enTrop: LignesPhysiques["enTrop"] = [];
  const separateur = champs?.separateur.charCodeAt(0);
  for (;;) {
    const fin = b.indexOf(10, debut);
    const bout = fin < 0 ? b.length : fin;
    if (fin < 0 && debut >= b.length) break;
    numero++;
    const longueur = bout - debut - (bout > debut && b[bout - 1] === 13 ? 1 : 0);
    if (longueur > 0) {
      nonVides++;
      derniere = numero;
      // Only lines ending with a separator are counted (few): "4;5;6;" under a 3-column header is read 4, 5, 6.
      if (champs && numero > 1 && b[debut + longueur - 1] === separateur) {
        const n = champsDe(b.subarray(debut, debut + longueur), separateur!);
        if (n != null && n > champs.entetes) enTrop.push({ligne: numero, champs: n});
      }
    }
    if (fin < 0) break;
    debut = fin + 1;
  }
  return {nonVides, finSansSaut: b.length > 0 && b[b.length - 1] !== 10, derniere, enTrop};
}

/**
 * Records of the file as a CSV reader should see them (line breaks inside quotes do not end
 * a record), and the line where a quote opens that is never closed. A JavaScript loop over
 * every byte: only run when `lignesPhysiques` and the reader disagree.
 */
export function lignesCsv(b: Buffer): {enregistrements: number; guillemetOuvert: number | null} {
  let enregistrements = 0, ligne = 1, ouverture = 0, dansGuillemets = false, vide = true;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 34) {
      dansGuillemets = !dansGuillemets;
      if (dansGuillemets) ouverture = ligne;
      vide = false;
    } else if (c === 10) {
      ligne++;
      if (!dansGuillemets) {
        if (!vide) enregistrements++;
        vide = true;
      }
    } else if (c !== 13) vide = false;
  }
  if (!vide && !dansGuillemets) enregistrements++;
  return {enregistrements, guillemetOuvert: dansGuillemets ? ouverture : null};
}

/**
 * Indexes (0-based) of the fields holding a no-break space (U+00A0) or a narrow no-break space
 * (U+202F), the thousands separators of French exports ("2 256") that DuckDB's number parser
 * refuses: only those columns are then read as text and cleaned in SQL. Found with
 * Buffer.indexOf, one line scan per occurrence, quotes understood ("a;b" is one field). A line
 * whose quotes do not pair up (a value spanning lines) makes the answer null: its fields cannot
 * be counted alone, and the caller reads every number as text. (The 2016 Caf IRIS file has one
 * quoted name: every one of its 22 numeric columns was read as text, for 10 holding a no-break space.)
 */
export function champsAEspacesInsecables(b: Buffer, separateur: string): Set<number> | null {
  const champs = new Set<number>();
  const sep = separateur.charCodeAt(0);
  for (const motif of [Buffer.from("\u00a0", "utf8"), Buffer.from("\u202f", "utf8")]) {
    for (let i = b.indexOf(motif); i >= 0; i = b.indexOf(motif, i + motif.length)) {
      const champ = champDe(b, i, sep);
      if (champ == null) return null;
      champs.add(champ);
    }
  }
  return champs;
}

/** Index of the field holding byte i on its line; null when the line's quotes do not pair up. */
function champDe(b: Buffer, i: number, sep: number): number | null {
  const fin = b.indexOf(10, i);
  let champ = 0, guillemets = 0;
  for (let j = b.lastIndexOf(10, i) + 1; j < (fin < 0 ? b.length : fin); j++) {
    if (b[j] === 34) guillemets++;
    else if (j < i && b[j] === sep && guillemets % 2 === 0) champ++;
  }
  return guillemets % 2 === 0 ? champ : null;
}

const chiffre = (c: number | undefined) => c != null && c >= 48 && c <= 57;

/**
 * A "." between a digit and exactly three digits ("2.000", "1.070"): a thousands separator
 * a spreadsheet may write. Buffer.indexOf over the dots only: files of whole numbers have few.
 */
export function pointDeMilliers(b: Buffer): boolean {
  for (let i = b.indexOf(46); i >= 0; i = b.indexOf(46, i + 1)) {
    if (chiffre(b[i - 1]) && chiffre(b[i + 1]) && chiffre(b[i + 2]) && chiffre(b[i + 3]) && !chiffre(b[i + 4])) return true;
  }
  return false;
}
