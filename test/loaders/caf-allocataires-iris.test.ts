// Cnaf allocataires-by-IRIS loader: golden figures read by hand in the real 2016–2020
// files of ../shared/data, and bad inputs on small FICTITIOUS files (invented counts).
import {existsSync} from "node:fs";
import {resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {chargeurCafIris, colonnesCaf, FICHIERS_CAF_IRIS, INDICATEURS_CAF} from "../../loaders/caf-allocataires-iris.js";
import {resoudreEntetes} from "../../loaders/lib/csv.js";
import {entrepotComplet, requete} from "../aides.js";
import {BOM, bilanSource, construireAvec, crlf, dossierSources, latin1, rejetsSource, dossierSansLeFichier} from "./aides-sources.js";

const REEL = resolve(import.meta.dirname, "../../../shared/data/caf-allocataires-iris-2016-2020");
const DOSSIER = "caf-allocataires-iris-2016-2020";

const INDICATEURS_2019 = INDICATEURS_CAF.map((i) => i.code).filter((c) => !c.startsWith("APRES"));
const ENTETE_2019 = ["CODGEO", "NOTE", ...INDICATEURS_2019].join(";");
const ENTETE_2016 = ["CODGEO", "LIBGEO", "DEPCOM", "LIBCOM", "EPCI", "REG", "NOTE", ...INDICATEURS_CAF.map((i) => i.code)].join(";");
/** A fictitious 2019-layout row: IRIS, NOTE, A, PERCOU, then ENF_2 and 17 empty cells. */
const l = (iris: string, note: string, a: string, percou = "20", enf2 = "3") => [iris, note, a, percou, "1", "1", "1", "1", "1", "1", enf2, ...Array(12).fill("")].join(";");

describe.skipIf(!existsSync(REEL))("Caf allocataires à l'IRIS : fichiers réels 2016–2020", () => {
  const commune = (annee: number, code: string, indicateur: string) =>
    requete(entrepotComplet(), `SELECT valeur, nb_iris, nb_iris_masques, incomplet FROM caf_allocataires_commune WHERE annee = ${annee} AND commune = '${code}' AND indicateur = '${indicateur}'`);

  it("Digne-les-Bains 2020 : 4 363 allocataires sur 8 des 9 IRIS, agrégat signalé incomplet (IRIS 040700109 masqué)", async () => {
    expect(await commune(2020, "04070", "A")).toEqual([{valeur: 4363, nb_iris: 9, nb_iris_masques: 1, incomplet: true}]);
    expect(await commune(2020, "04070", "ENF_2")).toEqual([{valeur: 373, nb_iris: 9, nb_iris_masques: 1, incomplet: true}]);
  });
  it("Manosque 2020 : 5 155 allocataires, 647 enfants de moins de 3 ans, 10 IRIS tous publiés", async () => {
    expect(await commune(2020, "04112", "A")).toEqual([{valeur: 5155, nb_iris: 10, nb_iris_masques: 0, incomplet: false}]);
    expect(await commune(2020, "04112", "ENF_2")).toEqual([{valeur: 647, nb_iris: 10, nb_iris_masques: 0, incomplet: false}]);
  });
  it("2016 : lit « 1 070 » (espace fine insécable des milliers) et garde vides les lignes masquées, même NOTE = 0", async () => {
    const lignes = await requete(entrepotComplet(), "SELECT iris, note, a, percou FROM caf_iris WHERE annee = 2016 AND iris IN ('040700101', '040700106', '040700109') ORDER BY iris");
    expect(lignes).toEqual([
      {iris: "040700101", note: 0, a: 491, percou: 1070},
      {iris: "040700106", note: 0, a: null, percou: null},
      {iris: "040700109", note: 3, a: null, percou: null}
    ]);
    expect(await commune(2016, "04070", "A")).toEqual([{valeur: 3684, nb_iris: 9, nb_iris_masques: 2, incomplet: true}]);
  });
  it("APRES50 et APRES100 n'existent qu'en 2016 et 2017 : pas de ligne d'agrégat les autres années", async () => {
    const r = await requete<{annee: number}>(entrepotComplet(), "SELECT DISTINCT annee FROM caf_allocataires_commune WHERE indicateur = 'APRES50' ORDER BY annee");
    expect(r.map((x) => x.annee)).toEqual([2016, 2017]);
  });
  it("les arrondissements sont ramenés à Paris, Lyon et Marseille ; les IRIS d'anciennes communes à la commune actuelle", async () => {
    const r = await requete<{commune: string}>(entrepotComplet(), "SELECT commune FROM caf_allocataires_commune WHERE annee = 2020 AND indicateur = 'A' AND commune IN ('75056', '69123', '13055', '75101') ORDER BY commune");
    expect(r.map((x) => x.commune)).toEqual(["13055", "69123", "75056"]);
    const b = await bilanSource(entrepotComplet(), `${DOSSIER}/data_CAF_2016_IRIS.csv`);
    expect(b).toMatchObject({lues: 13148, chargees: 13148, rejetees: 0, hors: 0});
    expect(b.note).toMatch(/65 IRIS d'anciennes communes rattachés à la commune actuelle/);
  });
  it("chaque fichier est compté, une ligne par IRIS et par année", async () => {
    for (const [annee, n] of [[2016, 13148], [2017, 13279], [2018, 13349], [2019, 13424], [2020, 13444]] as const) {
      expect(await bilanSource(entrepotComplet(), `${DOSSIER}/data_CAF_${annee}_IRIS.csv`)).toMatchObject({lues: n, chargees: n});
    }
    const [r] = await requete<{doublons: number}>(entrepotComplet(), "SELECT count(*)::INTEGER AS doublons FROM (SELECT 1 FROM caf_iris GROUP BY annee, iris HAVING count(*) > 1)");
    expect(r!.doublons).toBe(0);
    expect(FICHIERS_CAF_IRIS.every((f) => existsSync(resolve(REEL, "..", f.relatif)))).toBe(true);
  });
});

describe("Caf allocataires à l'IRIS : variantes d'en-têtes par année", () => {
  const resoudre = (annee: number, entete: string) => {
    const {colonnes, ignorer} = colonnesCaf(annee);
    return resoudreEntetes(`data_CAF_${annee}_IRIS.csv`, entete.split(";"), colonnes, ignorer);
  };
  it("2016 (30 colonnes avec APRES50/APRES100), 2017 (+ UU), 2018 (sans APRES*), 2019–2020 (23 colonnes sans libellés)", () => {
    // CODGEO, LIBGEO, NOTE and 23 indicators loaded; DEPCOM, LIBCOM, EPCI, UU, REG ignored (the referential has them).
    expect(Object.keys(resoudre(2016, ENTETE_2016))).toHaveLength(26);
    expect(Object.keys(resoudre(2017, ENTETE_2016.replace("EPCI;", "EPCI;UU;")))).toHaveLength(26);
    expect(resoudre(2018, ENTETE_2016.replace(";APRES50;APRES100", "")).apres50).toBeUndefined();
    expect(Object.keys(resoudre(2020, ENTETE_2019))).toHaveLength(23);
  });
  it("une colonne attendue pour l'année manque : erreur qui la nomme", () => {
    expect(() => resoudre(2016, ENTETE_2016.replace(";APRES50;APRES100", ""))).toThrow("data_CAF_2016_IRIS.csv, ligne 1 : colonnes obligatoires absentes : apres50, apres100.");
  });
});

describe("Caf allocataires à l'IRIS : fichiers FICTIFS mal formés", () => {
  const F = `${DOSSIER}/data_CAF_2019_IRIS.csv`;

  it("sans fichier : l'écrit dans le journal et ne charge rien", async () => {
    const {journal} = await construireAvec(chargeurCafIris, dossierSansLeFichier());
    expect(journal.join("\n")).toMatch(/fichier absent : caf-allocataires-iris-2016-2020\/data_CAF_<année>_IRIS\.csv/);
  });

  it("refuse un mauvais séparateur, une colonne manquante, un en-tête inconnu", async () => {
    await expect(construireAvec(chargeurCafIris, dossierSources({[F]: crlf(ENTETE_2019.replaceAll(";", ","), l("040700101", "0", "5").replaceAll(";", ","))})))
      .rejects.toThrow(`${F}, ligne 1 : séparateur « , » trouvé, « ; » attendu.`);
    await expect(construireAvec(chargeurCafIris, dossierSources({[F]: crlf(ENTETE_2019.replace(";ENF_2", ""), "040700101;0;5")})))
      .rejects.toThrow(`${F}, ligne 1 : colonne obligatoire absente : enf_2.`);
    await expect(construireAvec(chargeurCafIris, dossierSources({[F]: crlf(`${ENTETE_2019};ACMG`, `${l("040700101", "0", "5")};1`)})))
      .rejects.toThrow(`${F}, ligne 1 : en-tête inconnu : « ACMG ». Le format du fichier a peut-être changé : ajoutez l'en-tête à la table d'alias de la source.`);
  });

  it("lit un fichier 2016 en Latin-1 avec BOM, libellés accentués et milliers séparés par une espace", async () => {
    const ligne = ["040700101", "Les Arches (fictif é)", "04070", "Digne-les-Bains", "200067437", "93", "0", "1 234", "2\u00a0345", ...Array(21).fill("1")].join(";");
    const {cible} = await construireAvec(chargeurCafIris, dossierSources({[`${DOSSIER}/data_CAF_2016_IRIS.csv`]: Buffer.concat([Buffer.from(BOM, "utf8"), latin1(crlf(ENTETE_2016, ligne))])}));
    expect(await requete(cible, "SELECT annee, iris, libelle_iris, a, percou, apres100 FROM caf_iris")).toEqual([
      {annee: 2016, iris: "040700101", libelle_iris: "Les Arches (fictif é)", a: 1234, percou: 2345, apres100: 1}
    ]);
    expect((await bilanSource(cible, `${DOSSIER}/data_CAF_2016_IRIS.csv`)).note).toMatch(/^Encodage windows-1252\./);
  });

  it("rejette ligne par ligne : cellule non numérique, IRIS de commune inconnue, code IRIS mal formé, doublon ; agrège en signalant les IRIS masqués", async () => {
    const fichier = crlf(
      ENTETE_2019,
      l("040700101", "0", "10", "20", "3"), // 2: kept
      "040700102;3" + ";".repeat(21), // 3: fully masked (secret statistique): kept, NULL
      l("040700103", "0", "dix"), // 4: not a number
      l("999990101", "0", "5"), // 5: commune unknown to the referential
      l("0407001", "0", "5"), // 6: not a 9-character IRIS code
      l("040700101", "0", "99"), // 7: duplicate of line 2
      l("751010101", "0", "7", "8", "1") // 8: Paris 1er → commune 75056
    );
    const {cible} = await construireAvec(chargeurCafIris, dossierSources({[F]: BOM + fichier}));
    expect(await rejetsSource(cible, F)).toEqual([
      {ligne: 4, colonne: "A", valeur: "dix", motif: "valeur non numérique"},
      {ligne: 5, colonne: "CODGEO", valeur: "999990101", motif: expect.stringMatching(/^code commune inconnu du référentiel \(géographie 2026\)/)},
      {ligne: 6, colonne: "CODGEO", valeur: "0407001", motif: "code IRIS invalide (9 caractères attendus : commune sur 5 + 4)"},
      {ligne: 7, colonne: "CODGEO", valeur: "040700101", motif: "ligne en double (même clé qu'une ligne précédente)"}
    ]);
    expect(await bilanSource(cible, F)).toMatchObject({lues: 7, chargees: 3, rejetees: 4, hors: 0});
    expect(await requete(cible, "SELECT iris, commune, note, a, enf_2 FROM caf_iris ORDER BY iris")).toEqual([
      {iris: "040700101", commune: "04070", note: 0, a: 10, enf_2: 3},
      {iris: "040700102", commune: "04070", note: 3, a: null, enf_2: null},
      {iris: "751010101", commune: "75056", note: 0, a: 7, enf_2: 1}
    ]);
    expect(await requete(cible, "SELECT commune, indicateur, valeur, nb_iris, nb_iris_masques, incomplet FROM caf_allocataires_commune WHERE indicateur IN ('A', 'ENF_2') ORDER BY commune, indicateur")).toEqual([
      {commune: "04070", indicateur: "A", valeur: 10, nb_iris: 2, nb_iris_masques: 1, incomplet: true},
      {commune: "04070", indicateur: "ENF_2", valeur: 3, nb_iris: 2, nb_iris_masques: 1, incomplet: true},
      {commune: "75056", indicateur: "A", valeur: 7, nb_iris: 1, nb_iris_masques: 0, incomplet: false},
      {commune: "75056", indicateur: "ENF_2", valeur: 1, nb_iris: 1, nb_iris_masques: 0, incomplet: false}
    ]);
    const [r] = await requete<{n: number}>(cible, "SELECT count(*)::INTEGER AS n FROM caf_allocataires_commune WHERE indicateur LIKE 'APRES%'");
    expect(r!.n).toBe(0);
  });
});
