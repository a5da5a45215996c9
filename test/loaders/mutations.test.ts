// Hostile files (issue 12): small files in the official layouts, written by the test (FICTITIOUS
// values, never copies of the real files), mutated the way hand downloads, spreadsheets and
// proxies mutate them. Each mutation is either refused (error naming file and line, previous
// warehouse byte-identical) or accepted exactly (other rows identical, the bad row in `rejet`,
// masked cells NULL). Reconciliation: the file's data lines, counted here without any CSV
// parser, equal rows loaded + rejected (+ out of scope).
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {construireEntrepot} from "../../loaders/lib/warehouse.js";
import type {Chargeur} from "../../loaders/lib/chargeur.js";
import {chargeurPopulationsLegales} from "../../loaders/insee-populations-legales.js";
import {chargeurFilosofi} from "../../loaders/insee-filosofi.js";
import {chargeurContours} from "../../loaders/ign-contours.js";
import {nomPublie} from "../../loaders/lib/fichiers-source.js";
import {bilanSource, chargeurCopieReferentiel, construireAvec, dossierSources, rejetsSource} from "./aides-sources.js";
import {entrepotComplet, requete} from "../aides.js";
import {unzipSync, zipSync} from "fflate";
import {chargeurNaissances} from "../../loaders/insee-naissances.js";

// ── Populations légales, layout of donnees_communes.csv ──────────────────────────────
const POP = "insee-populations-legales-2023/donnees_communes.csv";
const ENTETE_POP = "REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT";
const pop = (com: string, nom: string, pmun: string | number, ptot: string | number) => `93;Provence-Alpes-Côte d'Azur;04;041;0401;${com.slice(2)};${com};${nom};${pmun};10;${ptot}`;
/** Four fictitious rows of real communes of the 04. */
const LIGNES_POP = [pop("04070", "Digne-les-Bains", 1000, 1010), pop("04001", "Aiglun", 200, 205), pop("04004", "Allemagne-en-Provence", 300, 304), pop("04005", "Allos", 400, 410)];
const fichierPop = (lignes: string[], fin = "\r\n") => [ENTETE_POP, ...lignes].join("\r\n") + fin;

/** Data lines counted on the bytes alone (no CSV parser): non-empty lines minus the header. */
const lignesDeDonnees = (octets: Buffer | string) => String(octets).split(/\r\n|\n|\r/).filter((l) => l !== "").length - 1;

const populations = (cible: string) => requete<{commune: string; pmun: number; ptot: number}>(cible,
  `SELECT commune, population_municipale AS pmun, population_totale AS ptot FROM population_legale WHERE millesime = 2023 AND source_id = '${POP}' ORDER BY commune`);
const ATTENDU = [{commune: "04001", pmun: 200, ptot: 205}, {commune: "04004", pmun: 300, ptot: 304}, {commune: "04005", pmun: 400, ptot: 410}, {commune: "04070", pmun: 1000, ptot: 1010}];

/** A good warehouse built first, then the mutated file: the load must fail and leave it byte for byte. */
async function refuse(chargeur: Chargeur, fichiers: Record<string, string | Buffer>, bon: Record<string, string | Buffer>): Promise<string> {
  const sources = dossierSources(bon);
  const cible = join(mkdtempSync(join(tmpdir(), "ctg-mutation-")), "warehouse.duckdb");
  await construireEntrepot({cible, sources, chargeurs: [chargeurCopieReferentiel, chargeur], log: () => {}});
  const avant = readFileSync(cible);
  for (const [rel, contenu] of Object.entries(fichiers)) writeFileSync(join(sources, rel), contenu);
  let message = "";
  await construireEntrepot({cible, sources, chargeurs: [chargeurCopieReferentiel, chargeur], log: () => {}}).catch((e: Error) => (message = e.message));
  expect(message, "le chargement aurait dû être refusé").not.toBe("");
  expect(readFileSync(cible).equals(avant)).toBe(true);
  return message;
}

