// Hostile files (issue 12), loader by loader: for each CSV loader, a small file in its official
// layout (headers as the loader declares them, FICTITIOUS values, never a copy of a real file)
// mutated the way hand downloads, spreadsheets and proxies mutate files. Each mutation is either
// refused (error naming file and line, previous warehouse byte-identical) or accepted exactly:
// the loaded rows equal those of the same file without the affected line (or with the masked
// cells empty), the affected line is in `rejet` with its number, and the lines of the file,
// counted without any CSV reader, equal rows loaded + rejected. The table of loader × mutation
// is in docs/sources.md (« Fichiers hostiles »).
import {copyFileSync, mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {strToU8, zipSync} from "fflate";
import {construireEntrepot} from "../../loaders/lib/warehouse.js";
import type {Chargeur} from "../../loaders/lib/chargeur.js";
import {membresVerifies} from "../../loaders/lib/fichiers-source.js";
import {chargeurCafIris} from "../../loaders/caf-allocataires-iris.js";
import {chargeurCouverture} from "../../loaders/caf-couverture.js";
import {chargeurAllocatairesCommune} from "../../loaders/caf-allocataires-commune.js";
import {chargeurPopAge} from "../../loaders/insee-pop-age.js";
import {chargeurNaissances} from "../../loaders/insee-naissances.js";
import {chargeurRpFamilles} from "../../loaders/insee-rp-familles.js";
import {chargeurSaisiesDiagnostic} from "../../loaders/saisies-diagnostic.js";
import {chargeurSaisiesSchema} from "../../loaders/saisies-schema.js";
import {chargeurSaisiesTextes} from "../../loaders/saisies-textes.js";
import {chargeurCompetencesAO} from "../../loaders/competences-ao.js";
import {requete} from "../aides.js";
import {bilanSource, copieReferentiel, dossierSources, rejetsSource} from "./aides-sources.js";

/** The communes of the départements the files name (04, 06): dozens of small warehouses are built. */
const REFERENTIEL = copieReferentiel(["04", "06"]);

/** Data lines counted on the bytes alone (no CSV parser): non-empty lines minus the header. */
const lignesDeDonnees = (octets: Buffer | string) => String(octets).split(/\r\n|\n|\r/).filter((l) => l !== "").length - 1;

interface Banc {
  titre: string;
  /** The loader, given the sources folder (the analysts' entries read a folder of their own). */
  chargeur: (sources: string) => Chargeur;
  /** Path of the file in the sources folder. */
  fichier: string;
  /** How the drop guard names the loader. */
  libelle: RegExp;
  separateur: ";" | ",";
  entete: string[];
  /** Five data lines (file lines 2 to 6), cells; one holds an accented letter (Windows-1252 case). */
  lignes: string[][];
  /** What the loader wrote, file paths and line numbers left out (they move with a removed line). */
  lecture: string[];
  /** A numeric cell: its index, a value outside the plausible range and the reject it gets. */
  nombre: {cellule: number; horsPlage: string; motif: RegExp};
  /** "2.000" written for two thousand: the reject's reason, or null where it is a valid decimal (a "." file's decimal column). */
  milliers: RegExp | null;
  /** Cells given the markers "s" then "nd": masked (NULL, flagged) or, for a column never masked, a reject. */
  marques: {cellules: number[]; rejet?: RegExp};
  /** Analysts' files are read by fixed name: a renamed copy is not looked for, the drop guard refuses the load. */
  renommeRefuse?: boolean;
}

const ACCENT = "Digne-les-Bains (fictif é)";

const INDICATEURS_IRIS_2018 = ["A", "PERCOU", "AI", "AM", "ACSSENF", "ACAVENF", "AC3ENF", "ENF", "ENF_2", "ENF_3_5", "ENF_6_10", "ENF_11_14", "ENF_15_17", "ENF_18_24",
  "A_ETUD", "A_NETUD_24", "AAL", "AAPL", "AAAH", "APPA", "ARSAS"];
const iris = (k: number) => [`04070010${k}`, k === 1 ? ACCENT : `IRIS fictif ${k}`, "04070", "Digne-les-Bains", "200067437", "04701", "93", "0",
  ...INDICATEURS_IRIS_2018.map((_, i) => String(100 * k + i))];

const places = (code: string, nom: string, base: number) => [code, nom, "200067437", "CA fictive", "04", "Alpes-de-Haute-Provence", "2022",
  ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => String(base + i))];

