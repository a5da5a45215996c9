// One JSON file per key, zipped for a Framework `*.zip.ts` loader, with a fixed date so
// that two builds give the same bytes. Stored, not deflated: Framework extracts each member
// into the built site (served compressed by the host), so the archive is only a carrier in
// the build's cache; deflating it cost ~2 s of CPU per build for the départements' files
// alone against 0,1 s stored (measured), with the same members.
import {strToU8, zipSync} from "fflate";

export function zipJson(fichiers: Map<string, unknown>): Uint8Array {
  const entrees = Object.fromEntries([...fichiers].map(([cle, contenu]) => [`${cle}.json`, strToU8(JSON.stringify(contenu))]));
  return zipSync(entrees, {level: 0, mtime: new Date("2026-01-01T00:00:00Z")});
}
