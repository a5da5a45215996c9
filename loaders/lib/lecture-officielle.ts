// Small helpers for the loaders of official files whose exact layout could not be checked
// offline (Cnaf s_ben_com_f, INSEE TD_POP1B, INSEE base-ic couples-familles-ménages): the
// header line read before lireCsv (to find the millésime in variable names, or the published
// columns a loader recognises by family and does not load), one named CSV member of an INSEE
// zip that also holds a `meta_…` member ending with the same name, and the SQL placing
// commune codes on the 2026 map without counting Paris, Lyon or Marseille twice.
import {isUtf8} from "node:buffer";
import {closeSync, openSync, readFileSync, readSync} from "node:fs";
import {unzipSync} from "fflate";
import {erreurArchive, extraireMembre, membresVerifies, membreTemporaire, type MembreExtrait} from "./fichiers-source.js";
import {ErreurChargement} from "./warehouse.js";
import {motifCodeCommune} from "./communes.js";

/** The first bytes of a file (64 KiB: the header line and a few rows), without reading the rest. */
export function debutFichier(chemin: string, taille = 64 * 1024): Buffer {
  const fd = openSync(chemin, "r");
  try {
    const tampon = Buffer.alloc(taille);
    return tampon.subarray(0, readSync(fd, tampon, 0, taille, 0));
  } finally {
    closeSync(fd);
  }
}

/** Headers of the first line (BOM, quotes and CR removed), split on `separateur`. */
export function entetesDe(chemin: string, separateur: ";" | ","): string[] {
  const debut = debutFichier(chemin);
  const fin = debut.indexOf(10);
  const octets = debut.subarray(0, fin < 0 ? debut.length : fin);
  const ligne = octets.toString(isUtf8(octets) ? "utf8" : "latin1").replace(/^(\ufeff|\u00ef\u00bb\u00bf)/, "").replace(/\r$/, "");
  return ligne.split(separateur).map((h) => h.trim().replace(/^"|"$/g, ""));
}

/**
 * Extracts the one member of the zip whose name (without folder, any case) matches
 * `motif`, to a temporary file. INSEE archives pair the data with a `meta_<same name>`
 * member, which a suffix match (extraireMembre) cannot tell apart: the member is chosen
 * by name here, then extracted by extraireMembre (native zlib, fast on large files) when
 * its name ends no other member's name, else by fflate.
 */
export function extraireMembreCsv(chemin: string, relatif: string, motif: RegExp, attendu: string): MembreExtrait {
  const zip = readFileSync(chemin);
  const noms: string[] = [];
  try {
    unzipSync(zip, {filter: (f) => (noms.push(f.name), false)});
  } catch (e) {
    throw erreurArchive(relatif, e);
  }
  const choisis = noms.filter((n) => motif.test(n.replace(/^.*\//, "")));
  if (choisis.length === 0) throw new ErreurChargement(`${relatif} : l'archive ne contient pas de fichier ${attendu} (membres : ${noms.join(", ") || "aucun"}).`);
  if (choisis.length > 1) throw new ErreurChargement(`${relatif} : l'archive contient plusieurs fichiers ${attendu} (${choisis.join(", ")}) : impossible de choisir.`);
  const nom = choisis[0]!;
  if (!noms.some((n) => n !== nom && n.endsWith(nom))) return extraireMembre(chemin, relatif, nom);
  let octets: Uint8Array;
  try {
    octets = membresVerifies(zip, (n) => n === nom)[nom]!;
  } catch (e) {
    throw erreurArchive(relatif, e);
  }
  return membreTemporaire(nom, octets);
}

/**
 * SQL placing the rows of `vue` on the 2026 map (after preparerCodesCommunes): the view's
 * columns plus `commune`, `statut` (code_commune), `motif` (why the code cannot be placed,
 * NULL when it can: current commune, former code, arrondissement municipal) and
 * `plm_en_double`: an arrondissement row of Paris, Lyon or Marseille when the same file
 * also publishes the whole commune within `partition` (summing both would count it twice).
 */
export function sqlPlacement(vue: string, code: string, partition: readonly string[] = []): string {
  return `SELECT v.*, c.commune, c.statut,
      CASE WHEN c.statut IS NULL OR c.statut = 'ambigu' THEN ${motifCodeCommune("c.statut")} END AS motif,
      coalesce(c.statut = 'arrondissement' AND bool_or(c.statut = 'actuelle') OVER (PARTITION BY ${["c.commune", ...partition].join(", ")}), false) AS plm_en_double
    FROM ${vue} v LEFT JOIN code_commune c ON c.code = upper(v.${code})`;
}

/**
 * The decimal mark of a file whose mark is not documented, read on its first lines ("," when
 * a cell looks like 12,5). It matters: lireCsv reading "12.5" with a "," mark makes DuckDB
 * reject every cell before the slower text pass (70 s instead of a few for 7 million rows, measured).
 */
export function decimaleDe(chemin: string, separateur: ";" | ","): "," | "." {
  const lignes = debutFichier(chemin).toString("latin1").split("\n").slice(1, -1);
  return lignes.some((l) => l.split(separateur).some((c) => /^"?-?\d+,\d+"?\r?$/.test(c.trim()))) ? "," : ".";
}
