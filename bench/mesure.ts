// Measuring helpers for `npm run bench`: wall-clock times and ratios taken in one run.
export async function chrono<T>(f: () => Promise<T> | T): Promise<{ms: number; resultat: T}> {
  const debut = performance.now();
  const resultat = await f();
  return {ms: performance.now() - debut, resultat};
}

/** CPU time of this process so far, every thread (DuckDB's included), in ms. */
export function tempsCpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Median of n runs of f (after one warm-up run). */
export async function mediane(f: () => unknown, n = 15): Promise<number> {
  await f();
  const t: number[] = [];
  for (let i = 0; i < n; i++) t.push((await chrono(f)).ms);
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)]!;
}

export const ms = (v: number) => `${v.toLocaleString("fr-FR", {maximumFractionDigits: v < 10 ? 2 : 0})} ms`;
export const ko = (octets: number) => `${(octets / 1024).toLocaleString("fr-FR", {maximumFractionDigits: 0})} Ko`;
export const ratio = (a: number, b: number) => `× ${(a / b).toLocaleString("fr-FR", {maximumFractionDigits: 2})}`;

export interface Ligne {
  mesure: string;
  valeur: string;
  cible?: string;
  ok?: boolean;
}

export function imprimer(titre: string, lignes: Ligne[]) {
  process.stdout.write(`\n${titre}\n`);
  const w = Math.max(...lignes.map((l) => l.mesure.length));
  for (const l of lignes) {
    const verdict = l.ok == null ? "" : l.ok ? "  ✓" : "  ✗ hors cible";
    process.stdout.write(`  ${l.mesure.padEnd(w)}  ${l.valeur}${l.cible ? `  (cible ${l.cible})` : ""}${verdict}\n`);
  }
}