const age = (sexe: string, a: string, nb: string) => ["COM", "04070", ACCENT, sexe, a, nb];

const irisRp = (k: number, v: number) => [`04070010${k}`, "93", "04", "04701", "04070", ACCENT, `IRIS fictif ${k}`, "H", "00", "1", "1000.5", "200.25",
  ...[500.5, 200.25, 1000, 200.25, 300, 100.5, 50.25, 150, 10].map((x) => String(x + v))];

const diagnostic = (indicateur: string, valeur: string) => ["epci:200067437", indicateur, "2025", valeur, `Diagnostic fictif, ${ACCENT}`, "", ""];
const schema = (annee: string, valeur: string) => ["200067437", "200067437", "eaje_psu", "places", annee, valeur, "", "", "", "", "", "", `Schéma fictif, ${ACCENT}`, ""];

const BANCS: Banc[] = [
  {
    titre: "Cnaf, allocataires à l'IRIS (data_CAF_2018_IRIS.csv)",
    chargeur: () => chargeurCafIris, fichier: "caf-allocataires-iris-2016-2020/data_CAF_2018_IRIS.csv", libelle: /^Cnaf, allocataires et prestations à l'IRIS/,
    separateur: ";", entete: ["CODGEO", "LIBGEO", "DEPCOM", "LIBCOM", "EPCI", "UU", "REG", "NOTE", ...INDICATEURS_IRIS_2018],
    lignes: [1, 2, 3, 4, 5].map(iris),
    lecture: ["SELECT * FROM caf_iris ORDER BY iris", "SELECT * FROM caf_allocataires_commune ORDER BY ALL"],
    nombre: {cellule: 8, horsPlage: "150000", motif: /^valeur invraisemblable : hors de la plage plausible \[0 ; 100\u202f000\]$/},
    milliers: /^point dans un nombre entier : séparateur de milliers/, marques: {cellules: [8, 16]}
  },
  {
    titre: "Cnaf, places d'accueil par commune (nbpla_pe_com.csv)",
    chargeur: () => chargeurCouverture, fichier: "caf-couverture/nbpla_pe_com.csv", libelle: /^Cnaf, taux de couverture et places/,
    separateur: ";", entete: ["numcom", "nomcom", "numepci", "nomepci", "numdep", "nomdep", "annee", "pl_psu_col_com", "pl_hors_psu_col_com", "pl_eaje_com",
      "pl_prescol_com", "pl_am_ind_com", "pl_gad_ind_com", "pl_ind_com", "tot_offre_com"],
    lignes: [places("04070", ACCENT, 100), places("04112", "Manosque", 200), places("06088", "Nice", 300), places("04001", "Aiglun", 10), places("06004", "Antibes", 400)],
    lecture: ["SELECT niveau, code, annee, mode, taux, places, libelle, statut, recompose FROM caf_couverture ORDER BY ALL"],
    nombre: {cellule: 9, horsPlage: "3000000", motif: /^valeur invraisemblable : hors de la plage plausible \[0 ; 2\u202f000\u202f000\]$/},
    milliers: /^point dans un nombre entier : séparateur de milliers/, marques: {cellules: [7, 11]}
  },
  {
    titre: "Cnaf, allocataires par commune (s_ben_com_f.csv)",
    chargeur: () => chargeurAllocatairesCommune, fichier: "caf-allocataires-commune/s_ben_com_f.csv", libelle: /^Cnaf, foyers allocataires et personnes couvertes par commune/,
    separateur: ";", entete: ["dtreffre", "numcomdo", "nomcom", "indfoy_ndur", "indnbp_ndur", "indfoy_rsa"],
    lignes: [["2023-12", "04070", ACCENT, "1005", "2010", "105"], ["2023-12", "04112", "Manosque", "2000", "4000", "200"], ["2023-12", "06088", "Nice", "30000", "60000", "3000"],
      ["2023-12", "04001", "Aiglun", "25", "50", "5"], ["2023-12", "06004", "Antibes", "20000", "40000", "2000"]],
    lecture: ["SELECT annee, commune, foyers, personnes, approche, recompose FROM caf_allocataires_com ORDER BY ALL"],
    nombre: {cellule: 3, horsPlage: "5000000", motif: /^valeur invraisemblable : hors de la plage plausible \[0 ; 3\u202f000\u202f000\]$/},
    milliers: /^point dans un nombre entier : séparateur de milliers/, marques: {cellules: [3, 4]}
  },
  {
    titre: "INSEE, population par âge (TD_POP1B_2021.csv)",
    chargeur: () => chargeurPopAge, fichier: "insee-pop-age/TD_POP1B_2021.csv", libelle: /^INSEE, population par âge détaillé/,
    separateur: ";", entete: ["NIVGEO", "CODGEO", "LIBGEO", "SEXE", "AGED100", "NB"],
    lignes: [age("1", "000", "10.5"), age("2", "000", "11.25"), age("1", "001", "12"), age("2", "001", "13.5"), age("1", "002", "14")],
    lecture: ["SELECT * FROM pop_age ORDER BY ALL"],
    nombre: {cellule: 5, horsPlage: "150000", motif: /^valeur invraisemblable : hors de la plage plausible \[0 ; 100\u202f000\]$/},
    // NB is a census estimate with decimals, in a "." file: "2.000" is two.
    milliers: null,
    // INSEE publishes every cell of POP1B: a marker is not a masked cell but an unreadable one.
    marques: {cellules: [5], rejet: /^valeur non numérique$/}
  },
  {
    titre: "INSEE, couples-familles-ménages à l'IRIS (base-ic-couples-familles-menages-2022.CSV)",
    chargeur: () => chargeurRpFamilles, fichier: "insee-rp-familles/base-ic-couples-familles-menages-2022.CSV", libelle: /^INSEE, couples, familles, ménages à l'IRIS/,
    separateur: ";", entete: ["IRIS", "REG", "DEP", "UU2020", "COM", "LIBCOM", "LIBIRIS", "TYP_IRIS", "MODIF_IRIS", "LAB_IRIS", "P22_POP15P", "P22_POP15P_PSEUL", "C22_MEN",
      "C22_MENPSEUL", "C22_PMEN", "C22_PMEN_MENPSEUL", "C22_FAM", "C22_COUPAENF", "C22_FAMMONO", "C22_COUPSENF", "C22_NE24F0"],
    lignes: [1, 2, 3, 4, 5].map((k) => irisRp(k, 10 * k)),
    lecture: ["SELECT * FROM rp_familles ORDER BY ALL"],
    nombre: {cellule: 12, horsPlage: "150000", motif: /^valeur invraisemblable : hors de la plage plausible \[0 ; 100\u202f000\]$/},
    milliers: null, marques: {cellules: [12, 16]}
  },
  {
    titre: "saisies des analystes : chiffres du diagnostic (data/saisies/diagnostic.csv)",
    chargeur: (sources) => chargeurSaisiesDiagnostic(join(sources, "saisies")), fichier: "saisies/diagnostic.csv", libelle: /^Saisies : chiffres des diagnostics CTG/,
    separateur: ";", entete: ["territoire", "indicateur", "annee", "valeur", "source", "note", "cite_par"],
    lignes: [diagnostic("logements", "33594"), diagnostic("residences_principales", "24234"), diagnostic("eaje", "14"), diagnostic("places_eaje", "281"), diagnostic("rpe", "2")],
    lecture: ["SELECT * EXCLUDE (fichier, ligne) FROM saisie ORDER BY ALL"],
    nombre: {cellule: 3, horsPlage: "-5", motif: /^nombre négatif refusé pour un effectif$/},
    milliers: /^point suivi de trois chiffres : séparateur de milliers/,
    // docs/saisies.md: an unreadable figure is an empty cell with a note saying why.
    marques: {cellules: [3], rejet: /^valeur non numérique$/}, renommeRefuse: true
  },
  {
    titre: "saisies des analystes : schéma pluriannuel (data/saisies/schema-pluriannuel.csv)",
    chargeur: (sources) => chargeurSaisiesSchema(join(sources, "saisies")), fichier: "saisies/schema-pluriannuel.csv", libelle: /^Saisies : schéma pluriannuel/,
    separateur: ";", entete: ["territoire", "ao", "mode", "unite", "annee", "valeur", "nb_structures", "besoins_emplois", "autres_besoins", "projets", "couts_calendrier",
      "ingenierie", "source", "note"],
    lignes: [schema("actuel", "189"), schema("2026", "189"), schema("2027", "200"), schema("2028", "212"), schema("2029", "220")],
    lecture: ["SELECT * EXCLUDE (fichier, ligne) FROM schema_pluriannuel ORDER BY ALL"],
    nombre: {cellule: 5, horsPlage: "-5", motif: /^nombre négatif refusé$/},
    milliers: /^point suivi de trois chiffres : séparateur de milliers/, marques: {cellules: [5], rejet: /^nombre attendu$/}, renommeRefuse: true
  }
];

