// INSEE births loader: golden figures from the real Melodi zip of ../shared/data, and
// bad inputs on small FICTITIOUS files (invented counts, never real data): each refused
// row or file is named with its line and column, and nothing is lost uncounted.
import {existsSync} from "node:fs";
import {resolve} from "node:path";
import {zipSync, strToU8} from "fflate";
import {describe, expect, it} from "vitest";
import {chargeurNaissances, FICHIERS_NAISSANCES} from "../../loaders/insee-naissances.js";
import {entrepotComplet, requete, simple} from "../aides.js";
import {bilanSource, construireAvec, crlf, dossierSources, latin1, rejetsSource, dossierSansLeFichier} from "./aides-sources.js";

const REEL = resolve(import.meta.dirname, "../../../shared/data/insee-naissances-communes-2008-2024");
const ZIP_REEL = "insee-naissances-communes-2008-2024/DS_ETAT_CIVIL_NAIS_COMMUNES.zip";
const ENTETE = `"EC_MEASURE";"FREQ";"GEO";"GEO_OBJECT";"OBS_STATUS";"TIME_PERIOD";"OBS_VALUE"`;
const CSV = "DS_ETAT_CIVIL_NAIS_COMMUNES_data.csv";
/** A fictitious row. */
const l = (geo: string, niveau: string, annee: number | string, valeur: number | string, statut = "A") => `"LVB";"A";"${geo}";"${niveau}";"${statut}";${annee};${valeur}`;

describe.skipIf(!existsSync(REEL))("naissances : fichier réel de l'INSEE (Melodi, 2008–2024)", () => {
  const naissances = (niveau: string, code: string) =>
    requete<{annee: number; naissances: number}>(entrepotComplet(), `SELECT annee, naissances FROM naissance WHERE niveau = '${niveau}' AND code = '${code}' AND annee >= 2020 ORDER BY annee`);

  it("Digne-les-Bains (04070) : 117 en 2022, 126 en 2023, 119 en 2024", async () => {
    expect((await naissances("COM", "04070")).filter((r) => r.annee >= 2022)).toEqual([
      {annee: 2022, naissances: 117}, {annee: 2023, naissances: 126}, {annee: 2024, naissances: 119}
    ]);
  });
  it("CA Provence-Alpes-Agglomération (200067437) : 352, 414, 378, 360, 367 de 2020 à 2024", async () => {
    expect((await naissances("EPCI", "200067437")).map((r) => r.naissances)).toEqual([352, 414, 378, 360, 367]);
  });
  it("département 04 : 1 276 en 2024 ; France (F) : 659 731 en 2024", async () => {
    expect((await naissances("DEP", "04")).at(-1)).toEqual({annee: 2024, naissances: 1276});
    expect((await naissances("FRANCE", "F")).at(-1)).toEqual({annee: 2024, naissances: 659731});
  });
  it("filtre sur GEO_OBJECT : le bassin de vie 04070 n'écrase pas la commune 04070", async () => {
    const [r] = await requete<{n: number}>(entrepotComplet(), "SELECT count(*)::INTEGER AS n FROM naissance WHERE code = '04070' AND annee = 2024");
    expect(r!.n).toBe(1);
    const niveaux = await requete<{niveau: string}>(entrepotComplet(), "SELECT DISTINCT niveau FROM naissance ORDER BY niveau");
    expect(niveaux.map((n) => n.niveau)).toEqual(["ARM", "COM", "DEP", "EPCI", "FRANCE", "REG"]);
  });
  it("les lignes au statut M restent sans valeur, jamais 0 (120 aux niveaux chargés, 108 dans les niveaux hors champ = les 228 du fichier)", async () => {
    const [r] = await requete<{m: number; nulles: number; zeros_m: number}>(entrepotComplet(),
      "SELECT count(*) FILTER (statut = 'M')::INTEGER AS m, count(*) FILTER (naissances IS NULL)::INTEGER AS nulles, count(*) FILTER (statut = 'M' AND naissances = 0)::INTEGER AS zeros_m FROM naissance");
    expect(r).toEqual({m: 120, nulles: 120, zeros_m: 0});
  });
  it("compte chaque ligne : 710 821 lues = 617 032 chargées + 93 789 hors champ (UU, BV, AAV, ZE, ARR), aucune rejetée", async () => {
    const b = await bilanSource(entrepotComplet(), ZIP_REEL);
    expect(b).toMatchObject({lues: 710821, chargees: 617032, rejetees: 0, hors: 93789});
    expect(simple(b.note)).toMatch(/42 024 lignes de niveau UU2020/);
  });
  it("tous les codes communes du fichier sont connus du référentiel 2026 (aucun à rattacher ni à rejeter)", async () => {
    const [r] = await requete<{recomposees: number}>(entrepotComplet(), "SELECT count(*) FILTER (recompose)::INTEGER AS recomposees FROM naissance");
    expect(r!.recomposees).toBe(0);
  });
  it("une seule ligne par niveau, code et année (la clé que tient le chargeur)", async () => {
    const [r] = await requete<{doublons: number}>(entrepotComplet(), "SELECT count(*)::INTEGER AS doublons FROM (SELECT 1 FROM naissance GROUP BY niveau, code, annee HAVING count(*) > 1)");
    expect(r!.doublons).toBe(0);
  });
  it("déclare au banc le fichier qu'il lit", () => {
    expect(FICHIERS_NAISSANCES.map((f) => f.relatif)).toEqual([ZIP_REEL]);
  });
});

