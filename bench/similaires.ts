// `ctg similaires` as an analyst runs it (a new process: start-up, warehouse read, every EPCI's
// figures for the chosen indicators, the distance): wall-clock time of one call on PAA's EPCI.
import {spawnSync} from "node:child_process";
import {existsSync} from "node:fs";
import {resolve} from "node:path";
import {ms, type Ligne} from "./mesure.js";

export function benchSimilaires(entrepot: string): Ligne[] {
  if (!existsSync(entrepot)) return [{mesure: "ctg similaires", valeur: `entrepôt ${entrepot} absent`}];
  const debut = performance.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", "cli/ctg.ts", "similaires", "200067437", "--entrepot", entrepot], {cwd: resolve(import.meta.dirname, ".."), encoding: "utf8"});
  const duree = performance.now() - debut;
  if (r.status !== 0) return [{mesure: "ctg similaires", valeur: `échec : ${r.stderr.trim()}`}];
  return [{mesure: "ctg similaires 200067437 (4 indicateurs, 1 254 EPCI), appel complet", valeur: ms(duree), cible: "≤ 5 000 ms", ok: duree <= 5000}];
}
