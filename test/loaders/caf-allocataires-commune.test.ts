// Cnaf s_ben_com_f loader (foyers allocataires and personnes couvertes by commune): the
// alias table (one test per spelling), then end to end against FICTITIOUS fixtures served
// on 127.0.0.1 through both refresh paths (CSV export, paged JSON records), then bad inputs.
import {rmSync} from "node:fs";
import {resolve} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {resoudreEntetes} from "../../loaders/lib/csv.js";
import {chargeurAllocatairesCommune, COLONNES_ALLOCATAIRES, ignoresAllocataires, rafraichirAllocataires} from "../../loaders/caf-allocataires-commune.js";
import {requete} from "../aides.js";
import {bilanSource, construireAvec, crlf, dossierSources, rejetsSource, dossierSansLeFichier} from "./aides-sources.js";
import {demarrerServeurOds, type ServeurOds} from "./serveur-opendatasoft.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures/caf-allocataires-commune");
const FICHIER = "caf-allocataires-commune/s_ben_com_f.csv";
const resoudre = (entetes: string[]) => resoudreEntetes("essai.csv", entetes, COLONNES_ALLOCATAIRES, ignoresAllocataires(entetes));
const lignes = (cible: string) =>
  requete(cible, "SELECT annee, commune, foyers, personnes, approche, recompose FROM caf_allocataires_com ORDER BY annee, commune");

describe("table d'alias de s_ben_com_f : chaque variante d'en-têtes est reconnue", () => {
  it("noms de champs de l'export (dtreffre, numcomdo, indfoy_ndur, indnbp_ndur)", () => {
    expect(resoudre(["dtreffre", "numcomdo", "nomcom", "indfoy_ndur", "indnbp_ndur"])).toEqual({
      dtreffre: "dtreffre", numcomdo: "numcomdo", nomcom: "nomcom", foyers: "indfoy_ndur", personnes: "indnbp_ndur"
    });
  });
  it("les colonnes des autres prestations (indfoy_<p>, indnbp_<p>, indmtt_<p>) et de géographie sont reconnues et non chargées", () => {
    const entetes = ["dtreffre", "numcomdo", "indfoy_ndur", "indnbp_ndur", "indfoy_rsa", "indmtt_rsa", "indnbp_ndural", "indfoy_ndurpaje", "numdep", "nomdep"];
    expect(ignoresAllocataires(entetes)).toEqual(["indfoy_rsa", "indmtt_rsa", "indnbp_ndural", "indfoy_ndurpaje", "numdep", "nomdep"]);
    expect(Object.keys(resoudre(entetes))).toEqual(["dtreffre", "numcomdo", "foyers", "personnes"]);
  });
  it("libellés français d'un export use_labels (« Nombre foyers NDUR », « Nombre personnes NDUR »)", () => {
    const entetes = ["Date de référence", "Numéro de commune", "Nom de la commune", "Nombre foyers NDUR", "Nombre personnes NDUR", "Nombre foyers RSA", "Montant RSA"];
    expect(resoudre(entetes)).toEqual({
      dtreffre: "Date de référence", numcomdo: "Numéro de commune", nomcom: "Nom de la commune", foyers: "Nombre foyers NDUR", personnes: "Nombre personnes NDUR"
    });
  });
  it("CSV écrit depuis l'API records : mêmes noms, autre ordre, sans nomcom", () => {
    expect(resoudre(["indnbp_ndur", "numcomdo", "indfoy_ndur", "dtreffre"])).toMatchObject({foyers: "indfoy_ndur", personnes: "indnbp_ndur"});
  });
  it("refuse un en-tête inconnu en le nommant, et un fichier sans personnes couvertes", () => {
    expect(() => resoudre(["dtreffre", "numcomdo", "indfoy_ndur", "indnbp_ndur", "nb_allocataires"])).toThrow(/en-tête inconnu : « nb_allocataires »/);
    expect(() => resoudre(["dtreffre", "numcomdo", "indfoy_ndur"])).toThrow(/colonne obligatoire absente : personnes/);
  });
});

