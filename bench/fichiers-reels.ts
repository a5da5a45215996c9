// Loading the real official files of ../shared/data: our loaders (headers, types, masked
// cells, rejects, aggregation to communes) against DuckDB alone doing a bare read_csv of
// the same CSV files (all_varchar: automatic typing fails on codes like "2B"), measured in the same run
// (ESSAIS pairs of runs, each pair one after the other). The referential, which every loader needs, is built
// first in the same warehouse; its loader's own time is left out (the final write to disk,
// which also writes the referential, is counted against us).
import {DuckDBInstance} from "@duckdb/node-api";
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {unzipSync} from "fflate";
import {construireEntrepot} from "../loaders/lib/warehouse.js";
import type {Chargeur, Contexte} from "../loaders/lib/chargeur.js";
import {chargeurReferentiel} from "../loaders/referentiel.js";
import {chargeurPopulationsLegales} from "../loaders/insee-populations-legales.js";
import {chargeurNaissances, FICHIERS_NAISSANCES} from "../loaders/insee-naissances.js";
import {chargeurFilosofi, FICHIERS_FILOSOFI} from "../loaders/insee-filosofi.js";
import {chargeurCafIris, FICHIERS_CAF_IRIS} from "../loaders/caf-allocataires-iris.js";
import {chargeurCouverture} from "../loaders/caf-couverture.js";
import type {FichierOfficiel} from "../loaders/lib/fichiers-source.js";
import * as d3 from "d3";
import {chrono, ms, ratio, tempsCpu, type Ligne} from "./mesure.js";

const FICHIERS: FichierOfficiel[] = [
  {relatif: "insee-populations-legales-2023/donnees_communes.csv", separateur: ";"},
  ...FICHIERS_NAISSANCES, ...FICHIERS_FILOSOFI, ...FICHIERS_CAF_IRIS,
  {relatif: "caf-txcouv-nbpla-commune-2017-2022/tx_couverture.csv", separateur: ","},
  {relatif: "caf-txcouv-nbpla-commune-2017-2022/nbpla_pe_caf.csv", separateur: ","}
];
/** Issue 14: our loaders, every check included, at most 1,2 times a bare read of the same files. */
const CIBLE_RAPPORT = 1.2;
/** Pairs of runs: the ratio is their median (with 5, the median moved by up to 0,06 between two benches in a row, measured). */
const ESSAIS = 7;
const CHARGEURS: Chargeur[] = [chargeurPopulationsLegales, chargeurNaissances, chargeurFilosofi, chargeurCafIris, chargeurCouverture];

/** Zip members are extracted beforehand: DuckDB cannot read a zip, so its bare read gets the CSV ready. */
function csvLisibles(sources: string, dossier: string): {chemin: string; separateur: string}[] {
  return FICHIERS.filter((f) => existsSync(join(sources, f.relatif))).map((f) => {
    if (!f.membre) return {chemin: join(sources, f.relatif), separateur: f.separateur};
    const chemin = join(dossier, f.membre);
    writeFileSync(chemin, unzipSync(readFileSync(join(sources, f.relatif)), {filter: (m) => m.name === f.membre})[f.membre]!);
    return {chemin, separateur: f.separateur};
  });
}

