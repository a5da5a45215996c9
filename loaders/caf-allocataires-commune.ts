// Cnaf, foyers allocataires and personnes couvertes by commune, December of each year
// (data.caf.fr dataset `s_ben_com_f`, "toutes prestations", Licence Ouverte 2.0): the whole
// CSV export (`;`), or the same rows paged from the records API (written as that CSV by
// loaders/lib/opendatasoft.ts, so one reader serves both).
//
// NO REAL FILE HAS BEEN SEEN HERE. What is known of the format (notes/data-sources.md § 3,
// and public loaders that queried the live API, read as third-party material):
// - field names `dtreffre` (reference month, "2024-12"), `numcomdo` (commune of residence),
//   `nomcom`, then one column per prestation and measure: `indfoy_<p>` (foyers), `indnbp_<p>`
//   (personnes couvertes), `indmtt_<p>` (amounts), `<p>` = `ndur` for "toutes prestations",
//   `rsa`, `ppa`, `af`, `ndural`… Only `indfoy_ndur` and `indnbp_ndur` are loaded; every
//   other column of those three families is recognised and left out (ALIAS below);
// - with `use_labels=true` the export carries French labels instead: "Nombre foyers NDUR",
//   "Nombre personnes NDUR" were seen on the portal; the labels of the other columns were
//   not, the ones below are guesses, recognised so that such a file is read rather than
//   refused, and to check on a real export;
// - years 2020–2023 (2024 in later copies); households located by the geography of
//   January N+1, earlier years not re-geocoded.
//
// Traps handled:
// - counts are rounded to 5 by the Cnaf ("7 est arrondi à 5, 12 à 10"): stored as
//   published with `approche = true` (flag 'a' in the diagnostic); never "corrected";
// - a small cell may be masked: empty → NULL, never 0; a sum with a masked piece is NULL;
// - allocataires the Cnaf cannot place come under an empty code (or a masked XX code):
//   out of scope, counted with their foyers in the source note, never spread over communes;
// - Paris, Lyon, Marseille come by arrondissement: summed into the commune (a sum of
//   rounded counts, still approximate), never counted twice if the commune is there whole;
// - former codes of merged communes are summed into today's commune (recompose).
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import type {Chargeur, Contexte} from "./lib/chargeur.js";
import {lireCsv, lit, q, type Colonne, type Controle} from "./lib/csv.js";
import {chercherFichiers, messageAbsent, type FichierTrouve} from "./lib/fichiers-source.js";
import {preparerCodesCommunes} from "./lib/communes.js";
import {enregistrerLecture, rejetsDe} from "./lib/bilan.js";
import {insererEnVrac, scalaire} from "./lib/sql.js";
import {telecharger} from "./lib/telechargement.js";
import type {Telechargement} from "./lib/chargeur.js";
import {enregistrementsVersCsv, lireRecords, urlRecords, type Enregistrement, type OptionsRecords} from "./lib/opendatasoft.js";
import {entetesDe, sqlPlacement} from "./lib/lecture-officielle.js";
import {DATA_CAF, urlExportCsv} from "./caf-couverture.js";

export const JEU_ALLOCATAIRES = "s_ben_com_f";
/** Folder of the sources directory where the export goes (also read at its root). */
export const DOSSIER_ALLOCATAIRES = "caf-allocataires-commune";
const FICHIER = `${DOSSIER_ALLOCATAIRES}/${JEU_ALLOCATAIRES}.csv`;

/**
 * Declared columns. Each alias list: official field name, then the French label of a
 * `use_labels=true` export (seen: "Nombre foyers NDUR", "Nombre personnes NDUR"; the
 * others are guesses to check).
 */
export const COLONNES_ALLOCATAIRES: Colonne[] = [
  {nom: "dtreffre", alias: ["Date de référence", "Date référence", "Mois de référence"], type: "texte"},
  // Empty for allocataires the Cnaf does not place: out of scope (filter), hence masquable.
  {nom: "numcomdo", alias: ["numcom", "Numéro de commune", "Code commune", "Commune de domicile"], type: "code", masquable: true},
  {nom: "nomcom", alias: ["Nom de la commune", "Nom commune", "Libellé commune"], type: "texte", masquable: true, obligatoire: false},
  // A commune's count cannot exceed its population (Paris: about 2,1 million inhabitants).
  {nom: "foyers", alias: ["indfoy_ndur", "Nombre foyers NDUR", "Nombre de foyers NDUR"], type: "entier", masquable: true, plage: [0, 3_000_000]},
  {nom: "personnes", alias: ["indnbp_ndur", "Nombre personnes NDUR", "Nombre de personnes NDUR"], type: "entier", masquable: true, plage: [0, 3_000_000]}
];