describe("s_ben_com_f de bout en bout : export CSV et API records (fixtures FICTIVES sur 127.0.0.1)", () => {
  let serveur: ServeurOds;
  const dossiers: string[] = [];
  let export_: {cible: string; journal: string[]};
  let records: {cible: string; journal: string[]};
  const journalRefresh: string[] = [];
  beforeAll(async () => {
    serveur = await demarrerServeurOds(FIXTURES);
    const log = (m: string) => journalRefresh.push(m);
    const a = dossierSources({});
    const b = dossierSources({});
    dossiers.push(a, b);
    await rafraichirAllocataires(a, {base: serveur.base, via: "export", log});
    await rafraichirAllocataires(b, {base: serveur.base, via: "records", departements: ["04", "06"], log, parPage: 2});
    export_ = await construireAvec(chargeurAllocatairesCommune, a);
    records = await construireAvec(chargeurAllocatairesCommune, b);
  });
  afterAll(async () => {
    await serveur?.fermer();
    for (const d of dossiers) rmSync(d, {recursive: true, force: true});
  });

  it("télécharge l'export et pagine l'API département par département", () => {
    expect(journalRefresh.filter((m) => m.includes("téléchargé :"))).toEqual([
      expect.stringContaining(`→ ${FICHIER}`),
      `      téléchargé : s_ben_com_f (départements 04, 06 seulement) (4 enregistrements, 3 pages) → ${FICHIER}`
    ]);
    const enc = (s: string) => new URLSearchParams({where: s}).toString();
    expect(serveur.requetes.filter((r) => r.includes("/records"))).toEqual([
      `/api/explore/v2.1/catalog/datasets/s_ben_com_f/records?${enc('startswith(numcomdo, "04")')}&limit=2&offset=0`,
      `/api/explore/v2.1/catalog/datasets/s_ben_com_f/records?${enc('startswith(numcomdo, "06")')}&limit=2&offset=0`,
      `/api/explore/v2.1/catalog/datasets/s_ben_com_f/records?${enc('startswith(numcomdo, "06")')}&limit=2&offset=2`
    ]);
  });

  it("export : effectifs tels que publiés, approchés ; masqués NULL, jamais 0 ; Paris, Lyon et ancien code additionnés", async () => {
    expect(await lignes(export_.cible)).toEqual([
      {annee: 2022, commune: "04070", foyers: 1000, personnes: 2000, approche: true, recompose: false},
      {annee: 2023, commune: "04033", foyers: 30, personnes: 60, approche: true, recompose: true},
      {annee: 2023, commune: "04070", foyers: 1005, personnes: 2010, approche: true, recompose: false},
      {annee: 2023, commune: "04112", foyers: null, personnes: null, approche: true, recompose: false},
      {annee: 2023, commune: "69123", foyers: null, personnes: null, approche: true, recompose: true},
      {annee: 2023, commune: "75056", foyers: 300, personnes: 600, approche: true, recompose: true}
    ]);
  });

  it("export : compte chaque ligne ; les allocataires non localisés restent hors champ, avec leurs foyers", async () => {
    const b = await bilanSource(export_.cible, FICHIER);
    expect(b).toMatchObject({lues: 11, chargees: 9, rejetees: 0, hors: 2});
    expect(b.note).toMatch(/Hors champ : .*1 lignes sans code commune \(allocataires non localisés par la Cnaf\)/);
    expect(b.note).toMatch(/Hors champ : .*1 lignes au code commune masqué \(XX\)/);
    expect(b.note).toMatch(/Les lignes hors champ portent 505 foyers, jamais répartis sur les communes\./);
    expect(b.note).toMatch(/arrondis à 5/);
    const [s] = await requete<{url: string; millesime: string}>(export_.cible, `SELECT url, millesime FROM source WHERE id = '${FICHIER}'`);
    expect(s).toEqual({url: "https://data.caf.fr/api/explore/v2.1/catalog/datasets/s_ben_com_f/exports/csv?delimiter=%3B", millesime: "2022-2023"});
  });

  it("API records : mêmes règles sur le CSV écrit depuis les enregistrements (départements demandés seulement)", async () => {
    expect(await lignes(records.cible)).toEqual([
      {annee: 2022, commune: "06088", foyers: 3000, personnes: 6000, approche: true, recompose: false},
      {annee: 2023, commune: "04070", foyers: 1005, personnes: 2010, approche: true, recompose: false},
      {annee: 2023, commune: "06004", foyers: null, personnes: null, approche: true, recompose: false},
      {annee: 2023, commune: "06088", foyers: 3005, personnes: 6010, approche: true, recompose: false}
    ]);
    expect(await bilanSource(records.cible, FICHIER)).toMatchObject({lues: 4, chargees: 4, rejetees: 0, hors: 0});
  });

  it("le chargeur déclare l'URL officielle de l'export pour --refresh", () => {
    expect(chargeurAllocatairesCommune.telechargements).toEqual([
      {url: "https://data.caf.fr/api/explore/v2.1/catalog/datasets/s_ben_com_f/exports/csv?delimiter=%3B", fichier: FICHIER}
    ]);
  });
});

