// INSEE base-ic couples-familles-ménages loader: the year read in the variable prefix and the
// alias table (one test per spelling), then end to end against a FICTITIOUS archive served on
// 127.0.0.1 through the refresh path (with its meta_ dictionary member), the diagnostic's
// bases, and bad inputs.
import {resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {resoudreEntetes} from "../../loaders/lib/csv.js";
import {ouvrirEntrepot} from "../../entrepot/connexion.js";
import {lireFaits} from "../../entrepot/faits.js";
import {anneeDesEntetes, anneePrefixe, chargeurRpFamilles, colonnesRpFamilles, telechargementsRpFamilles} from "../../loaders/insee-rp-familles.js";
import {requete} from "../aides.js";
import {bancRafraichissement, bilanSource, construireAvec, crlf, dossierSources, rejetsSource, dossierSansLeFichier} from "./aides-sources.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures/insee-rp-familles");
const ZIP = "insee-rp-familles/base-ic-couples-familles-menages-2022_csv.zip";
const MEMBRE = "base-ic-couples-familles-menages-2022.CSV";
const resoudre = (annee: number, entetes: string[]) => {
  const {colonnes, ignorer} = colonnesRpFamilles(annee, entetes);
  return resoudreEntetes("essai.csv", entetes, colonnes, ignorer);
};

describe("base-ic couples-familles-ménages : année du préfixe et table d'alias", () => {
  it("lit l'année dans le préfixe des variables (C22 → 2022, C21 → 2021, P22 → 2022)", () => {
    expect([anneePrefixe("C22"), anneePrefixe("C21"), anneePrefixe("P22"), anneePrefixe("X22")]).toEqual([2022, 2021, 2022, null]);
    expect(anneeDesEntetes("f.csv", ["IRIS", "COM", "P21_POP15P", "C21_MEN"])).toBe(2021);
    expect(() => anneeDesEntetes("f.csv", ["IRIS", "C22_MEN", "C21_FAM"])).toThrow(/variables de plusieurs recensements mélangées \(2021, 2022\)/);
    expect(() => anneeDesEntetes("f.csv", ["IRIS", "MEN"])).toThrow(/aucune variable préfixée/);
  });
  it("noms de 2022 : MENPSEUL et PMEN_MENPSEUL sont deux colonnes, les autres variables et la géographie sont reconnues et non chargées", () => {
    const entetes = ["IRIS", "REG", "DEP", "UU2020", "COM", "LIBCOM", "LIBIRIS", "TYP_IRIS", "MODIF_IRIS", "LAB_IRIS", "P22_POP15P", "C22_MEN", "C22_MENPSEUL", "C22_PMEN_MENPSEUL", "C22_FAM", "C22_COUPAENF", "C22_FAMMONO", "C22_COUPSENF", "C22_NE24F0"];
    expect(resoudre(2022, entetes)).toEqual({
      iris: "IRIS", com: "COM", men: "C22_MEN", menpseul: "C22_MENPSEUL", pmen_menpseul: "C22_PMEN_MENPSEUL", fam: "C22_FAM", coupaenf: "C22_COUPAENF", fammono: "C22_FAMMONO", coupsenf: "C22_COUPSENF"
    });
    expect(colonnesRpFamilles(2022, entetes).ignorer).toEqual(["REG", "DEP", "UU2020", "LIBCOM", "LIBIRIS", "TYP_IRIS", "MODIF_IRIS", "LAB_IRIS", "P22_POP15P", "C22_NE24F0"]);
  });
  it("préfixe C21 d'un fichier 2021, sans COM ni MENPSEUL (personnes des ménages d'une personne à la place)", () => {
    expect(resoudre(2021, ["IRIS", "C21_MEN", "C21_PMEN_MENPSEUL", "C21_FAM", "C21_FAMMONO", "C21_COUPSENF"])).toEqual({
      iris: "IRIS", men: "C21_MEN", pmen_menpseul: "C21_PMEN_MENPSEUL", fam: "C21_FAM", fammono: "C21_FAMMONO", coupsenf: "C21_COUPSENF"
    });
  });
  it("orthographe de notes/data-sources.md (FAM_MONO, FAM_COUPAENF, FAM_COUPSENF)", () => {
    expect(resoudre(2022, ["IRIS", "COM", "C22_MEN", "C22_MENPSEUL", "C22_FAM", "C22_FAM_MONO", "C22_FAM_COUPSENF", "C22_FAM_COUPAENF"])).toMatchObject({
      fammono: "C22_FAM_MONO", coupsenf: "C22_FAM_COUPSENF", coupaenf: "C22_FAM_COUPAENF"
    });
  });
  it("refuse un en-tête inconnu et une variable d'une autre année dans les colonnes attendues", () => {
    expect(() => resoudre(2022, ["IRIS", "COM", "C22_MEN", "C22_MENPSEUL", "C22_FAM", "C22_FAMMONO", "C22_COUPSENF", "QUARTIER"])).toThrow(/en-tête inconnu : « QUARTIER »/);
    expect(() => resoudre(2022, ["IRIS", "COM", "C22_MEN", "C22_FAM", "C22_FAMMONO"])).toThrow(/colonne obligatoire absente : coupsenf/);
  });
});