/**
 * Published columns not loaded, recognised by family rather than listed (the full list of
 * prestations is not known here): other prestations' foyers, personnes and amounts, as
 * field names or as labels, and the geographic columns the coverage datasets carry.
 * Any other header stops the load (lireCsv): add it here once seen on a real export.
 */
export const FAMILLES_IGNOREES: readonly RegExp[] = [
  /^ind(foy|nbp|mtt)_[a-z0-9_]+$/i,
  /^(nombre|montant)s?\s/i,
  /^(num|nom)(dep|epci|regi|reg)$/i
];

export function ignoresAllocataires(entetes: readonly string[]): string[] {
  const declares = new Set(COLONNES_ALLOCATAIRES.flatMap((c) => [c.nom, ...(c.alias ?? [])]).map((a) => a.toLowerCase()));
  return entetes.filter((h) => !declares.has(h.toLowerCase()) && FAMILLES_IGNOREES.some((re) => re.test(h)));
}

const CONTROLES: Controle[] = [
  {colonne: "dtreffre", condition: `NOT regexp_matches(dtreffre, '^20[0-9]{2}(-[0-9]{2}(-[0-9]{2}([T ].*)?)?)?$')`, motif: "date de référence illisible (attendu : 2023-12 ou 2023)"},
  {colonne: "dtreffre", condition: `regexp_matches(dtreffre, '^[0-9]{4}-') AND substr(dtreffre, 6, 2) <> '12'`,
    motif: "mois autre que décembre : ce jeu ne publie que la photo de décembre, l'année n'aurait plus de sens"},
  {colonne: "numcomdo", condition: `regexp_matches(numcomdo, '^[0-9]{4}$')`, motif: "code commune INSEE sur 5 caractères attendu : zéro initial perdu (fichier ouvert dans un tableur ?)"},
  {colonne: "numcomdo", condition: `NOT regexp_matches(upper(numcomdo), '^[0-9][0-9AB][0-9]{3}$')`, motif: "code commune INSEE sur 5 caractères attendu"}
];

// ── Refresh ──────────────────────────────────────────────────────────────────────────

/** The whole-file CSV export (the `--refresh` path of `npm run data`). */
export function telechargementsAllocataires(base = DATA_CAF): Telechargement[] {
  return [{url: urlExportCsv(base, JEU_ALLOCATAIRES), fichier: FICHIER}];
}

/**
 * Refresh into `sources/caf-allocataires-commune/s_ben_com_f.csv`: `export` fetches the
 * whole CSV; `records` pages through the JSON API and writes the same CSV. The records API
 * pages 10 000 rows at most and the dataset holds ~35 000 communes a year: `departements`
 * then asks one département at a time (`where=startswith(numcomdo, "04")`), which gives a
 * file of those départements only. A failure is logged; files already present are kept.
 */
export async function rafraichirAllocataires(
  sources: string,
  o: {base?: string; via: "export" | "records"; departements?: readonly string[]; log: (m: string) => void} & OptionsRecords
): Promise<number> {
  const base = o.base ?? DATA_CAF;
  if (o.via === "export") return telecharger(telechargementsAllocataires(base), sources, o.log);
  const filtres = o.departements?.length ? o.departements.map((d) => ({where: `startswith(numcomdo, "${d}")`})) : [{}];
  try {
    const tous: Enregistrement[] = [];
    let pages = 0;
    for (const f of filtres) {
      const r = await lireRecords(urlRecords(base, JEU_ALLOCATAIRES, f), o);
      tous.push(...r.enregistrements);
      pages += r.pages;
    }
    const cible = join(sources, FICHIER);
    mkdirSync(dirname(cible), {recursive: true});
    writeFileSync(cible, enregistrementsVersCsv(tous));
    const portee = o.departements?.length ? ` (départements ${o.departements.join(", ")} seulement)` : "";
    o.log(`      téléchargé : ${JEU_ALLOCATAIRES}${portee} (${tous.length} enregistrements, ${pages} pages) → ${FICHIER}`);
    return 1;
  } catch (e) {
    o.log(`      non téléchargé (${(e as Error).message}) : ${urlRecords(base, JEU_ALLOCATAIRES)}. Les fichiers déjà présents sont conservés.`);
    return 0;
  }
}

// ── Load ─────────────────────────────────────────────────────────────────────────────

export const chargeurAllocatairesCommune: Chargeur = {
  id: "caf-allocataires-commune",
  libelle: "Cnaf, foyers allocataires et personnes couvertes par commune (s_ben_com_f)",
  telechargements: telechargementsAllocataires(),
  rafraichirParRecords: (sources, o) => rafraichirAllocataires(sources, {...o, via: "records"}),
  async charger(ctx) {
    const [f] = chercherFichiers(ctx.sources, {dossier: /^caf-allocataires-commune/i, fichier: /^s_ben_com_f\.csv$/i});
    if (!f) return ctx.log(messageAbsent(FICHIER, "allocataires Caf par commune (s_ben_com_f) non chargés"));
    await preparerCodesCommunes(ctx.conn);
    await chargerFichier(ctx, f);
  }
};