describe("s_ben_com_f : fichiers FICTIFS mal formés", () => {
  const ENTETE = "dtreffre;numcomdo;nomcom;indfoy_ndur;indnbp_ndur";
  const charger = (texte: string) => construireAvec(chargeurAllocatairesCommune, dossierSources({[FICHIER]: texte}));

  it("sans fichier : une ligne dans le journal, rien de chargé", async () => {
    const {cible, journal} = await construireAvec(chargeurAllocatairesCommune, dossierSansLeFichier());
    expect(journal.filter((m) => m.includes("fichier absent"))).toEqual([
      "      fichier absent : caf-allocataires-commune/s_ben_com_f.csv (ni dans son dossier ni à la racine du dossier de sources) : allocataires Caf par commune (s_ben_com_f) non chargés."
    ]);
    expect(await requete(cible, "SELECT count(*)::INTEGER AS n FROM caf_allocataires_com")).toEqual([{n: 0}]);
  });

  it("refuse un mauvais séparateur, une colonne manquante, un en-tête inconnu", async () => {
    await expect(charger(crlf(ENTETE.replaceAll(";", ","), "2023-12,04070,A,5,10"))).rejects.toThrow(`${FICHIER}, ligne 1 : séparateur « , » trouvé, « ; » attendu.`);
    await expect(charger(crlf("dtreffre;numcomdo;indfoy_ndur", "2023-12;04070;5"))).rejects.toThrow(`${FICHIER}, ligne 1 : colonne obligatoire absente : personnes.`);
    await expect(charger(crlf(`${ENTETE};taux_allocataires`, "2023-12;04070;A;5;10;1"))).rejects.toThrow(/s_ben_com_f\.csv, ligne 1 : en-tête inconnu : « taux_allocataires »/);
  });

  it("rejette ligne par ligne : non numérique, commune inconnue, doublons, zéro perdu, mois autre que décembre", async () => {
    const {cible} = await charger(crlf(
      ENTETE,
      "2023-12;04070;A;1005;2010", // 2: kept
      "2023-12;04112;B;dix;20", // 3: not a number
      "2023-12;99999;X;5;10", // 4: unknown commune
      "2023-12;04070;A;1005;2010", // 5: duplicate of line 2 (same text)
      "2023;04070;A;1005;2010", // 6: duplicate of line 2 (same year written otherwise)
      "2023-12;4070;A;5;10", // 7: leading zero lost
      "2023-06;04112;B;5;10", // 8: June
      "2023-12;55273;X;5;10" // 9: former code now split between two communes
    ));
    expect(await rejetsSource(cible, FICHIER)).toEqual([
      {ligne: 3, colonne: "indfoy_ndur", valeur: "dix", motif: "valeur non numérique"},
      {ligne: 4, colonne: "numcomdo", valeur: "99999", motif: expect.stringMatching(/^code commune inconnu du référentiel \(géographie 2026\)/)},
      {ligne: 5, colonne: "dtreffre + numcomdo", valeur: "2023-12 | 04070", motif: "ligne en double (même clé qu'une ligne précédente)"},
      {ligne: 6, colonne: "dtreffre + numcomdo", valeur: "2023 | 04070", motif: "ligne en double : même commune et même année qu'une ligne précédente"},
      {ligne: 7, colonne: "numcomdo", valeur: "4070", motif: "code commune INSEE sur 5 caractères attendu : zéro initial perdu (fichier ouvert dans un tableur ?)"},
      {ligne: 8, colonne: "dtreffre", valeur: "2023-06", motif: "mois autre que décembre : ce jeu ne publie que la photo de décembre, l'année n'aurait plus de sens"},
      {ligne: 9, colonne: "numcomdo", valeur: "55273", motif: expect.stringMatching(/^ancien code commune réparti depuis entre plusieurs communes/)}
    ]);
    expect(await bilanSource(cible, FICHIER)).toMatchObject({lues: 8, chargees: 1, rejetees: 7, hors: 0});
    expect(await lignes(cible)).toEqual([{annee: 2023, commune: "04070", foyers: 1005, personnes: 2010, approche: true, recompose: false}]);
  });

  it("n'additionne pas deux fois Paris publiée entière et par arrondissement ; signale un effectif non arrondi à 5", async () => {
    const {cible} = await charger(crlf(ENTETE, "2023-12;75056;PARIS FICTIF;1000;2000", "2023-12;75101;ARR FICTIF;400;800", "2023-12;04070;A;7;12"));
    expect(await lignes(cible)).toEqual([
      {annee: 2023, commune: "04070", foyers: 7, personnes: 12, approche: true, recompose: false},
      {annee: 2023, commune: "75056", foyers: 1000, personnes: 2000, approche: true, recompose: false}
    ]);
    const b = await bilanSource(cible, FICHIER);
    expect(b).toMatchObject({lues: 3, chargees: 2, rejetees: 0, hors: 1});
    expect(b.note).toMatch(/1 lignes d'arrondissement municipal d'une commune aussi publiée entière/);
    expect(b.note).toMatch(/1 lignes avec un effectif non multiple de 5/);
  });
});
