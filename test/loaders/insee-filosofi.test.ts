// INSEE Filosofi loader: golden medians from the real 2019 files of ../shared/data, and
// bad inputs on small FICTITIOUS files (invented incomes, never real data).
import {existsSync} from "node:fs";
import {resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {chargeurFilosofi, colonnesFilosofi, FICHIERS_FILOSOFI, VARIABLES_FILOSOFI} from "../../loaders/insee-filosofi.js";
import {resoudreEntetes} from "../../loaders/lib/csv.js";
import {entrepotComplet, requete, simple} from "../aides.js";
import {BOM, bilanSource, construireAvec, crlf, dossierSources, latin1, rejetsSource, dossierSansLeFichier} from "./aides-sources.js";

const REEL = resolve(import.meta.dirname, "../../../shared/data/insee-filosofi-2019-disp");

/** The 31 official headers of a FILO<millésime>_DISP_*.csv file. */
const entetes = (aa: string) => ["CODGEO", "LIBGEO", `NBMEN${aa}`, `NBPERS${aa}`, `NBUC${aa}`, `Q1${aa}`, `Q2${aa}`, `Q3${aa}`, "Q3_Q1",
  ...[1, 2, 3, 4, 6, 7, 8, 9].map((d) => `D${d}${aa}`), "RD", `S80S20${aa}`, `GI${aa}`,
  ...["PACT", "PTSA", "PCHO", "PBEN", "PPEN", "PPAT", "PPSOC", "PPFAM", "PPMINI", "PPLOGT", "PIMPOT"].map((c) => `${c}${aa}`)];
/** A fictitious row: code, label, households, median (€), first decile (empty = masked); the other cells empty. */
const l = (code: string, libelle: string, menages: string, mediane: string, d1 = "") =>
  [code, libelle, menages, "200", "150,5", "", mediane, "", "", d1, ...Array(21).fill("")].join(";");
const COM = "FILO2019_DISP_COM.csv";

describe.skipIf(!existsSync(REEL))("Filosofi 2019 : fichiers réels de l'INSEE", () => {
  const mediane = async (niveau: string, code: string) =>
    (await requete<{q2: number}>(entrepotComplet(), `SELECT q2 FROM filosofi WHERE niveau = '${niveau}' AND code = '${code}' AND annee = 2019`))[0]?.q2;

  it("revenu disponible médian (Q219) : Digne-les-Bains 20 390 €, CA Provence-Alpes-Agglomération 20 650 €, dép. 04 20 690 €, France métropolitaine 21 930 €", async () => {
    expect(await mediane("COM", "04070")).toBe(20390);
    expect(await mediane("EPCI", "200067437")).toBe(20650);
    expect(await mediane("DEP", "04")).toBe(20690);
    expect(await mediane("FRANCE", "FM")).toBe(21930);
  });
  it("lit la virgule décimale et garde les cellules vides (secret statistique) sans valeur, jamais 0", async () => {
    const [digne] = await requete(entrepotComplet(), "SELECT nbmen, nbuc, s80s20, pimpot FROM filosofi WHERE code = '04070'");
    expect(digne).toEqual({nbmen: 7954, nbuc: 11320.7, s80s20: 3.9, pimpot: -15.4});
    const [c] = await requete<{avec_mediane: number; avec_d1: number; d1_zero: number}>(entrepotComplet(),
      "SELECT count(q2)::INTEGER AS avec_mediane, count(d1)::INTEGER AS avec_d1, count(*) FILTER (d1 = 0)::INTEGER AS d1_zero FROM filosofi WHERE niveau = 'COM'");
    expect(c).toEqual({avec_mediane: 31172, avec_d1: 5270, d1_zero: 0});
  });
  it("écarte, en le disant, les communes fusionnées depuis 2019 et celles dont le périmètre a changé", async () => {
    const b = await bilanSource(entrepotComplet(), `insee-filosofi-2019-disp/${COM}`);
    expect(b).toMatchObject({lues: 31361, chargees: 31217, rejetees: 144, hors: 0});
    const rejets = await rejetsSource(entrepotComplet(), `insee-filosofi-2019-disp/${COM}`);
    expect(rejets.find((r) => r.valeur === "01039")!.motif).toBe("ancienne commune, fusionnée depuis dans 01138 : un revenu médian ne s'additionne pas, valeur non reportée");
    expect(rejets.find((r) => r.valeur === "01138")!.motif).toMatch(/^périmètre modifié depuis le millésime : la commune actuelle regroupe aussi 01039/);
  });
  it("garde les arrondissements de Paris, Lyon et Marseille au niveau ARM", async () => {
    const [r] = await requete<{n: number}>(entrepotComplet(), "SELECT count(*)::INTEGER AS n FROM filosofi WHERE niveau = 'ARM'");
    expect(r!.n).toBe(45);
  });
  it("une seule ligne par niveau, code et millésime", async () => {
    const [r] = await requete<{doublons: number}>(entrepotComplet(), "SELECT count(*)::INTEGER AS doublons FROM (SELECT 1 FROM filosofi GROUP BY niveau, code, annee HAVING count(*) > 1)");
    expect(r!.doublons).toBe(0);
  });
  it("déclare au banc les cinq fichiers qu'il lit", () => {
    expect(FICHIERS_FILOSOFI.every((f) => existsSync(resolve(REEL, "..", f.relatif)))).toBe(true);
  });
});

describe("Filosofi : colonnes et millésimes", () => {
  it("chaque variable déclarée a sa colonne dans la table filosofi", async () => {
    const cols = await requete<{column_name: string}>(entrepotComplet() || (await construireAvec(chargeurFilosofi, dossierSansLeFichier())).cible,
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'filosofi'");
    const noms = new Set(cols.map((c) => c.column_name));
    expect(VARIABLES_FILOSOFI.map((v) => v.code.toLowerCase()).filter((c) => !noms.has(c))).toEqual([]);
  });
  it("le suffixe d'année suit le millésime du nom de fichier (Q218 en 2018, Q219 en 2019)", () => {
    expect(resoudreEntetes("FILO2018_DISP_DEP.csv", entetes("18"), colonnesFilosofi(2018), ["LIBGEO"]).q2).toBe("Q218");
    expect(() => resoudreEntetes("FILO2018_DISP_DEP.csv", entetes("19"), colonnesFilosofi(2018), ["LIBGEO"])).toThrow(/en-têtes inconnus : « NBMEN19 »/);
  });
});

describe("Filosofi : fichiers FICTIFS mal formés", () => {
  it("charge un autre millésime (FILO2018, suffixe 18) posé à la racine du dossier de sources", async () => {
    const {cible} = await construireAvec(chargeurFilosofi, dossierSources({"FILO2018_DISP_DEP.csv": BOM + crlf(entetes("18").join(";"), l("04", "Alpes-de-Haute-Provence", "100", "12345", "6789,5"))}));
    expect(await requete(cible, "SELECT niveau, code, annee, nbmen, q2, d1, q1 FROM filosofi")).toEqual([{niveau: "DEP", code: "04", annee: 2018, nbmen: 100, q2: 12345, d1: 6789.5, q1: null}]);
    expect(await bilanSource(cible, "FILO2018_DISP_DEP.csv")).toMatchObject({lues: 1, chargees: 1, rejetees: 0});
  });

  it("sans fichier : l'écrit dans le journal et ne charge rien", async () => {
    const {journal} = await construireAvec(chargeurFilosofi, dossierSources({"autre.csv": "x"}));
    expect(journal.join("\n")).toMatch(/fichier absent : insee-filosofi-2019-disp\/FILO2019_DISP_COM\.csv/);
  });

  it("refuse un mauvais séparateur, une colonne manquante, un en-tête inconnu, en nommant fichier et ligne", async () => {
    const virgules = dossierSources({[COM]: crlf(entetes("19").join(","), l("04070", "Essai", "1", "2").replaceAll(";", ","))});
    await expect(construireAvec(chargeurFilosofi, virgules)).rejects.toThrow(`${COM}, ligne 1 : séparateur « , » trouvé, « ; » attendu.`);
    const sansMediane = dossierSources({[COM]: crlf(entetes("19").filter((h) => h !== "Q219").join(";"), "04070;Essai;1;2")});
    await expect(construireAvec(chargeurFilosofi, sansMediane)).rejects.toThrow(`${COM}, ligne 1 : colonne obligatoire absente : q2.`);
    const pauvrete = dossierSources({[COM]: crlf([...entetes("19"), "TP6019"].join(";"), l("04070", "Essai", "1", "2") + ";")});
    await expect(construireAvec(chargeurFilosofi, pauvrete)).rejects.toThrow(/FILO2019_DISP_COM\.csv, ligne 1 : en-tête inconnu : « TP6019 »/);
  });

  it("lit un fichier Latin-1 (libellés accentués) et le dit", async () => {
    const {cible} = await construireAvec(chargeurFilosofi, dossierSources({[`insee-filosofi-2019-disp/${COM}`]: latin1(crlf(entetes("19").join(";"), l("04070", "Digne-les-Bains (fictif é)", "10", "1000")))}));
    const b = await bilanSource(cible, `insee-filosofi-2019-disp/${COM}`);
    expect(b.note).toMatch(/^Encodage windows-1252\./);
    expect(await requete(cible, "SELECT code, q2 FROM filosofi")).toEqual([{code: "04070", q2: 1000}]);
  });

  it("rejette ligne par ligne : cellule non numérique, commune inconnue, doublon, ancienne commune ; garde les cellules masquées vides", async () => {
    const fichier = crlf(
      entetes("19").join(";"),
      l("04070", "Essai A", "1 000", "20 000,5", ""), // 2: kept, thousands separator and decimal comma, D1 masked
      l("04112", "Essai B", "10", "abc"), // 3: not a number
      l("99999", "Essai C", "10", "15000"), // 4: unknown commune
      l("04070", "Essai A bis", "10", "15000"), // 5: duplicate of line 2
      l("01039", "Essai D", "10", "15000"), // 6: former commune, merged into 01138
      l("01138", "Essai E", "10", "15000"), // 7: 01138 whose old perimeter is in the file
      l("75101", "Essai F", "10", "15000") // 8: arrondissement: kept at level ARM
    );
    const {cible} = await construireAvec(chargeurFilosofi, dossierSources({[COM]: BOM + fichier}));
    expect(await rejetsSource(cible, COM)).toEqual([
      {ligne: 3, colonne: "Q219", valeur: "abc", motif: "valeur non numérique"},
      {ligne: 4, colonne: "CODGEO", valeur: "99999", motif: expect.stringMatching(/^code commune inconnu du référentiel \(géographie 2026\)/)},
      {ligne: 5, colonne: "CODGEO", valeur: "04070", motif: "ligne en double (même clé qu'une ligne précédente)"},
      {ligne: 6, colonne: "CODGEO", valeur: "01039", motif: expect.stringMatching(/^ancienne commune, fusionnée depuis dans 01138/)},
      {ligne: 7, colonne: "CODGEO", valeur: "01138", motif: expect.stringMatching(/^périmètre modifié/)}
    ]);
    expect(await bilanSource(cible, COM)).toMatchObject({lues: 7, chargees: 2, rejetees: 5, hors: 0});
    expect(await requete(cible, "SELECT niveau, code, nbmen, q2, d1 FROM filosofi ORDER BY code")).toEqual([
      {niveau: "COM", code: "04070", nbmen: 1000, q2: 20000.5, d1: null},
      {niveau: "ARM", code: "75101", nbmen: 10, q2: 15000, d1: null}
    ]);
    expect(simple((await bilanSource(cible, COM)).note)).toMatch(/1 arrondissements municipaux chargés au niveau ARM/);
  });
});
