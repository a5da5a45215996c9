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

/**
 * What a source note says of any CSV read: its encoding, the cells read as masked from a
 * secret-statistique marker, and a last line that may have been cut (no final line break:
 * usual in INSEE files, but also what a truncated download looks like).
 */
export function notesLecture(lecture: ResultatCsv): string {
  const {masquees: m} = lecture;
  return [
    `Encodage ${lecture.encodage}.`,
    m.cellules ? `${nombre(m.cellules)} cellule${m.cellules > 1 ? "s" : ""} marquée${m.cellules > 1 ? "s" : ""} secret statistique (s, nd…) chargée${m.cellules > 1 ? "s" : ""} vide${m.cellules > 1 ? "s" : ""} (NULL), le reste de la ligne gardé : ligne${m.lignes.length > 1 ? "s" : ""} ${m.lignes.join(", ")}${m.nbLignes > m.lignes.length ? "…" : ""}.` : "",
    lecture.derniereLigneTronquee ? `Le fichier ne se termine pas par un saut de ligne : sa dernière ligne (${lecture.derniereLigneTronquee}) a pu être coupée, vérifiez-la.` : ""
  ].filter(Boolean).join(" ");
}

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
    notesLecture(lecture),
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