/** The file's text: header and lines, CRLF as INSEE and the Cnaf ship them. */
const texte = (b: Banc, lignes: string[][], fin = "\r\n") => [b.entete, ...lignes].map((l) => l.join(b.separateur)).join("\r\n") + fin;
const avecCellule = (lignes: string[][], ligne: number, cellule: number, valeur: string) =>
  lignes.map((l, i) => (i === ligne - 2 ? l.map((c, j) => (j === cellule ? valeur : c)) : l));

async function construire(b: Banc, fichiers: Record<string, string | Buffer>, cible = join(mkdtempSync(join(tmpdir(), "ctg-mutation-")), "warehouse.duckdb")) {
  const sources = dossierSources(fichiers);
  await construireEntrepot({cible, sources, chargeurs: [REFERENTIEL, b.chargeur(sources)], log: () => {}});
  return cible;
}
const lire = async (b: Banc, cible: string) => Promise.all(b.lecture.map((sql) => requete(cible, sql)));

/**
 * The accepted mutations, one per file line (line 6 stays good): the line is rejected with this
 * reason and column (null: the whole line). A field too many also ends its line with an empty
 * cell: the reader would drop that trailing empty field and keep the line, shifted.
 */
function mutationsRejetees(b: Banc): {ligne: number; muter: (l: string[][]) => string[][]; colonne: string | null; motif: RegExp}[] {
  const n = b.entete.length;
  const c = b.nombre.cellule;
  return [
    {ligne: 2, muter: (l) => avecCellule(avecCellule(l, 2, n - 1, ""), 2, c, `17${b.separateur}979`), colonne: null, motif: new RegExp(`^ligne mal formée : ${n + 1} colonnes au lieu de ${n} `)},
    {ligne: 3, muter: (l) => avecCellule(l, 3, c, b.nombre.horsPlage), colonne: b.entete[c]!, motif: b.nombre.motif},
    ...(b.milliers ? [{ligne: 4, muter: (l: string[][]) => avecCellule(l, 4, c, "2.000"), colonne: b.entete[c]!, motif: b.milliers}] : []),
    ...(b.marques.rejet ? [{ligne: 5, muter: (l: string[][]) => avecCellule(l, 5, b.marques.cellules[0]!, "s"), colonne: b.entete[b.marques.cellules[0]!]!, motif: b.marques.rejet}] : [])
  ];
}