describe("base-ic couples-familles-ménages de bout en bout (archive FICTIVE servie sur 127.0.0.1)", () => {
  const banc = bancRafraichissement({
    fixtures: FIXTURES, chargeur: chargeurRpFamilles, telechargements: telechargementsRpFamilles,
    fichiers: {
      "/fr/statistiques/fichier/8647008/base-ic-couples-familles-menages-2022_csv.zip": {zip: {
        [`meta_${MEMBRE}`]: `FIXTURE_meta_${MEMBRE}`,
        [MEMBRE]: `FIXTURE_${MEMBRE}`
      }}
    }
  });

  it("télécharge l'archive par le chemin de --refresh (URL de notes/data-banc.sources.md)", () => {
    expect(banc.journal.filter((m) => m.includes("téléchargé :"))).toHaveLength(1);
    expect(chargeurRpFamilles.telechargements).toEqual([{url: "https://www.insee.fr/fr/statistiques/fichier/8647008/base-ic-couples-familles-menages-2022_csv.zip", fichier: ZIP}]);
  });

  it("additionne les IRIS par commune, décimales gardées ; cellule vide → somme NULL et incomplète ; Paris et ancien code rattachés", async () => {
    const r = await requete<{commune: string; variable: string; valeur: number | null; nb_iris: number; incomplet: boolean}>(banc.cible,
      "SELECT commune, variable, valeur, nb_iris, incomplet FROM rp_familles WHERE annee = 2022 ORDER BY commune, variable");
    const par = (commune: string) => Object.fromEntries(r.filter((x) => x.commune === commune).map((x) => [x.variable, x.valeur]));
    expect(par("04070")).toEqual({coupaenf: 300.5, coupsenf: 250, fam: 700, fammono: 150.75, men: 1100.5, menpseul: 500.75});
    expect(par("04112")).toEqual({coupaenf: 10, coupsenf: 20, fam: 30, fammono: null, men: 50, menpseul: 10});
    expect(par("75056")).toEqual({coupaenf: 20, coupsenf: 15, fam: 50, fammono: 15, men: 170, menpseul: 110});
    expect(par("04033")).toEqual({coupaenf: 1, coupsenf: 1, fam: 3, fammono: 1, men: 5, menpseul: 2});
    expect(r.find((x) => x.commune === "04112" && x.variable === "fammono")).toMatchObject({nb_iris: 1, incomplet: true});
    expect(r.find((x) => x.commune === "75056" && x.variable === "men")).toMatchObject({nb_iris: 2, incomplet: false});
  });

  it("consigne le membre lu (pas le dictionnaire meta_) et compte chaque IRIS", async () => {
    const b = await bilanSource(banc.cible, ZIP);
    expect(b).toMatchObject({lues: 6, chargees: 6, rejetees: 0, hors: 0});
    expect(b.note).toMatch(/menpseul \(C22_MENPSEUL, ménages d'une personne\)/);
    expect(b.note).toMatch(/1 communes avec au moins un IRIS à la cellule vide/);
    expect(b.note).toMatch(/1 IRIS d'anciennes communes rattachés à la commune actuelle/);
    const [s] = await requete<{url: string; millesime: string}>(banc.cible, `SELECT url, millesime FROM source WHERE id = '${ZIP}'`);
    expect(s).toEqual({url: "https://www.insee.fr/fr/statistiques/fichier/8647008/base-ic-couples-familles-menages-2022_csv.zip", millesime: "RP 2022"});
  });

  it("alimente les bases des familles du diagnostic (celles des saisies des analystes), drapeau i si incomplet", async () => {
    const conn = await ouvrirEntrepot(banc.cible);
    try {
      const {series} = await lireFaits(conn, ["04070", "04112"]);
      expect(series.rp_personnes_seules?.["04070"]).toEqual({"2022": 500.75});
      expect(series.rp_couples_sans_enfant?.["04070"]).toEqual({"2022": 250});
      expect(series.rp_familles_monoparentales?.["04070"]).toEqual({"2022": 150.75});
      expect(series.rp_familles_monoparentales?.["04112"]).toEqual({"2022": null});
    } finally {
      conn.closeSync();
    }
  });
});

describe("base-ic couples-familles-ménages : fichiers FICTIFS mal formés", () => {
  const CSV = "insee-rp-familles/base-ic-couples-familles-menages-2022.csv";
  const ENTETE = "IRIS;COM;C22_MEN;C22_MENPSEUL;C22_FAM;C22_FAMMONO;C22_COUPSENF;C22_COUPAENF";
  const charger = (texte: string, fichier = CSV) => construireAvec(chargeurRpFamilles, dossierSources({[fichier]: texte}));

  it("sans fichier : une ligne dans le journal, rien de chargé", async () => {
    const {cible, journal} = await construireAvec(chargeurRpFamilles, dossierSansLeFichier());
    expect(journal.filter((m) => m.includes("fichier absent"))).toEqual([expect.stringMatching(/fichier absent : insee-rp-familles\/base-ic-couples-familles-menages-<année>_csv\.zip .* : ménages et familles du recensement non chargés\.$/)]);
    expect(await requete(cible, "SELECT count(*)::INTEGER AS n FROM rp_familles")).toEqual([{n: 0}]);
  });

  it("refuse un mauvais séparateur, une colonne manquante, un en-tête inconnu, un fichier renommé, l'absence de personnes seules", async () => {
    await expect(charger(crlf(ENTETE.replaceAll(";", ","), "040700101,04070,1,1,1,1,1,1"))).rejects.toThrow(`${CSV}, ligne 1 : séparateur « , » trouvé, « ; » attendu.`);
    await expect(charger(crlf("IRIS;COM;C22_MEN;C22_MENPSEUL;C22_FAM;C22_FAMMONO", "040700101;04070;1;1;1;1"))).rejects.toThrow(`${CSV}, ligne 1 : colonne obligatoire absente : coupsenf.`);
    await expect(charger(crlf(`${ENTETE};SURFACE`, "040700101;04070;1;1;1;1;1;1;5"))).rejects.toThrow(/ligne 1 : en-tête inconnu : « SURFACE »/);
    await expect(charger(crlf(ENTETE.replaceAll("C22", "C21"), "040700101;04070;1;1;1;1;1;1"))).rejects.toThrow(/variables du recensement 2021 dans un fichier nommé 2022/);
    await expect(charger(crlf("IRIS;COM;C22_MEN;C22_FAM;C22_FAMMONO;C22_COUPSENF", "040700101;04070;1;1;1;1"))).rejects.toThrow(/ni C22_MENPSEUL ni C22_PMEN_MENPSEUL/);
  });

  it("rejette ligne par ligne : non numérique, commune inconnue, IRIS en double, IRIS hors de sa commune", async () => {
    const {cible} = await charger(crlf(
      ENTETE,
      "040700101;04070;10;4;5;1;2;2", // 2: kept
      "040700102;04070;dix;4;5;1;2;2", // 3: not a number
      "999990000;99999;10;4;5;1;2;2", // 4: unknown commune
      "040700101;04070;10;4;5;1;2;2", // 5: duplicate IRIS
      "041120000;04070;10;4;5;1;2;2", // 6: IRIS of another commune
      "04070010;04070;10;4;5;1;2;2" // 7: 8-character IRIS
    ));
    expect(await rejetsSource(cible, CSV)).toEqual([
      {ligne: 3, colonne: "C22_MEN", valeur: "dix", motif: "valeur non numérique"},
      {ligne: 4, colonne: "COM", valeur: "99999", motif: expect.stringMatching(/^code commune inconnu du référentiel/)},
      {ligne: 5, colonne: "IRIS", valeur: "040700101", motif: "ligne en double (même clé qu'une ligne précédente)"},
      {ligne: 6, colonne: "COM", valeur: "04070", motif: "l'IRIS n'est pas dans la commune COM (ses 5 premiers caractères diffèrent)"},
      {ligne: 7, colonne: "IRIS", valeur: "04070010", motif: "code IRIS invalide (9 caractères attendus : commune sur 5 + 4)"}
    ]);
    expect(await bilanSource(cible, CSV)).toMatchObject({lues: 6, chargees: 1, rejetees: 5, hors: 0});
    expect(await requete(cible, "SELECT variable, valeur FROM rp_familles WHERE commune = '04070' ORDER BY variable")).toEqual([
      {variable: "coupaenf", valeur: 2}, {variable: "coupsenf", valeur: 2}, {variable: "fam", valeur: 5}, {variable: "fammono", valeur: 1}, {variable: "men", valeur: 10}, {variable: "menpseul", valeur: 4}
    ]);
  });

  it("sans colonne COM : la commune vient des 5 premiers caractères de l'IRIS ; virgule décimale lue", async () => {
    const {cible} = await charger(crlf("IRIS;C22_MEN;C22_PMEN_MENPSEUL;C22_FAM;C22_FAMMONO;C22_COUPSENF", "751010101;10,5;4,25;5;1;2", "751020201;1;1;1;1;1"));
    expect(await requete(cible, "SELECT commune, variable, valeur FROM rp_familles WHERE variable IN ('men', 'menpseul') ORDER BY variable")).toEqual([
      {commune: "75056", variable: "men", valeur: 11.5}, {commune: "75056", variable: "menpseul", valeur: 5.25}
    ]);
  });
});
