// Temporary files a load leaves behind when it is killed (SIGKILL, power cut): the
// warehouse being built (`<cible>.<pid>.tmp` and its `.wal`) and the folders where zip
// members and transcoded CSVs are written (`<tmp>/ctg-zip-<pid>-…`, `<tmp>/ctg-csv-<pid>-…`).
// Each name carries the pid of the load that made it; the next load removes those whose
// process is gone, never those of a load still running (tests run several at once).
import {mkdtempSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, dirname, join} from "node:path";

/** A fresh temporary folder named after this process (`<tmp>/<prefixe>-<pid>-XXXXXX`). */
export const dossierTemporaire = (prefixe: string): string => mkdtempSync(join(tmpdir(), `${prefixe}-${process.pid}-`));

function vivant(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes what killed loads left behind; returns the paths removed (for the log). */
export function nettoyerRestes(cible: string): string[] {
  const enleves: string[] = [];
  const enlever = (chemin: string) => {
    rmSync(chemin, {recursive: true, force: true});
    enleves.push(chemin);
  };
  const nom = basename(cible);
  const motifEntrepot = new RegExp(`^${nom.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(\\d+)\\.tmp(\\.wal)?$`);
  for (const f of lister(dirname(cible))) {
    const m = motifEntrepot.exec(f);
    if (m && !vivant(Number(m[1]))) enlever(join(dirname(cible), f));
  }
  for (const f of lister(tmpdir())) {
    const m = /^ctg-(?:zip|csv)-(\d+)-/.exec(f);
    if (m && !vivant(Number(m[1]))) enlever(join(tmpdir(), f));
  }
  return enleves;
}

function lister(dossier: string): string[] {
  try {
    return readdirSync(dossier);
  } catch {
    return [];
  }
}