export async function benchFichiersReels(sources: string): Promise<Ligne[]> {
  if (!existsSync(sources)) return [{mesure: "Fichiers réels", valeur: `dossier ${sources} absent : mesure impossible`}];
  const dossier = mkdtempSync(join(tmpdir(), "ctg-bench-reels-"));
  const fichiers = csvLisibles(sources, dossier);
  // ESSAIS pairs of runs (ours and the bare read one after the other, in alternating order), so that each pair
  // sees the same state of a shared machine: the ratio is the median of the pairs' ratios (the ratio of two
  // independent bests swung from × 1,16 to × 1,51 between two benches in a row, measured). CPU time (this
  // process, DuckDB's threads included) is measured too: other users of the machine inflate it far less.
  const paires: {nous: number; duck: number; cpuNous: number; cpuDuck: number}[] = [];
  // Each database is removed once measured: ten of them (230 Mo) were left in the temporary folder.
  const mesurer = async (f: (cible: string) => Promise<{ms: number; cpu: number}>, cible: string) => {
    try {
      return await f(cible);
    } finally {
      rmSync(cible, {force: true});
    }
  };
  try {
    for (let essai = 0; essai < ESSAIS; essai++) {
      const nous = () => mesurer((cible) => nosChargeurs(sources, cible), join(dossier, "nous.duckdb"));
      const nue = () => mesurer((cible) => lectureNue(fichiers, cible), join(dossier, "nue.duckdb"));
      const nousDAbord = essai % 2 === 0;
      const premier = await (nousDAbord ? nous : nue)();
      const second = await (nousDAbord ? nue : nous)();
      const [n, d] = nousDAbord ? [premier, second] : [second, premier];
      paires.push({nous: n.ms, duck: d.ms, cpuNous: n.cpu, cpuDuck: d.cpu});
      if (process.env.CTG_BENCH_DETAIL) process.stderr.write(`paire ${essai} (${nousDAbord ? "nous d'abord" : "nue d'abord"}) : ${Math.round(n.ms)} / ${Math.round(d.ms)} ms, CPU ${Math.round(n.cpu)} / ${Math.round(d.cpu)}\n`);
    }
  } finally {
    rmSync(dossier, {recursive: true, force: true});
  }
  const rapports = paires.map((p) => p.nous / p.duck).sort((a, b) => a - b);
  const rapport = d3.median(rapports)!;
  const cpu = d3.median(paires, (p) => p.cpuNous / p.cpuDuck)!;
  const milieu = (f: (p: (typeof paires)[number]) => number) => d3.median(paires, f)!;
  const fois = (r: number) => r.toLocaleString("fr-FR", {maximumFractionDigits: 2});
  return [
    {mesure: `Chargeurs des fichiers réels (${fichiers.length} fichiers, hors référentiel), médiane de ${ESSAIS}`, valeur: ms(milieu((p) => p.nous))},
    {mesure: `DuckDB seul : read_csv des mêmes fichiers, médiane de ${ESSAIS}`, valeur: ms(milieu((p) => p.duck))},
    {mesure: `Rapport chargeurs / DuckDB seul, médiane des ${ESSAIS} paires (min – max)`, valeur: `× ${fois(rapport)} (${fois(rapports[0]!)} – ${fois(rapports.at(-1)!)})`, cible: `≤ ${ratio(CIBLE_RAPPORT, 1)}`, ok: rapport <= CIBLE_RAPPORT},
    {mesure: "… en temps CPU, médiane des paires (chargeurs / DuckDB seul)", valeur: `${ms(milieu((p) => p.cpuNous))} / ${ms(milieu((p) => p.cpuDuck))} : × ${fois(cpu)}`}
  ];
}

/** Our loaders on the real files: their own time (the referential's aside) and the CPU from the first official loader on. */
async function nosChargeurs(sources: string, cible: string): Promise<{ms: number; cpu: number}> {
  let cpuDebut = 0;
  const premier = {...CHARGEURS[0]!, charger: (ctx: Contexte) => ((cpuDebut = tempsCpu()), CHARGEURS[0]!.charger(ctx))};
  const durees = await construireEntrepot({cible, sources, chargeurs: [chargeurReferentiel, premier, ...CHARGEURS.slice(1)], log: () => {}});
  return {cpu: tempsCpu() - cpuDebut, ms: d3.sum(durees.filter((d) => d.libelle !== chargeurReferentiel.libelle), (d) => d.ms)};
}

/** DuckDB alone: each CSV read as text into a table of a new database file, closed (written) at the end. */
async function lectureNue(fichiers: {chemin: string; separateur: string}[], cible: string): Promise<{ms: number; cpu: number}> {
  const cpu = tempsCpu();
  const {ms: duree} = await chrono(async () => {
    const instance = await DuckDBInstance.create(cible);
    const conn = await instance.connect();
    for (const [k, f] of fichiers.entries()) {
      await conn.run(`CREATE TABLE t${k} AS SELECT * FROM read_csv('${f.chemin}', delim='${f.separateur}', header=true, all_varchar=true)`);
    }
    conn.closeSync();
    instance.closeSync();
  });
  return {ms: duree, cpu: tempsCpu() - cpu};
}
