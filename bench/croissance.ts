// How the site's data files grow with more years (issue 14, docs/croissance.md): the warehouse of
// the real files, then a copy whose six fact tables hold each of their rows again shifted back by
// 20, 40… years (exact schema, same communes: k times today's series), each written by
// src/data/fichiers.ts into a folder of its own. The slope of the workers' peak memory says where
// the machine stops: every commune × every source × 20 years is ≈ 43 times today's series.
import {DuckDBInstance} from "@duckdb/node-api";
import {copyFileSync, mkdtempSync, rmSync, statSync} from "node:fs";
import {totalmem, tmpdir} from "node:os";
import {join} from "node:path";
import {cheminCopie} from "../entrepot/partage.js";
import {ecrireFichiers, tasMaximal} from "../src/data/fichiers.js";
import {ms, type Ligne} from "./mesure.js";

/** The fact tables and the column of the year each describes. */
const FAITS: [table: string, annee: string][] = [
  ["naissance", "annee"], ["population_legale", "millesime"], ["caf_iris", "annee"],
  ["caf_allocataires_commune", "annee"], ["filosofi", "annee"], ["caf_couverture", "annee"]
];
/** Every commune × every source × 20 years, in today's series (docs/croissance.md). */
const VISE = 43;

async function multiplier(entrepot: string, copie: string, fois: number): Promise<void> {
  copyFileSync(entrepot, copie);
  const instance = await DuckDBInstance.create(copie);
  const conn = await instance.connect();
  for (const [table, annee] of FAITS) {
    await conn.run(`CREATE TEMP TABLE origine AS SELECT * FROM ${table}`);
    for (let k = 1; k < fois; k++) await conn.run(`INSERT INTO ${table} SELECT * REPLACE (${annee} - ${20 * k} AS ${annee}) FROM origine`);
    await conn.run("DROP TABLE origine");
  }
  conn.closeSync();
  instance.closeSync();
}

const mo = (octets: number) => `${Math.round(octets / 2 ** 20).toLocaleString("fr-FR")} Mo`;

export async function benchCroissance(entrepot: string, facteurs = [1, 3]): Promise<Ligne[]> {
  const dossier = mkdtempSync(join(tmpdir(), "ctg-croissance-"));
  const mesures: {fois: number; ms: number; copie: number; memoire: number}[] = [];
  try {
    for (const fois of facteurs) {
      const copie = join(dossier, `x${fois}.duckdb`);
      await multiplier(entrepot, copie, fois);
      const lieux = {entrepot: copie, dossier: join(dossier, `site-${fois}`), cache: join(dossier, "cache")};
      const bilan = (await ecrireFichiers(lieux))!;
      mesures.push({fois, ms: bilan.ms, copie: statSync(cheminCopie(copie, lieux.cache)).size, memoire: Math.max(...bilan.memoires)});
      rmSync(copie);
    }
  } finally {
    rmSync(dossier, {recursive: true, force: true});
  }
  const [a, b] = [mesures[0]!, mesures.at(-1)!];
  const pente = (b.memoire - a.memoire) / (b.fois - a.fois);
  const plafond = tasMaximal();
  const maximum = a.fois + (plafond - a.memoire) / pente;
  const auVise = a.memoire + pente * (VISE - a.fois);
  const dureeVisee = a.ms + ((b.ms - a.ms) / (b.fois - a.fois)) * (VISE - a.fois);
  return [
    ...mesures.map((m) => ({mesure: `Fichiers de données du site, séries × ${m.fois} (copie partagée ${mo(m.copie)})`, valeur: `${ms(m.ms)}, mémoire max d'un processus ${mo(m.memoire)}`})),
    {mesure: `Mémoire par fois les séries d'aujourd'hui ; à × ${VISE} (toutes les sources × 20 ans)`, valeur: `${mo(pente)} ; ${mo(auVise)}`},
    {mesure: `Durée extrapolée à × ${VISE} (à la pente mesurée)`, valeur: `${Math.round(dureeVisee / 60_000).toLocaleString("fr-FR")} min`},
    {mesure: `Où la machine s'arrête (80 % de ses ${mo(totalmem())})`, valeur: `≈ × ${Math.floor(maximum)} les séries d'aujourd'hui`, cible: `≥ × ${VISE}`, ok: maximum >= VISE}
  ];
}