describe.each(BANCS)("fichiers hostiles : $titre", (b) => {
  const id = b.fichier.startsWith("saisies/") ? `data/${b.fichier}` : b.fichier;
  const mutations = mutationsRejetees(b);
  // Built once: the good file, the same without the lines the mutations touch, the same with line 2's marked cells empty.
  let bon: string;
  let sansLignesMutees: unknown[];
  let masque: unknown[];
  beforeAll(async () => {
    bon = await construire(b, {[b.fichier]: texte(b, b.lignes)});
    sansLignesMutees = await lire(b, await construire(b, {[b.fichier]: texte(b, b.lignes.filter((_, i) => !mutations.some((m) => m.ligne === i + 2)))}));
    let vides = b.lignes;
    for (const c of b.marques.cellules) vides = avecCellule(vides, 2, c, "");
    if (!b.marques.rejet) masque = await lire(b, await construire(b, {[b.fichier]: texte(b, vides)}));
  }, 60_000);

  /** The good warehouse copied, then the mutated file loaded over it: refused, the copy left byte for byte. */
  async function refuse(fichiers: Record<string, string | Buffer>): Promise<string> {
    const cible = join(mkdtempSync(join(tmpdir(), "ctg-mutation-")), "warehouse.duckdb");
    copyFileSync(bon, cible);
    const avant = readFileSync(cible);
    let message = "";
    await construire(b, fichiers, cible).catch((e: Error) => (message = e.message));
    expect(message, "le chargement aurait dû être refusé").not.toBe("");
    expect(readFileSync(cible).equals(avant)).toBe(true);
    return message;
  }

  it("fichier sain : chaque ligne chargée, aucun rejet, décompte sans lecteur CSV identique", async () => {
    const [premier] = await lire(b, bon);
    expect(premier!.length).toBeGreaterThan(0);
    expect(await lire(b, bon)).not.toEqual(sansLignesMutees);
    expect(await rejetsSource(bon, id)).toEqual([]);
    expect(await bilanSource(bon, id)).toMatchObject({lues: 5, chargees: 5, rejetees: 0});
  });

  it("guillemet jamais refermé : fichier refusé, la ligne où il s'ouvre nommée", async () => {
    const message = await refuse({[b.fichier]: texte(b, avecCellule(b.lignes, 3, 1, `"${b.lignes[1]![1]}`))});
    const attendu = `${id}, ligne 3 : guillemet « " » ouvert et jamais refermé`;
    expect(message.slice(0, attendu.length)).toBe(attendu);
  });

  it(`lignes rejetées avec leur numéro, les autres identiques : ${["un champ de trop (17;979), ligne finie par un champ vide", "valeur invraisemblable",
    ...(b.milliers ? ["point séparateur de milliers (2.000, jamais lu 2)"] : []), ...(b.marques.rejet ? ["marqueur s dans une colonne jamais masquée"] : [])].join(", ")}`, async () => {
    const contenu = texte(b, mutations.reduce((l, m) => m.muter(l), b.lignes));
    const cible = await construire(b, {[b.fichier]: contenu});
    expect(await lire(b, cible)).toEqual(sansLignesMutees);
    const rejets = await rejetsSource(cible, id);
    expect(rejets.map((r) => r.ligne)).toEqual(mutations.map((m) => m.ligne));
    rejets.forEach((r, i) => expect(r).toMatchObject({colonne: mutations[i]!.colonne, motif: expect.stringMatching(mutations[i]!.motif)}));
    expect(await bilanSource(cible, id)).toMatchObject({lues: lignesDeDonnees(contenu), rejetees: mutations.length});
  });

  it("fichier coupé dans son dernier champ, sans saut de ligne final : la note le dit et nomme la dernière ligne", async () => {
    const cible = await construire(b, {[b.fichier]: texte(b, b.lignes, "").slice(0, -2)});
    const bilan = await bilanSource(cible, id);
    expect(bilan.note).toContain("Le fichier ne se termine pas par un saut de ligne : sa dernière ligne (6) a pu être coupée");
    expect(bilan.lues).toBe(5);
  });

  it("en-tête seul : refusé (bien moins de lignes que l'entrepôt remplacé), message nommant la source et les deux nombres", async () => {
    const message = await refuse({[b.fichier]: texte(b, [])});
    expect(message).toMatch(b.libelle);
    expect(message).toMatch(/: 0 lignes chargées .* contre 5 dans l'entrepôt actuel .*--accepter-baisse/);
  });

  // A marker in a column never masked is one of the rejected lines above.
  if (!b.marques.rejet) it("marqueurs de secret statistique (s, nd) : cellules NULL, reste de la ligne gardé, signalées dans la note", async () => {
    let lignes = b.lignes;
    b.marques.cellules.forEach((c, i) => (lignes = avecCellule(lignes, 2, c, ["s", "nd"][i]!)));
    const cible = await construire(b, {[b.fichier]: texte(b, lignes)});
    expect(await lire(b, cible)).toEqual(masque);
    expect(masque).not.toEqual(await lire(b, bon));
    expect(await rejetsSource(cible, id)).toEqual([]);
    expect((await bilanSource(cible, id)).note).toMatch(/2 cellules marquées secret statistique \(s, nd…\) chargées vides \(NULL\), le reste de la ligne gardé : ligne 2\./);
  });

  const renomme = b.fichier.replace(/(\.[^.]+)$/, " (1)$1");
  it(b.renommeRefuse ? "Windows-1252 (export de tableur) : décodé, chaque ligne chargée à l'identique" : "renommé « … (1).csv » (second téléchargement) et en Windows-1252 (export de tableur) : reconnu, décodé, chargé à l'identique", async () => {
    const fichier = b.renommeRefuse ? b.fichier : renomme;
    const cible = await construire(b, {[fichier]: Buffer.from(texte(b, b.lignes), "latin1")});
    expect(await lire(b, cible)).toEqual(await lire(b, bon));
    const bilan = await bilanSource(cible, b.renommeRefuse ? id : renomme);
    expect(bilan).toMatchObject({lues: 5, chargees: 5});
    expect(bilan.note).toMatch(/^Encodage windows-1252\./);
  });

  if (b.renommeRefuse) it("renommé « … (1).csv » : saisie lue sous son seul nom, la baisse refuse le chargement", async () => {
    expect(await refuse({[renomme]: texte(b, b.lignes)})).toMatch(/: 0 lignes chargées \(aucun fichier trouvé\) contre 5/);
  });
});

describe("fichiers hostiles : saisies hors CSV (textes, compétences AO)", () => {
  const TEXTE = ["---", "territoire: epci:200067437", "auteur: Caf fictive", "date: 2026-01-01", `source: Diagnostic fictif, ${ACCENT}`, "---", "", "## Démographie", "", "### Constats", "",
    "Un paragraphe fictif, accentué : é, è, à.", ""].join("\n");
  const textes = async (contenu: string | Buffer) => {
    const sources = dossierSources({"textes/essai.md": contenu});
    const cible = join(mkdtempSync(join(tmpdir(), "ctg-mutation-")), "warehouse.duckdb");
    await construireEntrepot({cible, sources, chargeurs: [REFERENTIEL, chargeurSaisiesTextes(join(sources, "textes"))], log: () => {}});
    return requete<{source: string; blocs: string}>(cible, "SELECT source, blocs::VARCHAR AS blocs FROM texte_analyste");
  };

  it("texte d'analyste en Windows-1252 : décodé, jamais de caractère de remplacement", async () => {
    const utf8 = await textes(TEXTE);
    expect(utf8).toHaveLength(1);
    expect(utf8[0]!.source).toBe(`Diagnostic fictif, ${ACCENT}`);
    expect(await textes(Buffer.from(TEXTE, "latin1"))).toEqual(utf8);
  });

  it("compétence AO en Windows-1252 : décodée, nom stocké tel qu'écrit", async () => {
    const json = JSON.stringify({epci: "200067437", nom: "Provence Alpes Agglomération (fictif é)", sauf: ["04049"], enVigueur: "2025-01-01", source: "Fictive"});
    const sources = dossierSources({"competences-ao/200067437.json": Buffer.from(json, "latin1")});
    const cible = join(mkdtempSync(join(tmpdir(), "ctg-mutation-")), "warehouse.duckdb");
    await construireEntrepot({cible, sources, chargeurs: [REFERENTIEL, chargeurCompetencesAO(join(sources, "competences-ao"))], log: () => {}});
    expect(await requete(cible, "SELECT epci, nom FROM competence_ao")).toEqual([{epci: "200067437", nom: "Provence Alpes Agglomération (fictif é)"}]);
  });
});

// ── CRC-32 on every zip path ───────────────────────────────────────────────────────────
// INSEE archives pair the data with a `meta_<same name>` member: the member is then taken out by
// fflate (lib/lecture-officielle.ts), which checks no CRC itself.
const MEMBRE = "TD_POP1B_2021.csv";
const csvPopAge = (nb: string) => `NIVGEO;CODGEO;LIBGEO;SEXE;AGED100;NB\r\nCOM;04070;Commune fictive;1;000;${nb}\r\nCOM;04070;Commune fictive;2;000;11.5\r\n`;
/** Stored (not deflated): a flipped bit still unpacks to plausible text, only the CRC tells. */
const archivePopAge = (nb: string) => Buffer.from(zipSync({[`meta_${MEMBRE}`]: strToU8("COD_VAR;LIB_VAR\r\nNB;Nombre\r\n"), [MEMBRE]: strToU8(csvPopAge(nb))}, {level: 0}));
/** One bit flipped in the data: 117 → 157. */
function bitRetourne(zip: Buffer): Buffer {
  const altere = Buffer.from(zip);
  altere[altere.indexOf(Buffer.from(";117\r"), altere.indexOf(Buffer.from("04070"))) + 2] ^= 0x04;
  return altere;
}

/**
 * The same one-member archive written as zip64 (sizes 0xFFFFFFFF in the central directory, the
 * real ones in its zip64 extra field; zip64 end records): the native reader leaves it to fflate.
 */
function enZip64(zip: Buffer): Buffer {
  const fin = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const p = zip.readUInt32LE(fin + 16);
  const [nom, extra, commentaire] = [zip.readUInt16LE(p + 28), zip.readUInt16LE(p + 30), zip.readUInt16LE(p + 32)];
  const entete = Buffer.from(zip.subarray(p, p + 46 + nom));
  const z64 = Buffer.alloc(20);
  z64.writeUInt16LE(1, 0);
  z64.writeUInt16LE(16, 2);
  z64.writeBigUInt64LE(BigInt(entete.readUInt32LE(24)), 4);
  z64.writeBigUInt64LE(BigInt(entete.readUInt32LE(20)), 12);
  entete.writeUInt32LE(0xffffffff, 20);
  entete.writeUInt32LE(0xffffffff, 24);
  entete.writeUInt16LE(extra + 20, 30);
  const central = Buffer.concat([entete, z64, zip.subarray(p + 46 + nom, p + 46 + nom + extra + commentaire)]);
  const fin64 = Buffer.alloc(56);
  fin64.writeUInt32LE(0x06064b50, 0);
  fin64.writeBigUInt64LE(44n, 4);
  fin64.writeBigUInt64LE(1n, 24);
  fin64.writeBigUInt64LE(1n, 32);
  fin64.writeBigUInt64LE(BigInt(central.length), 40);
  fin64.writeBigUInt64LE(BigInt(p), 48);
  const localisateur = Buffer.alloc(20);
  localisateur.writeUInt32LE(0x07064b50, 0);
  localisateur.writeBigUInt64LE(BigInt(p + central.length), 8);
  localisateur.writeUInt32LE(1, 16);
  const finCentrale = Buffer.from(zip.subarray(fin, fin + 22));
  for (const [valeur, position] of [[0xffff, 8], [0xffff, 10]]) finCentrale.writeUInt16LE(valeur!, position!);
  for (const position of [12, 16]) finCentrale.writeUInt32LE(0xffffffff, position);
  return Buffer.concat([zip.subarray(0, p), central, fin64, localisateur, finCentrale]);
}

describe("archives zip altérées : CRC-32 vérifié sur chaque chemin de lecture", () => {
  it("archive zip64 (repli fflate de l'extraction native) : lue, et refusée si un bit est retourné", async () => {
    const NAIS = "insee-naissances-communes-2008-2024/DS_ETAT_CIVIL_NAIS_COMMUNES.zip";
    const membre = strToU8(['"EC_MEASURE";"FREQ";"GEO";"GEO_OBJECT";"OBS_STATUS";"TIME_PERIOD";"OBS_VALUE"', '"LVB";"A";"04070";"COM";"A";"2022";117',
      '"LVB";"A";"04070";"COM";"A";"2023";126'].join("\r\n") + "\r\n");
    const bonne = enZip64(Buffer.from(zipSync({"DS_ETAT_CIVIL_NAIS_COMMUNES_data.csv": membre}, {level: 0})));
    const naissances = {...BANCS[0]!, chargeur: () => chargeurNaissances};
    const cible = await construire(naissances, {[NAIS]: bonne});
    expect(await requete(cible, "SELECT annee, naissances FROM naissance WHERE code = '04070' ORDER BY annee")).toEqual([{annee: 2022, naissances: 117}, {annee: 2023, naissances: 126}]);
    let message = "";
    await construire(naissances, {[NAIS]: bitRetourne(bonne)}).catch((e: Error) => (message = e.message));
    expect(message).toBe(`${NAIS} : archive zip illisible (fichier tronqué ou corrompu ?) : DS_ETAT_CIVIL_NAIS_COMMUNES_data.csv : somme de contrôle CRC-32 fausse (archive altérée). Téléchargez-la à nouveau.`);
  });

  const ZIP = "insee-pop-age/TD_POP1B_2021_csv.zip";
  const banc = BANCS.find((x) => x.fichier.startsWith("insee-pop-age/"))!;

  it("archive INSEE avec membre meta_ (extraction par fflate) : un bit retourné refuse l'archive, le fichier et le membre nommés", async () => {
    const bonne = archivePopAge("117");
    const cible = await construire(banc, {[ZIP]: bonne});
    expect(await requete(cible, "SELECT age, nb FROM pop_age")).toEqual([{age: 0, nb: 128.5}]);
    const avant = readFileSync(cible);
    let message = "";
    await construire(banc, {[ZIP]: bitRetourne(bonne)}, cible).catch((e: Error) => (message = e.message));
    expect(message).toMatch(new RegExp(`^${ZIP} : archive zip illisible \\(fichier tronqué ou corrompu \\?\\) : ${MEMBRE} : somme de contrôle CRC-32 fausse \\(archive altérée\\)\\. Téléchargez-la à nouveau\\.$`));
    expect(readFileSync(cible).equals(avant)).toBe(true);
  });

  it("membresVerifies (repli fflate de toute extraction, --refresh compris) : CRC faux refusé, archive saine lue", () => {
    const bonne = archivePopAge("117");
    expect(Buffer.from(membresVerifies(bonne, (n) => n === MEMBRE)[MEMBRE]!).toString()).toBe(csvPopAge("117"));
    expect(() => membresVerifies(bitRetourne(bonne), (n) => n === MEMBRE)).toThrow(`${MEMBRE} : somme de contrôle CRC-32 fausse (archive altérée)`);
    // The member not asked for is not checked (nor inflated).
    expect(Object.keys(membresVerifies(bitRetourne(bonne), (n) => n.startsWith("meta_")))).toEqual([`meta_${MEMBRE}`]);
  });
});
