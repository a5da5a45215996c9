// Builds data/warehouse.duckdb atomically: every loader writes into a fresh temporary
// database, which replaces the previous warehouse only once all of them succeeded.
// A failed load therefore always leaves the last good warehouse in place.
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {renameSync, rmSync} from "node:fs";
import {SCHEMA} from "./schema.js";
import type {Rejet, SourceChargee} from "./source.js";
import type {Chargeur, Contexte} from "./chargeur.js";

/** A load error: French for the analyst, with the technical cause for maintainers. */
export class ErreurChargement extends Error {
  constructor(message: string, readonly detail?: string) {
    super(message);
    this.name = "ErreurChargement";
  }
}

/** Time each loader took, writing its rows to disk included: the bench reads them. */
export interface Duree {
  libelle: string;
  ms: number;
}

export async function construireEntrepot(options: {
  cible: string;
  sources: string;
  chargeurs: Chargeur[];
  log: (message: string) => void;
}): Promise<Duree[]> {
  const {cible, sources, chargeurs, log} = options;
  const tmp = `${cible}.${process.pid}.tmp`;
  rmSync(tmp, {force: true});
  const instance = await DuckDBInstance.create(tmp);
  const conn = await instance.connect();
  const durees: Duree[] = [];
  try {
    // Each loader's rows are written to disk by a CHECKPOINT at its end (counted in its time),
    // not by an automatic checkpoint in the middle of whichever loader crosses the WAL threshold.
    await conn.run("SET checkpoint_threshold = '4GB'");
    await conn.run(SCHEMA);
    const ctx: Contexte = {conn, sources, log, enregistrer: (s, r) => enregistrer(conn, s, r)};
    for (const [i, c] of chargeurs.entries()) {
      const debut = performance.now();
      log(`[${i + 1}/${chargeurs.length}] ${c.libelle}…`);
      await c.charger(ctx);
      await conn.run("CHECKPOINT");
      durees.push({libelle: c.libelle, ms: performance.now() - debut});
      log(`      ${c.libelle} : ${Math.round(durees.at(-1)!.ms)} ms`);
    }
  } catch (e) {
    conn.closeSync();
    instance.closeSync();
    rmSync(tmp, {force: true});
    throw e;
  }
  conn.closeSync();
  instance.closeSync();
  renameSync(tmp, cible);
  rmSync(`${tmp}.wal`, {force: true});
  return durees;
}

async function enregistrer(conn: DuckDBConnection, s: SourceChargee, rejets: Rejet[] = []): Promise<void> {
  if (s.lignesLues !== s.lignesChargees + s.lignesRejetees + (s.lignesHorsChamp ?? 0)) {
    throw new ErreurChargement(
      `Comptage incohérent pour ${s.fichier} : ${s.lignesLues} lignes lues, ${s.lignesChargees} chargées, ${s.lignesRejetees} rejetées.`
    );
  }
  await conn.run(
    `INSERT INTO source VALUES ($id, $editeur, $titre, $url, $millesime, $fichier, now()::TIMESTAMP, $sha256, $lues, $chargees, $rejetees, $hors, $note)`,
    {
      id: s.id, editeur: s.editeur, titre: s.titre, url: s.url, millesime: s.millesime, fichier: s.fichier,
      sha256: s.sha256, lues: s.lignesLues, chargees: s.lignesChargees, rejetees: s.lignesRejetees, hors: s.lignesHorsChamp ?? 0, note: s.note ?? null
    }
  );
  if (rejets.length === 0) return;
  const app = await conn.createAppender("rejet");
  for (const r of rejets) {
    app.appendVarchar(s.id);
    app.appendVarchar(r.fichier);
    if (r.ligne == null) app.appendNull(); else app.appendInteger(r.ligne);
    if (r.colonne == null) app.appendNull(); else app.appendVarchar(r.colonne);
    if (r.valeur == null) app.appendNull(); else app.appendVarchar(r.valeur);
    app.appendVarchar(r.motif);
    app.endRow();
  }
  app.closeSync();
}