describe("naissances : fichiers FICTIFS mal formés", () => {
  it("lit l'archive zip de Melodi, garde les niveaux chargés et compte les autres hors champ", async () => {
    const zip = zipSync({[CSV]: strToU8([ENTETE, l("04070", "COM", 2024, 11), l("04070", "BV2022", 2024, 999), l("200067437", "EPCI", 2024, 22), l("F", "FRANCE", 2024, 33)].join("\n") + "\n")});
    const {cible} = await construireAvec(chargeurNaissances, dossierSources({"insee-naissances-communes/DS_ETAT_CIVIL_NAIS_COMMUNES.zip": zip}));
    expect(await requete(cible, "SELECT niveau, code, naissances FROM naissance ORDER BY niveau")).toEqual([
      {niveau: "COM", code: "04070", naissances: 11}, {niveau: "EPCI", code: "200067437", naissances: 22}, {niveau: "FRANCE", code: "F", naissances: 33}
    ]);
    const b = await bilanSource(cible, "insee-naissances-communes/DS_ETAT_CIVIL_NAIS_COMMUNES.zip");
    expect(b).toMatchObject({lues: 4, chargees: 3, rejetees: 0, hors: 1});
    expect(b.note).toMatch(/1 lignes de niveau BV2022 \(bassins de vie 2022\)/);
  });

  it("sans fichier : l'écrit dans le journal et ne charge rien", async () => {
    const {cible, journal} = await construireAvec(chargeurNaissances, dossierSansLeFichier());
    expect(journal.join("\n")).toMatch(/fichier absent : insee-naissances-communes-2008-2024\/DS_ETAT_CIVIL_NAIS_COMMUNES\.zip/);
    expect(await requete(cible, "SELECT count(*)::INTEGER AS n FROM naissance")).toEqual([{n: 0}]);
  });

  it("refuse un mauvais séparateur en nommant le fichier et la ligne", async () => {
    const sources = dossierSources({[CSV]: [ENTETE.replaceAll(";", ","), l("04070", "COM", 2024, 1).replaceAll(";", ",")].join("\n")});
    await expect(construireAvec(chargeurNaissances, sources)).rejects.toThrow(`${CSV}, ligne 1 : séparateur « , » trouvé, « ; » attendu.`);
  });

  it("refuse une colonne manquante et un en-tête inconnu, en les nommant", async () => {
    const sansStatut = dossierSources({[CSV]: [`"EC_MEASURE";"FREQ";"GEO";"GEO_OBJECT";"TIME_PERIOD";"OBS_VALUE"`, `"LVB";"A";"04070";"COM";2024;1`].join("\n")});
    await expect(construireAvec(chargeurNaissances, sansStatut)).rejects.toThrow(`${CSV}, ligne 1 : colonne obligatoire absente : obs_status.`);
    const enTrop = dossierSources({[CSV]: [`${ENTETE};"OBS_QUAL"`, `${l("04070", "COM", 2024, 1)};"DEF"`].join("\n")});
    await expect(construireAvec(chargeurNaissances, enTrop)).rejects.toThrow(/DS_ETAT_CIVIL_NAIS_COMMUNES_data\.csv, ligne 1 : en-tête inconnu : « OBS_QUAL »/);
  });

  it("lit un fichier en Latin-1 et le dit", async () => {
    const {cible} = await construireAvec(chargeurNaissances, dossierSources({[CSV]: latin1(crlf(ENTETE, l("04070", "COM", 2024, 5), l("04é70", "COM", 2024, 6)))}));
    const b = await bilanSource(cible, CSV);
    expect(b).toMatchObject({lues: 2, chargees: 1, rejetees: 1, hors: 0});
    expect(b.note).toMatch(/^Encodage windows-1252\./);
    expect(await rejetsSource(cible, CSV)).toEqual([{ligne: 3, colonne: "GEO", valeur: "04é70", motif: expect.stringMatching(/^code commune inconnu du référentiel/)}]);
  });

  it("rejette ligne par ligne : cellule non numérique, commune inconnue, doublon, valeur absente sans statut M ; garde M sans valeur", async () => {
    const fichier = crlf(
      ENTETE,
      l("04070", "COM", 2024, 10), // 2: kept
      l("04112", "COM", 2024, "douze"), // 3: not a number
      l("99999", "COM", 2024, 4), // 4: unknown commune
      l("04070", "COM", 2024, 10), // 5: duplicate of line 2
      l("04112", "COM", 2023, ""), // 6: empty without status M
      l("97601", "COM", 2010, "", "M"), // 7: missing (M): kept as NULL
      l("97602", "COM", 2010, 3, "M"), // 8: M with a value
      l("751XX", "ARM", 2024, 2), // 9: "arrondissement non connu": kept
      l("75199", "ARM", 2024, 2) // 10: unknown arrondissement
    );
    const {cible} = await construireAvec(chargeurNaissances, dossierSources({[CSV]: fichier}));
    expect(await rejetsSource(cible, CSV)).toEqual([
      {ligne: 3, colonne: "OBS_VALUE", valeur: "douze", motif: "valeur non numérique"},
      {ligne: 4, colonne: "GEO", valeur: "99999", motif: expect.stringMatching(/^code commune inconnu du référentiel \(géographie 2026\)/)},
      {ligne: 5, colonne: "GEO_OBJECT + GEO + TIME_PERIOD", valeur: "COM | 04070 | 2024", motif: "ligne en double (même clé qu'une ligne précédente)"},
      {ligne: 6, colonne: "OBS_VALUE", valeur: null, motif: "nombre de naissances absent sans statut M (valeur manquante)"},
      {ligne: 8, colonne: "OBS_VALUE", valeur: "3", motif: "valeur fournie alors que le statut est M (valeur manquante)"},
      {ligne: 10, colonne: "GEO", valeur: "75199", motif: "code d'arrondissement municipal inconnu du référentiel (géographie 2026)"}
    ]);
    expect(await bilanSource(cible, CSV)).toMatchObject({lues: 9, chargees: 3, rejetees: 6, hors: 0});
    expect(await requete(cible, "SELECT niveau, code, annee, naissances, statut FROM naissance ORDER BY niveau, code")).toEqual([
      {niveau: "ARM", code: "751XX", annee: 2024, naissances: 2, statut: "A"},
      {niveau: "COM", code: "04070", annee: 2024, naissances: 10, statut: "A"},
      {niveau: "COM", code: "97601", annee: 2010, naissances: null, statut: "M"}
    ]);
  });

  it("rejette une ligne mal formée sans décaler les numéros de ligne suivants", async () => {
    const fichier = crlf(ENTETE, l("04070", "COM", 2024, 1), `"LVB";"A";"04112";"COM";"A";2024`, l("99999", "COM", 2024, 2), l("04112", "COM", 2024, 3));
    const {cible} = await construireAvec(chargeurNaissances, dossierSources({[CSV]: fichier}));
    const rejets = await rejetsSource(cible, CSV);
    expect(rejets.map((r) => [r.ligne, r.colonne, r.valeur])).toEqual([[3, "OBS_VALUE", null], [4, "GEO", "99999"]]);
    expect(rejets[0]!.motif).toMatch(/^ligne mal formée : /);
    expect(await bilanSource(cible, CSV)).toMatchObject({lues: 4, chargees: 2, rejetees: 2, hors: 0});
  });

  it("additionne les anciens codes d'une commune fusionnée dans la commune actuelle (recompose)", async () => {
    // 01039 Béon merged into 01138 Culoz-Béon (1 January 2025): a file of an older geography.
    const fichier = crlf(ENTETE, l("01138", "COM", 2020, 20), l("01039", "COM", 2020, 3), l("01138", "COM", 2021, 21), l("01039", "COM", 2021, "", "M"));
    const {cible} = await construireAvec(chargeurNaissances, dossierSources({[CSV]: fichier}));
    expect(await requete(cible, "SELECT code, annee, naissances, statut, recompose FROM naissance ORDER BY annee")).toEqual([
      {code: "01138", annee: 2020, naissances: 23, statut: "A", recompose: true},
      {code: "01138", annee: 2021, naissances: null, statut: "M", recompose: true}
    ]);
    expect(await bilanSource(cible, CSV)).toMatchObject({lues: 4, chargees: 4, rejetees: 0});
  });
});
