// INSEE TD_POP1B loader (population by single year of age): the column variants, then end
// to end against FICTITIOUS fixtures zipped and served on 127.0.0.1 through the refresh
// path, the base series the diagnostic reads, and bad inputs.
import {resolve} from "node:path";
import {zipSync, strToU8} from "fflate";
import {describe, expect, it} from "vitest";
import {resoudreEntetes} from "../../loaders/lib/csv.js";
import {ouvrirEntrepot} from "../../entrepot/connexion.js";
import {lireFaits} from "../../entrepot/faits.js";
import {chargeurPopAge, COLONNES_POP_AGE, telechargementsPopAge} from "../../loaders/insee-pop-age.js";
import {indicateur} from "../../src/lib/indicateurs.js";
import {requete} from "../aides.js";
import {bancRafraichissement, bilanSource, construireAvec, crlf, dossierSources, rejetsSource, dossierSansLeFichier} from "./aides-sources.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures/insee-pop-age");
const ZIP_2021 = "insee-pop-age/TD_POP1B_2021_csv.zip";
const ZIP_2020 = "insee-pop-age/TD_POP1B_2020_csv.zip";
const resoudre = (entetes: string[]) => resoudreEntetes("essai.csv", entetes, COLONNES_POP_AGE);

describe("colonnes de TD_POP1B : chaque variante est reconnue", () => {
  it("format long complet (NIVGEO;CODGEO;LIBGEO;SEXE;AGED100;NB)", () => {
    expect(resoudre(["NIVGEO", "CODGEO", "LIBGEO", "SEXE", "AGED100", "NB"])).toEqual({nivgeo: "NIVGEO", codgeo: "CODGEO", libgeo: "LIBGEO", sexe: "SEXE", aged100: "AGED100", nb: "NB"});
  });
  it("sans niveau ni libellé (CODGEO;SEXE;AGED100;NB), sans sexe, en minuscules", () => {
    expect(Object.keys(resoudre(["CODGEO", "SEXE", "AGED100", "NB"]))).toEqual(["codgeo", "sexe", "aged100", "nb"]);
    expect(Object.keys(resoudre(["codgeo", "aged100", "nb"]))).toEqual(["codgeo", "aged100", "nb"]);
  });
  it("refuse l'âge quinquennal et un en-tête inconnu", () => {
    expect(() => resoudre(["CODGEO", "SEXE", "AGEQ80_17", "NB"])).toThrow(/en-tête inconnu : « AGEQ80_17 »/);
  });
});