describe("fichiers hostiles : populations légales (donnees_communes.csv)", () => {
  it("fichier sain : toutes les lignes chargées, et le décompte sans lecteur CSV le confirme", async () => {
    const texte = fichierPop(LIGNES_POP);
    const {cible} = await construireAvec(chargeurPopulationsLegales, dossierSources({[POP]: texte}));
    expect(await populations(cible)).toEqual(ATTENDU);
    const b = await bilanSource(cible, POP);
    expect(b.lues).toBe(lignesDeDonnees(texte));
    expect(b.chargees + b.rejetees + b.hors).toBe(lignesDeDonnees(texte));
  });

  it("guillemet jamais refermé : fichier refusé, la ligne où il s'ouvre nommée", async () => {
    const lignes = [...LIGNES_POP];
    lignes[1] = lignes[1]!.replace(";Aiglun;", ';"Aiglun;');
    const message = await refuse(chargeurPopulationsLegales, {[POP]: fichierPop(lignes)}, {[POP]: fichierPop(LIGNES_POP)});
    expect(message).toMatch(/^insee-populations-legales-2023\/donnees_communes\.csv, ligne 3 : guillemet « " » ouvert et jamais refermé/);
  });

  it("un champ de trop (17;979) : la ligne est rejetée avec son numéro, jamais lue décalée ; les autres identiques", async () => {
    const lignes = [...LIGNES_POP];
    lignes[0] = pop("04070", "Digne-les-Bains", "17;979", 18764);
    const texte = fichierPop(lignes);
    const {cible} = await construireAvec(chargeurPopulationsLegales, dossierSources({[POP]: texte}));
    expect(await populations(cible)).toEqual(ATTENDU.filter((l) => l.commune !== "04070"));
    const rejets = await rejetsSource(cible, POP);
    expect(rejets).toHaveLength(1);
    expect(rejets[0]).toMatchObject({ligne: 2, motif: expect.stringMatching(/^ligne mal formée : 12 colonnes au lieu de 11/)});
    const b = await bilanSource(cible, POP);
    expect(b.lues).toBe(lignesDeDonnees(texte));
  });

  it("valeurs invraisemblables et incohérentes : PMUN négative, PTOT < PMUN (ligne tronquée) → rejets nommant ligne et colonne", async () => {
    const lignes = [...LIGNES_POP];
    lignes[0] = pop("04070", "Digne-les-Bains", -17979, 18764);
    lignes[2] = pop("04004", "Allemagne-en-Provence", 300, 3);
    const {cible} = await construireAvec(chargeurPopulationsLegales, dossierSources({[POP]: fichierPop(lignes)}));
    expect(await populations(cible)).toEqual(ATTENDU.filter((l) => l.commune === "04001" || l.commune === "04005"));
    expect(await rejetsSource(cible, POP)).toEqual([
      {ligne: 2, colonne: "PMUN", valeur: "-17979", motif: "valeur invraisemblable : hors de la plage plausible [0 ; 3\u202f000\u202f000]"},
      {ligne: 4, colonne: "PTOT", valeur: "3", motif: "population totale inférieure à la population municipale (ligne tronquée ou colonnes décalées ?)"}
    ]);
  });


  it("espaces insécables des milliers (1 000, 1 010) dans une colonne, cellule illisible (41a) dans une autre : lus exactement, la cellule rejetée", async () => {
    const lignes = [...LIGNES_POP];
    lignes[0] = pop("04070", "Digne-les-Bains", "1\u202f000", "1\u00a0010");
    lignes[3] = pop("04005", "Allos", 400, "41a");
    const {cible} = await construireAvec(chargeurPopulationsLegales, dossierSources({[POP]: fichierPop(lignes)}));
    expect(await populations(cible)).toEqual(ATTENDU.filter((l) => l.commune !== "04005"));
    expect(await rejetsSource(cible, POP)).toEqual([{ligne: 5, colonne: "PTOT", valeur: "41a", motif: "valeur non numérique"}]);
  });

  it("… et de même quand une valeur entre guillemets contient le séparateur (« Digne; les Bains ») avant ces espaces", async () => {
    const lignes = [...LIGNES_POP];
    lignes[0] = pop("04070", '"Digne; les Bains"', "1\u202f000", 1010);
    lignes[3] = pop("04005", "Allos", "4\u00a000", "41a");
    const {cible} = await construireAvec(chargeurPopulationsLegales, dossierSources({[POP]: fichierPop(lignes)}));
    expect(await populations(cible)).toEqual(ATTENDU.filter((l) => l.commune !== "04005"));
    expect(await rejetsSource(cible, POP)).toEqual([{ligne: 5, colonne: "PTOT", valeur: "41a", motif: "valeur non numérique"}]);
  });
  it("fichier coupé sans saut de ligne final : la note le dit et la dernière ligne est nommée", async () => {
    const texte = fichierPop(LIGNES_POP, "").slice(0, -2); // "…;410" → "…;4"
    const {cible} = await construireAvec(chargeurPopulationsLegales, dossierSources({[POP]: texte}));
    const b = await bilanSource(cible, POP);
    expect(b.note).toContain("Le fichier ne se termine pas par un saut de ligne : sa dernière ligne (5) a pu être coupée");
    // Here the cut is caught anyway: PTOT 4 < PMUN 400.
    expect(await rejetsSource(cible, POP)).toEqual([expect.objectContaining({ligne: 5, colonne: "PTOT", valeur: "4"})]);
  });

  it("en-tête seul : refusé (bien moins de lignes que l'entrepôt remplacé), message nommant la source et les deux nombres", async () => {
    const message = await refuse(chargeurPopulationsLegales, {[POP]: ENTETE_POP + "\r\n"}, {[POP]: fichierPop(LIGNES_POP)});
    expect(message).toMatch(/^INSEE, populations légales .*: 0 lignes chargées \(insee-populations-legales-2023\/donnees_communes\.csv\) contre 4 dans l'entrepôt actuel .*--accepter-baisse/);
  });

  it("… sauf si l'utilisateur dit que la baisse est voulue (--accepter-baisse)", async () => {
    const sources = dossierSources({[POP]: fichierPop(LIGNES_POP)});
    const cible = join(mkdtempSync(join(tmpdir(), "ctg-mutation-")), "warehouse.duckdb");
    const construire = (accepterBaisse: boolean) => construireEntrepot({cible, sources, chargeurs: [chargeurCopieReferentiel, chargeurPopulationsLegales], log: () => {}, accepterBaisse});
    await construire(false);
    writeFileSync(join(sources, POP), ENTETE_POP + "\r\n");
    await construire(true);
    expect(await bilanSource(cible, POP)).toMatchObject({lues: 0, chargees: 0});
  });

  it("fichier vide (0 octet) et fichier binaire : refusés en français, fichier nommé", async () => {
    const bon = {[POP]: fichierPop(LIGNES_POP)};
    expect(await refuse(chargeurPopulationsLegales, {[POP]: ""}, bon)).toMatch(/^insee-populations-legales-2023\/donnees_communes\.csv : fichier vide \(0 octet\)/);
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 8, 0]), Buffer.alloc(64)]);
    expect(await refuse(chargeurPopulationsLegales, {[POP]: zip}, bon)).toMatch(/donnees_communes\.csv : ce n'est pas un fichier texte CSV mais une archive zip/);
  });

  it.each([
    ["Windows-1252 (export de tableur)", (t: string) => Buffer.from(t, "latin1"), "windows-1252"],
    ["UTF-16 avec BOM", (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")]), "utf-16"],
    ["fins de ligne CR seules", (t: string) => Buffer.from(t.replace(/\r\n/g, "\r")), "utf-8"],
    ["fins de ligne mélangées CRLF et LF", (t: string) => Buffer.from(t.replace(/\r\n(?=93;Provence[^\n]*04004)/, "\n")), "utf-8"]
  ])("%s : décodé, chaque ligne chargée à l'identique", async (_nom, muter, encodage) => {
    const {cible} = await construireAvec(chargeurPopulationsLegales, dossierSources({[POP]: muter(fichierPop(LIGNES_POP))}));
    expect(await populations(cible)).toEqual(ATTENDU);
    expect((await bilanSource(cible, POP)).note).toMatch(new RegExp(`^Encodage ${encodage}\\.`));
    expect(await rejetsSource(cible, POP)).toEqual([]);
  });

  it.each(["donnees_communes (1).csv", "DONNEES_COMMUNES.CSV", "donnees_communes - Copie.csv"])("renommé « %s » : reconnu et chargé", async (nom) => {
    const rel = `insee-populations-legales-2023/${nom}`;
    const {cible} = await construireAvec(chargeurPopulationsLegales, dossierSources({[rel]: fichierPop(LIGNES_POP)}));
    expect((await requete<{n: number}>(cible, `SELECT count(*)::INTEGER AS n FROM population_legale WHERE source_id = '${rel}'`))[0]!.n).toBe(4);
    expect(nomPublie(nom).toLowerCase()).toBe("donnees_communes.csv");
  });
});

// ── Filosofi, layout of FILO2019_DISP_COM.csv ────────────────────────────────────────
const FILO = "insee-filosofi-2019-disp/FILO2019_DISP_COM.csv";
const ENTETES_FILO = ["CODGEO", "LIBGEO", "NBMEN19", "NBPERS19", "NBUC19", "Q119", "Q219", "Q319", "Q3_Q1", ...[1, 2, 3, 4, 6, 7, 8, 9].map((d) => `D${d}19`), "RD", "S80S2019", "GI19",
  ...["PACT", "PTSA", "PCHO", "PBEN", "PPEN", "PPAT", "PPSOC", "PPFAM", "PPMINI", "PPLOGT", "PIMPOT"].map((c) => `${c}19`)];
/** code, households, median; D1 and PPSOC given too; the other cells empty (masked). */
const filo = (code: string, mediane: string, d1 = "9000", ppsoc = "5,5") =>
  [code, "Commune fictive", "1000", "2000", "1500,5", "", mediane, "", "", d1, ...Array(7).fill(""), "", "", "", ...Array(6).fill(""), ppsoc, ...Array(4).fill("")].join(";");
const fichierFilo = (lignes: string[]) => "\ufeff" + [ENTETES_FILO.join(";"), ...lignes].join("\r\n") + "\r\n";
const filosofi = (cible: string) => requete<{code: string; q2: number | null; d1: number | null; ppsoc: number | null}>(cible, "SELECT code, q2, d1, ppsoc FROM filosofi ORDER BY code");

describe("fichiers hostiles : Filosofi (FILO2019_DISP_COM.csv)", () => {
  it("marqueurs de secret statistique (s, nd) : cellule NULL, reste de la ligne gardé, comptés dans la note", async () => {
    const texte = fichierFilo([filo("04070", "20390", "s"), filo("04001", "nd"), filo("04004", "18000")]);
    const {cible} = await construireAvec(chargeurFilosofi, dossierSources({[FILO]: texte}));
    expect(await filosofi(cible)).toEqual([
      {code: "04001", q2: null, d1: 9000, ppsoc: 5.5},
      {code: "04004", q2: 18000, d1: 9000, ppsoc: 5.5},
      {code: "04070", q2: 20390, d1: null, ppsoc: 5.5}
    ]);
    expect(await rejetsSource(cible, FILO)).toEqual([]);
    const b = await bilanSource(cible, FILO);
    expect(b).toMatchObject({lues: lignesDeDonnees(texte), chargees: 3});
    expect(b.note).toMatch(/2 cellules marquées secret statistique \(s, nd…\) chargées vides \(NULL\), le reste de la ligne gardé : lignes 2, 3/);
  });

  it("point comme séparateur de milliers (20.390), médiane négative, part de 628 % : rejets, jamais 20,39 €", async () => {
    const texte = fichierFilo([filo("04070", "20.390"), filo("04001", "-20390"), filo("04004", "18000", "9000", "628"), filo("04005", "19000")]);
    const {cible} = await construireAvec(chargeurFilosofi, dossierSources({[FILO]: texte}));
    expect(await filosofi(cible)).toEqual([{code: "04005", q2: 19000, d1: 9000, ppsoc: 5.5}]);
    const rejets = await rejetsSource(cible, FILO);
    expect(rejets.map((r) => [r.ligne, r.colonne, r.valeur])).toEqual([[2, "Q219", "20.390"], [3, "Q219", "-20390"], [4, "PPSOC19", "628"]]);
    expect(rejets[0]!.motif).toMatch(/^point dans un nombre d'un fichier à virgule décimale : séparateur de milliers/);
    expect(rejets[1]!.motif).toBe("valeur invraisemblable : hors de la plage plausible [1\u202f000 ; 500\u202f000]");
    expect(await bilanSource(cible, FILO)).toMatchObject({lues: lignesDeDonnees(texte), chargees: 1, rejetees: 3});
  });
});

// ── Contours, GeoJSON ────────────────────────────────────────────────────────────────
const GEO = "ign-communes-04-06-geojson-2018/communes-04-essai.geojson";
const carre = [[[6.2, 44.1], [6.3, 44.1], [6.3, 44.2], [6.2, 44.1]]];
const entite = (code: string, coordinates: unknown) => ({type: "Feature", properties: {code, nom: "Commune fictive"}, geometry: {type: "Polygon", coordinates}});

describe("fichiers hostiles : contours GeoJSON", () => {
  it("géométrie invalide (coordonnées non numériques, anneau non fermé) : entité rejetée, les autres chargées ; BOM accepté", async () => {
    const collection = {type: "FeatureCollection", features: [entite("04070", carre), entite("04001", [[["a"]]]), entite("04004", [[[6.2, 44.1], [6.3, 44.1], [6.3, 44.2], [6.25, 44.3]]])]};
    const {cible} = await construireAvec(chargeurContours, dossierSources({[GEO]: "\ufeff" + JSON.stringify(collection)}));
    expect(await requete(cible, "SELECT code FROM contour_commune")).toEqual([{code: "04070"}]);
    const rejets = await rejetsSource(cible, GEO);
    expect(rejets.map((r) => r.ligne)).toEqual([2, 3]);
    expect(rejets[1]!.motif).toMatch(/anneau non fermé/);
  });

  it("FeatureCollection vide à la place d'un fichier plein : refusée (bien moins de lignes que l'entrepôt remplacé)", async () => {
    const plein = JSON.stringify({type: "FeatureCollection", features: [entite("04070", carre), entite("04001", carre)]});
    const message = await refuse(chargeurContours, {[GEO]: JSON.stringify({type: "FeatureCollection", features: []})}, {[GEO]: plein});
    expect(message).toMatch(/^IGN, contours des communes \(cartes\) : 0 lignes chargées .* contre 2 dans l'entrepôt actuel/);
  });
});

describe("dossier de sources nommé mais inutilisable", () => {
  const construire = (sources: string) => construireEntrepot({cible: join(mkdtempSync(join(tmpdir(), "ctg-mutation-")), "w.duckdb"), sources, chargeurs: [], log: () => {}});
  it("absent, vide, ou un fichier : erreur en français, jamais un entrepôt des seules données embarquées", async () => {
    const vide = mkdtempSync(join(tmpdir(), "ctg-vide-"));
    await expect(construire(join(vide, "absent"))).rejects.toThrow(/^Dossier de sources introuvable : .*absent/);
    await expect(construire(vide)).rejects.toThrow(/^Le dossier de sources .* est vide/);
    const fichier = join(vide, "donnees_communes.csv");
    writeFileSync(fichier, "x");
    await expect(construire(fichier)).rejects.toThrow(/est un fichier, pas un dossier : --sources attend le dossier/);
    expect(existsSync(join(vide, "absent"))).toBe(false);
  });
});

// ── Births archive, layout of DS_ETAT_CIVIL_NAIS_COMMUNES.zip ────────────────────────
const NAIS = "insee-naissances-communes-2008-2024/DS_ETAT_CIVIL_NAIS_COMMUNES.zip";
const membreNaissances = (n: number) => Buffer.from(['"EC_MEASURE";"FREQ";"GEO";"GEO_OBJECT";"OBS_STATUS";"TIME_PERIOD";"OBS_VALUE"',
  ...[2022, 2023, 2024].map((a) => `"LVB";"A";"04070";"COM";"A";"${a}";${n + a - 2022}`)].join("\n") + "\n");
/** Stored (not deflated) member: a flipped bit still unpacks to plausible text, only the CRC tells. */
const archive = (membre: Buffer) => Buffer.from(zipSync({"DS_ETAT_CIVIL_NAIS_COMMUNES_data.csv": membre}, {level: 0}));

describe("fichiers hostiles : archive des naissances", () => {
  it("un bit retourné dans l'archive (117 → 157) : CRC faux, archive refusée, entrepôt précédent gardé", async () => {
    const bonne = archive(membreNaissances(117));
    const alteree = Buffer.from(bonne);
    const i = alteree.indexOf(Buffer.from(";117"));
    alteree[i + 2] ^= 0x04; // "1" (0x31) → "5" (0x35)
    expect(unzipSync(alteree, {filter: () => true})).toBeTruthy();
    const message = await refuse(chargeurNaissances, {[NAIS]: alteree}, {[NAIS]: bonne});
    expect(message).toMatch(/^insee-naissances-communes-2008-2024\/DS_ETAT_CIVIL_NAIS_COMMUNES\.zip : archive zip illisible/);
  });
});

// ── Reconciliation on the real files of ../shared/data ───────────────────────────────
const REELLES = join(import.meta.dirname, "../../../shared/data");

describe.skipIf(!existsSync(REELLES))("réconciliation sur les fichiers réels : lignes du fichier = chargées + rejetées + hors champ", () => {
  it("chaque CSV officiel (et le membre CSV de l'archive des naissances), compté sans lecteur CSV", async () => {
    const sources = await requete<{fichier: string; lues: number; chargees: number; rejetees: number; hors: number}>(entrepotComplet(),
      "SELECT fichier, lignes_lues AS lues, lignes_chargees AS chargees, lignes_rejetees AS rejetees, lignes_hors_champ AS hors FROM source WHERE fichier NOT LIKE '@%' AND fichier NOT LIKE 'data/%' AND fichier NOT LIKE '%.geojson' AND fichier NOT LIKE '%.topojson' ORDER BY fichier");
    expect(sources.length).toBeGreaterThanOrEqual(14);
    for (const s of sources) {
      const octets = s.fichier.endsWith(".zip")
        ? Buffer.from(Object.values(unzipSync(readFileSync(join(REELLES, s.fichier)), {filter: (f) => f.name.endsWith("_data.csv")}))[0]!)
        : readFileSync(join(REELLES, s.fichier));
      expect({fichier: s.fichier, lignes: lignesDeDonnees(octets)}).toEqual({fichier: s.fichier, lignes: s.chargees + s.rejetees + s.hors});
    }
    expect(sources.find((s) => s.fichier.endsWith("DS_ETAT_CIVIL_NAIS_COMMUNES.zip"))).toMatchObject({lues: 710_821, chargees: 617_032, hors: 93_789});
  }, 120_000);
});