async function chargerFichier(ctx: Contexte, f: FichierTrouve): Promise<void> {
  const {conn} = ctx;
  const lecture = await lireCsv(conn, {
    chemin: f.chemin, fichier: f.relatif, colonnes: COLONNES_ALLOCATAIRES, ignorer: ignoresAllocataires(entetesDe(f.chemin, ";")),
    separateur: ";", cle: ["dtreffre", "numcomdo"], controles: CONTROLES, into: "alloc_lu",
    filtre: "numcomdo IS NOT NULL AND NOT contains(upper(numcomdo), 'X')",
    detailHorsFiltre: "CASE WHEN numcomdo IS NULL THEN 'vide' ELSE 'masque' END"
  });
  // Pieces of one commune and year: arrondissements, former codes. A second row of the same
  // commune and year written differently ("2023" and "2023-12") is a duplicate lireCsv's key misses.
  await conn.run(`CREATE OR REPLACE TEMP TABLE alloc_place AS
    SELECT *, CASE WHEN motif IS NULL AND row_number() OVER (PARTITION BY annee, upper(numcomdo) ORDER BY _ligne) > 1
      THEN 'ligne en double : même commune et même année qu''une ligne précédente' ELSE motif END AS motif_final
    FROM (${sqlPlacement("(SELECT *, left(dtreffre, 4)::INTEGER AS annee FROM alloc_lu)", "numcomdo", ["v.annee"])})`);
  await insererEnVrac(conn, `INSERT INTO caf_allocataires_com
    SELECT annee, commune,
      CASE WHEN count(foyers) = count(*) THEN sum(foyers) END::INTEGER,
      CASE WHEN count(personnes) = count(*) THEN sum(personnes) END::INTEGER,
      true, count(*) > 1 OR bool_or(statut <> 'actuelle'), ${lit(f.relatif)}
    FROM alloc_place WHERE motif_final IS NULL AND NOT plm_en_double GROUP BY annee, commune`);
  const code = lecture.entetes.numcomdo!;
  const rejets = await rejetsDe(conn, f.relatif, `SELECT _ligne AS ligne,
      CASE WHEN motif IS NULL THEN ${lit(`${lecture.entetes.dtreffre} + ${code}`)} ELSE ${lit(code)} END AS colonne,
      CASE WHEN motif IS NULL THEN dtreffre || ' | ' || numcomdo ELSE numcomdo END AS valeur, motif_final AS motif
    FROM alloc_place WHERE motif_final IS NOT NULL`);
  const enDouble = await scalaire(conn, "SELECT count(*) FROM alloc_place WHERE motif_final IS NULL AND plm_en_double");
  const [debut, fin, non5, hors] = (await conn.runAndReadAll(`SELECT
      (SELECT min(annee) FROM caf_allocataires_com), (SELECT max(annee) FROM caf_allocataires_com),
      (SELECT count(*) FROM alloc_place WHERE motif_final IS NULL AND (foyers % 5 <> 0 OR personnes % 5 <> 0))::INTEGER,
      (SELECT coalesce(sum(foyers), 0) FROM ${q("alloc_lu__lu")} WHERE _hors IS NOT NULL)::INTEGER`)).getRows()[0] as [number | null, number | null, number, number];
  await enregistrerLecture(ctx, {
    publication: {
      editeur: "Cnaf (data.caf.fr)",
      titre: "Foyers allocataires et personnes couvertes par commune, décembre de chaque année (s_ben_com_f, toutes prestations)",
      url: urlExportCsv(DATA_CAF, JEU_ALLOCATAIRES),
      millesime: debut == null ? "aucune année" : debut === fin ? String(debut) : `${debut}-${fin}`
    },
    fichier: f.relatif, sha256: lecture.sha256, lecture, rejets,
    horsChamp: [{lignes: enDouble, motif: "lignes d'arrondissement municipal d'une commune aussi publiée entière (non additionnées deux fois)"}],
    libelleHorsFiltre: (e) => (e === "vide" ? "lignes sans code commune (allocataires non localisés par la Cnaf)" : "lignes au code commune masqué (XX)"),
    note: [
      "Effectifs arrondis à 5 par la Cnaf : chargés tels quels, marqués approchés (approche = true).",
      hors ? `Les lignes hors champ portent ${hors.toLocaleString("fr-FR")} foyers, jamais répartis sur les communes.` : "",
      non5 ? `${non5.toLocaleString("fr-FR")} lignes avec un effectif non multiple de 5 (arrondi attendu : à vérifier).` : "",
      "Foyers localisés selon la géographie du 1er janvier de l'année suivante ; les années antérieures ne sont pas regéocodées."
    ].filter(Boolean).join(" ")
  });
}
