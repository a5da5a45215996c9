// Recording what a loader did with one official file (table `source`, table `rejet`):
// rows read = loaded + rejected + out of scope, whether a row was set aside while reading
// (lireCsv) or afterwards (a code the referential does not know, another level…).
import type {DuckDBConnection} from "@duckdb/node-api";
import type {Contexte} from "./chargeur.js";
import type {ResultatCsv} from "./csv.js";
import type {Rejet} from "./source.js";

export interface Publication {
  editeur: string;
  titre: string;
  url: string;
  millesime: string;
}

export interface HorsChamp {
  lignes: number;
  /** French, e.g. "niveau UU2020 (unités urbaines)". */
  motif: string;
}

const nombre = (n: number) => n.toLocaleString("fr-FR");

export async function enregistrerLecture(
  ctx: Contexte,
  o: {
    publication: Publication;
    /** Path relative to the sources folder; also the source id. */
    fichier: string;
    sha256: string;
    lecture: ResultatCsv;
    /** Rows lireCsv kept but the loader then rejected (one reject per row). */
    rejets?: Rejet[];
    /** Rows lireCsv kept but the loader then set aside as out of scope. */
    horsChamp?: HorsChamp[];
    /** How lireCsv's out-of-filter labels read in French (label → text). */
    libelleHorsFiltre?: (etiquette: string) => string;
    note?: string;
  }
): Promise<void> {
  const {lecture} = o;
  const apres = o.rejets ?? [];
  const horsApres = o.horsChamp ?? [];
  const rejeteesALaLecture = lecture.lues - lecture.chargees - lecture.horsFiltre;
  const hors = [
    ...Object.entries(lecture.horsFiltreDetail).map(([e, n]) => ({lignes: n, motif: o.libelleHorsFiltre ? o.libelleHorsFiltre(e) : e})),
    ...horsApres
  ].filter((h) => h.lignes > 0);
  const nHors = hors.reduce((s, h) => s + h.lignes, 0);
  const notes = [
    `Encodage ${lecture.encodage}.`,
    hors.length ? `Hors champ : ${hors.sort((a, b) => b.lignes - a.lignes).map((h) => `${nombre(h.lignes)} ${h.motif}`).join(", ")}.` : "",
    o.note ?? ""
  ].filter(Boolean);
  await ctx.enregistrer(
    {
      id: o.fichier, ...o.publication, fichier: o.fichier, sha256: o.sha256,
      lignesLues: lecture.lues,
      lignesChargees: lecture.chargees - apres.length - horsApres.reduce((s, h) => s + h.lignes, 0),
      lignesRejetees: rejeteesALaLecture + apres.length,
      lignesHorsChamp: nHors,
      note: notes.join(" ")
    },
    [...lecture.rejets, ...apres].sort((a, b) => (a.ligne ?? 0) - (b.ligne ?? 0))
  );
}

/** Rejects from a query returning `ligne, colonne, valeur, motif` (one row per rejected file line). */
export async function rejetsDe(conn: DuckDBConnection, fichier: string, sql: string): Promise<Rejet[]> {
  const lignes = (await conn.runAndReadAll(`SELECT * FROM (${sql}) ORDER BY ligne`)).getRowObjectsJS();
  return lignes.map((r) => ({
    fichier,
    ligne: r.ligne == null ? null : Number(r.ligne),
    colonne: r.colonne == null ? null : String(r.colonne),
    valeur: r.valeur == null ? null : String(r.valeur),
    motif: String(r.motif)
  }));
}