describe("TD_POP1B de bout en bout (archives FICTIVES servies sur 127.0.0.1)", () => {
  const banc = bancRafraichissement({
    fixtures: FIXTURES, chargeur: chargeurPopAge, telechargements: telechargementsPopAge,
    fichiers: {
      "/fr/statistiques/fichier/8202264/TD_POP1B_2021_csv.zip": {zip: {"TD_POP1B_2021.csv": "FIXTURE_TD_POP1B_2021.csv"}},
      "/fr/statistiques/fichier/7631680/TD_POP1B_2020_csv.zip": {zip: {"TD_POP1B_2020.csv": "FIXTURE_TD_POP1B_2020.csv"}}
    }
  });

  it("télécharge les deux archives par le chemin de --refresh", () => {
    expect(banc.journal.filter((m) => m.includes("téléchargé :"))).toHaveLength(2);
    expect(chargeurPopAge.telechargements).toEqual([
      {url: "https://www.insee.fr/fr/statistiques/fichier/7631680/TD_POP1B_2020_csv.zip", fichier: ZIP_2020},
      {url: "https://www.insee.fr/fr/statistiques/fichier/8202264/TD_POP1B_2021_csv.zip", fichier: ZIP_2021}
    ]);
  });

  it("additionne les deux sexes par âge ; Paris par arrondissements, ancien code dans la commune actuelle ; décimales gardées", async () => {
    expect(await requete(banc.cible, "SELECT annee, commune, age, nb FROM pop_age ORDER BY annee, commune, age")).toEqual([
      {annee: 2020, commune: "04070", age: 0, nb: 19.5},
      {annee: 2020, commune: "04070", age: 70, nb: 20},
      {annee: 2021, commune: "04033", age: 30, nb: 10},
      {annee: 2021, commune: "04070", age: 0, nb: 20.5},
      {annee: 2021, commune: "04070", age: 1, nb: 20},
      {annee: 2021, commune: "04070", age: 2, nb: 30},
      {annee: 2021, commune: "04070", age: 17, nb: 40},
      {annee: 2021, commune: "04070", age: 19, nb: 50},
      {annee: 2021, commune: "04070", age: 60, nb: 60},
      {annee: 2021, commune: "04070", age: 65, nb: 70},
      {annee: 2021, commune: "04070", age: 100, nb: 5},
      {annee: 2021, commune: "75056", age: 0, nb: 300}
    ]);
  });

  it("compte chaque ligne : le niveau DEP est hors champ ; la source nomme le membre lu et l'URL officielle", async () => {
    const b = await bilanSource(banc.cible, ZIP_2021);
    expect(b).toMatchObject({lues: 14, chargees: 13, rejetees: 0, hors: 1});
    expect(b.note).toMatch(/Hors champ : 1 lignes de niveau DEP\./);
    expect(b.note).toMatch(/1 lignes d'anciens codes communes additionnées dans la commune actuelle/);
    expect(await bilanSource(banc.cible, ZIP_2020)).toMatchObject({lues: 3, chargees: 3, rejetees: 0, hors: 0});
    const [s] = await requete<{url: string; millesime: string}>(banc.cible, `SELECT url, millesime FROM source WHERE id = '${ZIP_2021}'`);
    expect(s).toEqual({url: "https://www.insee.fr/fr/statistiques/fichier/8202264/TD_POP1B_2021_csv.zip", millesime: "RP 2021"});
  });

  it("publie les séries de base du diagnostic : moins de 3, 18, 20 ans, 60 et 65 ans ou plus, population totale", async () => {
    const conn = await ouvrirEntrepot(banc.cible);
    try {
      const {series} = await lireFaits(conn, ["04070"]);
      const de = (base: string) => series[base]?.["04070"]?.["2021"];
      expect(["pop_moins3", "pop_moins18", "pop_moins20", "pop_60_plus", "pop_65_plus", "pop_totale_rp"].map(de)).toEqual([70.5, 110.5, 160.5, 135, 75, 295.5]);
      expect(series.pop_moins3?.["04070"]?.["2020"]).toBe(19.5);
    } finally {
      conn.closeSync();
    }
  });

  it("définit les indicateurs du recensement sur ces séries, à côté des saisies des analystes", () => {
    expect(indicateur("enfants_moins_3_ans_rp").calcul).toEqual({type: "somme", base: "pop_moins3"});
    expect(indicateur("part_moins_18_ans_rp").calcul).toEqual({type: "ratio", numerateur: "pop_moins18", denominateur: "pop_totale_rp", facteur: 100, anneeDenominateur: "meme"});
    expect(indicateur("part_65_ans_et_plus_rp").calcul).toEqual({type: "ratio", numerateur: "pop_65_plus", denominateur: "pop_totale_rp", facteur: 100, anneeDenominateur: "meme"});
    expect(indicateur("indice_jeunesse_rp").calcul).toEqual({type: "ratio", numerateur: "pop_moins20", denominateur: "pop_60_plus", facteur: 100, anneeDenominateur: "meme"});
    expect(indicateur("indice_jeunesse").calcul).toEqual({type: "publie", base: "rp_indice_jeunesse"});
  });
});

describe("TD_POP1B : fichiers FICTIFS mal formés", () => {
  const ENTETE = "NIVGEO;CODGEO;LIBGEO;SEXE;AGED100;NB";
  const CSV = "insee-pop-age/TD_POP1B_2021.csv";
  const charger = (texte: string, fichier = CSV) => construireAvec(chargeurPopAge, dossierSources({[fichier]: texte}));

  it("sans fichier : une ligne dans le journal, rien de chargé", async () => {
    const {cible, journal} = await construireAvec(chargeurPopAge, dossierSansLeFichier());
    expect(journal.filter((m) => m.includes("fichier absent"))).toEqual([expect.stringMatching(/fichier absent : insee-pop-age\/TD_POP1B_<année>_csv\.zip .* : population par âge du recensement non chargée\.$/)]);
    expect(await requete(cible, "SELECT count(*)::INTEGER AS n FROM pop_age")).toEqual([{n: 0}]);
  });

  it("refuse un mauvais séparateur, une colonne manquante, un en-tête inconnu, le format large", async () => {
    await expect(charger(crlf(ENTETE.replaceAll(";", ","), "COM,04070,A,1,000,10"))).rejects.toThrow(`${CSV}, ligne 1 : séparateur « , » trouvé, « ; » attendu.`);
    await expect(charger(crlf("NIVGEO;CODGEO;SEXE;NB", "COM;04070;1;10"))).rejects.toThrow(`${CSV}, ligne 1 : colonne obligatoire absente : aged100.`);
    await expect(charger(crlf(`${ENTETE};IPONDI`, "COM;04070;A;1;000;10;1"))).rejects.toThrow(/TD_POP1B_2021\.csv, ligne 1 : en-tête inconnu : « IPONDI »/);
    await expect(charger(crlf("CODGEO;LIBGEO;SEXE1_AGED100000;SEXE1_AGED100001", "04070;A;1;2"))).rejects.toThrow(/format large .* seul le format long TD_POP1B/);
  });

  it("rejette ligne par ligne : non numérique, commune inconnue, doublon, sexe et âge invalides", async () => {
    const {cible} = await charger(crlf(
      ENTETE,
      "COM;04070;A;1;000;10", // 2: kept
      "COM;04070;A;2;000;dix", // 3: not a number
      "COM;99999;X;1;000;4", // 4: unknown commune
      "COM;04070;A;1;000;10", // 5: duplicate of line 2
      "COM;04070;A;3;001;1", // 6: sex
      "COM;04070;A;1;101;1", // 7: age
      "COM;04070;A;2;005;-1" // 8: negative
    ));
    expect(await rejetsSource(cible, CSV)).toEqual([
      {ligne: 3, colonne: "NB", valeur: "dix", motif: "valeur non numérique"},
      {ligne: 4, colonne: "CODGEO", valeur: "99999", motif: expect.stringMatching(/^code commune inconnu du référentiel/)},
      {ligne: 5, colonne: "NIVGEO + CODGEO + SEXE + AGED100", valeur: "COM | 04070 | 1 | 000", motif: "ligne en double (même clé qu'une ligne précédente)"},
      {ligne: 6, colonne: "SEXE", valeur: "3", motif: "sexe attendu : 1 (hommes) ou 2 (femmes)"},
      {ligne: 7, colonne: "AGED100", valeur: "101", motif: "âge attendu de 0 à 100 (100 = 100 ans ou plus)"},
      {ligne: 8, colonne: "NB", valeur: "-1", motif: "valeur invraisemblable : hors de la plage plausible [0 ; 100\u202f000]"}
    ]);
    expect(await bilanSource(cible, CSV)).toMatchObject({lues: 7, chargees: 1, rejetees: 6, hors: 0});
    expect(await requete(cible, "SELECT annee, commune, age, nb FROM pop_age")).toEqual([{annee: 2021, commune: "04070", age: 0, nb: 10}]);
  });

  it("choisit le membre de données d'une archive qui contient aussi un dictionnaire meta_", async () => {
    const zip = zipSync({"meta_TD_POP1B_2021.csv": strToU8("COD_VAR;LIB_VAR\nNB;Nombre (FICTIF)\n"), "TD_POP1B_2021.csv": strToU8(crlf(ENTETE, "COM;04070;A;1;000;10"))});
    const {cible} = await construireAvec(chargeurPopAge, dossierSources({[ZIP_2021]: zip}));
    expect(await requete(cible, "SELECT commune, nb FROM pop_age")).toEqual([{commune: "04070", nb: 10}]);
    expect(await bilanSource(cible, ZIP_2021)).toMatchObject({lues: 1, chargees: 1});
  });
});
