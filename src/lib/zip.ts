// One JSON file per key, zipped for a Framework `*.zip.ts` loader, with a fixed date so
// that two builds give the same bytes.
import {strToU8, zipSync} from "fflate";

export function zipJson(fichiers: Map<string, unknown>): Uint8Array {
  const entrees = Object.fromEntries([...fichiers].map(([cle, contenu]) => [`${cle}.json`, strToU8(JSON.stringify(contenu))]));
  return zipSync(entrees, {level: 6, mtime: new Date("2026-01-01T00:00:00Z")});
}
