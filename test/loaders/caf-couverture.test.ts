// Cnaf coverage loader: alias tables (one test per spelling), the Opendatasoft pager,
// an end-to-end refresh + load against FICTITIOUS fixtures served on 127.0.0.1, and
// golden figures from the real 2017–2022 communal files.
import {copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {resoudreEntetes} from "../../loaders/lib/csv.js";
import {chargeurCouverture, colonnesCaf, ignoresCaf, rafraichirCouverture, type MesureCaf, type NiveauCaf} from "../../loaders/caf-couverture.js";
import {enregistrementsVersCsv, lireRecords} from "../../loaders/lib/opendatasoft.js";
import {enfantsImplicites} from "../../src/lib/couverture.js";
import {avecDonneesReelles, entrepotComplet, requete} from "../aides.js";
import {construireAvec} from "./aides-sources.js";
import {demarrerServeurOds, type ServeurOds} from "./serveur-opendatasoft.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures/caf");
const MODES = ["eaje_psu", "eaje_hors_psu", "eaje", "prescolarisation", "assistants_maternels", "garde_domicile", "individuel", "ensemble"];

const resoudre = (mesure: MesureCaf, niveau: NiveauCaf, entetes: string[], anneeColonne = true) =>
  resoudreEntetes("essai.csv", entetes, colonnesCaf(mesure, niveau, {anneeColonne}), ignoresCaf(niveau));

describe("tables d'alias : chaque variante d'en-têtes est reconnue", () => {
  it("taux par commune, noms officiels (txcouv_pe_com)", () => {
    const t = resoudre("taux", "com", ["numcom", "nomcom", "numepci", "nomepci", "numdep", "nomdep", "annee", "txcouv_psu_col_com", "txcouv_hors_psu_col_com",
      "txcouv_eaje_com", "txcouv_prescol_com", "txcouv_am_ind_com", "txcouv_gad_ind_com", "txcouv_ind_com", "txcouv_com"]);
    expect(Object.keys(t).sort()).toEqual(["annee", "code", "libelle", ...MODES].sort());
    expect(t.ensemble).toBe("txcouv_com");
    expect(t.code).toBe("numcom");
  });
  it("places par EPCI : le suffixe suit le niveau (nbpla_pe_epci)", () => {
    const t = resoudre("places", "epci", ["annee", "numepci", "nomepci", "numdep", "nomdep", "pl_psu_col_epci", "pl_hors_psu_col_epci", "pl_eaje_epci",
      "pl_prescol_epci", "pl_am_ind_epci", "pl_gad_ind_epci", "pl_ind_epci", "tot_offre_epci"]);
    expect(t).toMatchObject({code: "numepci", eaje_psu: "pl_psu_col_epci", ensemble: "tot_offre_epci"});
  });
  it("département et région : codes numdep / numregi", () => {
    expect(resoudre("taux", "dep", ["numdep", "nomdep", "numregi", "nomregi", "annee", "txcouv_dep"]).code).toBe("numdep");
    expect(resoudre("places", "reg", ["numregi", "nomregi", "annee", "tot_offre_reg"]).code).toBe("numregi");
  });
  it("anciens noms nationaux (txcouv_psu_nat, txcouv_am_nat, txcouv_gad_nat), sans colonne de code", () => {
    const t = resoudre("taux", "nat", ["annee", "national", "txcouv_psu_nat", "txcouv_am_nat", "txcouv_gad_nat", "txcouv_nat"]);
    expect(t).toEqual({annee: "annee", libelle: "national", eaje_psu: "txcouv_psu_nat", assistants_maternels: "txcouv_am_nat", garde_domicile: "txcouv_gad_nat", ensemble: "txcouv_nat"});
  });
  it("anciens fichiers communaux (NUM_COM, tauxcouv_com), l'année venant du nom du fichier", () => {
    const t = resoudre("taux", "com", ["NUM_COM", "NOM_COM", "NUM_EPCI", "NOM_EPCI", "NUMZEMPL", "NOMZEMPL", "tauxcouv_com"], false);
    expect(t).toEqual({code: "NUM_COM", libelle: "NOM_COM", ensemble: "tauxcouv_com"});
  });
  it("copie tierce aux en-têtes renommés (taux et places)", () => {
    const taux = resoudre("taux", "com", ["date_reference", "numero_commune", "nom_commune", "numero_epci", "nom_epci", "numero_departement", "nom_departement",
      "taux_de_couv_eaje_psu", "taux_de_couv_hors_eaje_psu", "taux_de_couv_eaje_ensemble", "taux_de_couv_prescolarisation", "taux_de_couv_assistante_maternelle",
      "taux_de_couv_salariee_a_domicile", "taux_de_couv_accueil_individuel_ensemble", "taux_de_couv_global"]);
    expect(taux).toMatchObject({annee: "date_reference", code: "numero_commune", ensemble: "taux_de_couv_global", individuel: "taux_de_couv_accueil_individuel_ensemble"});
    const places = resoudre("places", "com", ["date_reference", "num_commune", "nom_commune", "numero_EPCI", "nom_EPCI", "numero_departement", "nom_departement",
      "places_EAJE_PSU", "places_hors_EAJE_PSU", "places_EAJE_ensemble", "places_prescolarisation", "places_assistante_maternelle", "places_salariee_domicile",
      "places_accueil_individuel_ensemble", "places_offertes_ensemble"]);
    expect(Object.keys(places)).toHaveLength(11);
    expect(places).toMatchObject({code: "num_commune", ensemble: "places_offertes_ensemble"});
  });
  it("libellés français d'un export use_labels", () => {
    const t = resoudre("taux", "com", ["Année", "Numéro de commune", "Nom de la commune", "Taux de couverture EAJE PSU", "Taux de couverture global"]);
    expect(t).toMatchObject({annee: "Année", code: "Numéro de commune", eaje_psu: "Taux de couverture EAJE PSU", ensemble: "Taux de couverture global"});
  });
  it("refuse un en-tête inconnu en le nommant, et un fichier sans taux global", () => {
    expect(() => resoudre("taux", "com", ["numcom", "annee", "txcouv_com", "txcouv_creche_com"])).toThrow(/en-tête inconnu : « txcouv_creche_com »/);
    expect(() => resoudre("taux", "com", ["numcom", "annee", "txcouv_psu_col_com"])).toThrow(/colonne obligatoire absente : ensemble/);
  });
});

describe("pagination de l'API records d'Opendatasoft", () => {
  const faux = (pages: unknown[]) => {
    let i = 0;
    return (async () => new Response(JSON.stringify(pages[i++]), {status: 200})) as unknown as typeof fetch;
  };
  it("enchaîne les pages jusqu'au total annoncé", async () => {
    const r = await lireRecords("http://x/records", {parPage: 2, fetch: faux([{total_count: 3, results: [{a: 1}, {a: 2}]}, {total_count: 3, results: [{a: 3}]}])});
    expect(r).toEqual({enregistrements: [{a: 1}, {a: 2}, {a: 3}], pages: 2, total: 3});
  });
  it("refuse un jeu qui change en cours de lecture, un total trop grand pour l'API, une réponse inattendue", async () => {
    await expect(lireRecords("http://x/records", {parPage: 1, fetch: faux([{total_count: 2, results: [{a: 1}]}, {total_count: 3, results: [{a: 2}]}])})).rejects.toThrow(/a changé pendant la lecture/);
    await expect(lireRecords("http://x/records", {fetch: faux([{total_count: 20_000, results: []}])})).rejects.toThrow(/utilisez l'export CSV/);
    await expect(lireRecords("http://x/records", {fetch: faux([{records: []}])})).rejects.toThrow(/réponse inattendue/);
    await expect(lireRecords("http://x/records", {parPage: 2, fetch: faux([{total_count: 3, results: [{a: 1}, {a: 2}]}, {total_count: 3, results: []}])})).rejects.toThrow(/2 enregistrements reçus, 3 annoncés/);
  });
  it("écrit les enregistrements comme l'export CSV (;) : champs dans l'ordre, vides pour null, guillemets si besoin", () => {
    expect(enregistrementsVersCsv([{numdep: "04", txcouv_dep: 62.1}, {numdep: "2A", txcouv_dep: null, nomdep: "A;B"}])).toBe("numdep;txcouv_dep;nomdep\n04;62.1;\n2A;;\"A;B\"\n");
  });
});

describe("rafraîchissement et chargement de bout en bout (fixtures FICTIVES sur 127.0.0.1)", () => {
  let serveur: ServeurOds;
  let cible: string;
  let sources: string;
  const journal: string[] = [];
  beforeAll(async () => {
    serveur = await demarrerServeurOds(FIXTURES);
    sources = mkdtempSync(join(tmpdir(), "ctg-caf-"));
    const log = (m: string) => journal.push(m);
    await rafraichirCouverture(sources, {base: serveur.base, via: "export", log});
    await rafraichirCouverture(sources, {base: serveur.base, via: "records", log, parPage: 2});
    mkdirSync(join(sources, "caf-couverture"), {recursive: true});
    copyFileSync(join(FIXTURES, "FIXTURE_TAUXCOUV2021.csv"), join(sources, "caf-couverture", "TAUXCOUV2021.csv"));
    // Current communal file, written here: it supersedes the older file for 04070 in 2021,
    // and carries one bad row of each kind.
    writeFileSync(join(sources, "caf-couverture", "txcouv_pe_com.csv"), [
      "annee;numcom;nomcom;txcouv_com",
      "2021;04070;COMMUNE FICTIVE A;11.1",
      "2021;04112;COMMUNE FICTIVE B;-1",
      "2021;4070;COMMUNE FICTIVE A;22.2",
      "21;04070;COMMUNE FICTIVE A;33.3",
      "2021;04070;COMMUNE FICTIVE A;44.4",
      ""
    ].join("\n"));
    ({cible} = await construireAvec(chargeurCouverture, sources));
  });
  afterAll(async () => {
    await serveur?.fermer();
    if (sources) rmSync(sources, {recursive: true, force: true});
  });

  const ligne = async (niveau: string, code: string, annee: number, mode = "ensemble") =>
    (await requete(cible, `SELECT taux, places, libelle, statut, source_taux, source_places FROM caf_couverture WHERE niveau = '${niveau}' AND code = '${code}' AND annee = ${annee} AND mode = '${mode}'`))[0];

  it("télécharge les exports CSV et pagine l'API records", () => {
    expect(journal.filter((m) => m.includes("téléchargé :"))).toHaveLength(6);
    expect(serveur.requetes.filter((r) => r.startsWith("/api/explore/v2.1/catalog/datasets/txcouv_pe_dep/records"))).toEqual(
      [0, 2, 4].map((o) => `/api/explore/v2.1/catalog/datasets/txcouv_pe_dep/records?limit=2&offset=${o}`)
    );
    expect(journal.some((m) => /non téléchargé .*nbpla_pe_com\/exports\/csv/.test(m))).toBe(true);
  });
  it("EPCI (export CSV) : valeurs publiées, cellule masquée laissée vide, virgule décimale", async () => {
    expect(await ligne("epci", "200067437", 2023)).toMatchObject({taux: 62.1, places: 621, libelle: "EPCI FICTIF A", statut: "territoire",
      source_taux: "caf-couverture/txcouv_pe_epci.csv", source_places: "caf-couverture/nbpla_pe_epci.csv"});
    expect(await ligne("epci", "200067437", 2022)).toMatchObject({taux: 61, places: null});
    expect(await ligne("epci", "240400440", 2023, "eaje_hors_psu")).toMatchObject({taux: null, places: null});
    expect((await ligne("epci", "240400440", 2023, "eaje_psu"))!.taux).toBe(22.2);
  });
  it("garde les lignes XX / XXX, marquées sans territoire, jamais rattachées à un territoire", async () => {
    expect(await ligne("epci", "XX", 2023)).toMatchObject({taux: 195.6, places: 1956, statut: "sans_territoire"});
    expect(await ligne("dep", "XXX", 2023)).toMatchObject({places: 15, statut: "sans_territoire"});
    const [n] = await requete<{n: number}>(cible, "SELECT count(*)::INTEGER AS n FROM caf_couverture WHERE statut = 'territoire' AND regexp_matches(code, '^X+$')");
    expect(n!.n).toBe(0);
  });
  it("France (annee publiée comme une date, anciens noms de colonnes)", async () => {
    expect(await ligne("nat", "FR", 2023)).toMatchObject({taux: 48.8, libelle: "FRANCE FICTIVE", statut: "territoire"});
    expect((await ligne("nat", "FR", 2023, "eaje_psu"))!.taux).toBe(11.1);
    expect((await ligne("nat", "FR", 2022, "assistants_maternels"))!.taux).toBe(30.3);
  });
  it("départements et régions (API records paginée)", async () => {
    expect(await ligne("dep", "2A", 2023)).toMatchObject({taux: 71, places: 333 + 11 + 22 + 344, statut: "territoire", source_taux: "caf-couverture/txcouv_pe_dep.csv"});
    expect((await ligne("dep", "2A", 2023, "garde_domicile"))!.taux).toBeNull();
    expect(await ligne("reg", "93", 2023)).toMatchObject({taux: 62.1, statut: "territoire"});
    const [n] = await requete<{n: number}>(cible, "SELECT count(DISTINCT (code, annee))::INTEGER AS n FROM caf_couverture WHERE niveau = 'dep' AND taux IS NOT NULL");
    expect(n!.n).toBe(6);
  });
  it("ancien fichier communal : l'année vient du nom ; le fichier courant a priorité", async () => {
    expect(await ligne("com", "04112", 2021)).toMatchObject({taux: 11.1, source_taux: "caf-couverture/TAUXCOUV2021.csv"});
    expect(await ligne("com", "04070", 2021)).toMatchObject({taux: 11.1, source_taux: "caf-couverture/txcouv_pe_com.csv"});
    const modes = await requete(cible, "SELECT DISTINCT mode FROM caf_couverture WHERE source_taux LIKE '%TAUXCOUV2021.csv'");
    expect(modes).toEqual([{mode: "ensemble"}]);
    const [s] = await requete<{note: string}>(cible, "SELECT note FROM source WHERE id = 'caf-couverture/TAUXCOUV2021.csv'");
    expect(s!.note).toMatch(/1 lignes \(code × année\) déjà fournies par une source prioritaire/);
  });
  it("rejette chaque ligne fautive en nommant fichier, ligne, colonne et motif", async () => {
    const rejets = await requete(cible, "SELECT fichier, ligne, colonne, valeur, motif FROM rejet WHERE source_id = 'caf-couverture/txcouv_pe_com.csv' ORDER BY ligne");
    expect(rejets).toEqual([
      {fichier: "caf-couverture/txcouv_pe_com.csv", ligne: 3, colonne: "txcouv_com", valeur: "-1", motif: "valeur invraisemblable : hors de la plage plausible [0 ; 250]"},
      {fichier: "caf-couverture/txcouv_pe_com.csv", ligne: 4, colonne: "numcom", valeur: "4070", motif: "code commune INSEE sur 5 caractères attendu : zéro initial perdu (fichier ouvert dans un tableur ?)"},
      {fichier: "caf-couverture/txcouv_pe_com.csv", ligne: 5, colonne: "annee", valeur: "21", motif: "année illisible (attendu : 2022 ou 2022-01-01)"},
      {fichier: "caf-couverture/txcouv_pe_com.csv", ligne: 6, colonne: "numcom + annee", valeur: "04070 | 2021", motif: "ligne en double (même clé qu'une ligne précédente)"}
    ]);
  });
  it("consigne chaque fichier comme source, avec l'URL officielle de l'export", async () => {
    const s = await requete<{id: string; url: string; note: string}>(cible, "SELECT id, url, note FROM source WHERE id LIKE 'caf-couverture/%' ORDER BY id");
    expect(s.map((x) => x.id)).toEqual(["TAUXCOUV2021", "nbpla_pe_dep", "nbpla_pe_epci", "txcouv_pe_com", "txcouv_pe_dep", "txcouv_pe_epci", "txcouv_pe_nat", "txcouv_pe_reg"].map((id) => `caf-couverture/${id}.csv`));
    expect(s.find((x) => x.id === "caf-couverture/txcouv_pe_epci.csv")!.url).toBe("https://data.caf.fr/api/explore/v2.1/catalog/datasets/txcouv_pe_epci/exports/csv?delimiter=%3B");
    expect(s.find((x) => x.id === "caf-couverture/txcouv_pe_epci.csv")!.note).toMatch(/1 lignes de regroupement XX\/XXX conservées/);
  });
});

describe("liste des téléchargements officiels", () => {
  it("un export CSV data.caf.fr par jeu et par niveau", () => {
    const t = chargeurCouverture.telechargements!;
    expect(t).toContainEqual({url: "https://data.caf.fr/api/explore/v2.1/catalog/datasets/txcouv_pe_com/exports/csv?delimiter=%3B", fichier: "caf-couverture/txcouv_pe_com.csv"});
    expect(t).toContainEqual({url: "https://data.caf.fr/api/explore/v2.1/catalog/datasets/nbpla_pe_epci/exports/csv?delimiter=%3B", fichier: "caf-couverture/nbpla_pe_epci.csv"});
    expect(t.map((x) => x.fichier.replace(/^caf-couverture\/|\.csv$/g, "")).filter((id) => !id.endsWith("_hist")).sort()).toEqual(
      ["com", "dep", "epci", "nat", "reg"].flatMap((n) => [`nbpla_pe_${n}`, `txcouv_pe_${n}`]).sort()
    );
  });
});

describe.skipIf(!avecDonneesReelles())("fichiers réels Cnaf 2017–2022 (../shared/data)", () => {
  const q = <T = Record<string, unknown>>(sql: string) => requete<T>(entrepotComplet(), sql);
  it("Digne-les-Bains 2022 : taux global 62,8 ; 247 places (117 EAJE, 15 préscolarisation, 115 accueil individuel)", async () => {
    const r = await q<{mode: string; taux: number; places: number}>("SELECT mode, taux, places FROM caf_couverture WHERE niveau = 'com' AND code = '04070' AND annee = 2022 ORDER BY mode");
    const par = Object.fromEntries(r.map((x) => [x.mode, x]));
    expect(par.ensemble).toEqual({mode: "ensemble", taux: 62.8, places: 247});
    expect(par.eaje!.places).toBe(117);
    expect(par.prescolarisation!.places).toBe(15);
    expect(par.individuel!.places).toBe(115);
    expect(enfantsImplicites(247, 62.8)).toBeCloseTo(393.3, 1);
  });
  it("garde toutes les lignes de chaque année (taux 1043/1047/1052/1051/1045/1045 ; places 1034/1036/1052/1041/1035/1035)", async () => {
    const r = await q<{annee: number; taux: number; places: number}>(`SELECT annee, count(*) FILTER (WHERE source_taux IS NOT NULL)::INTEGER AS taux,
      count(*) FILTER (WHERE source_places IS NOT NULL)::INTEGER AS places FROM caf_couverture WHERE niveau = 'com' AND mode = 'ensemble' GROUP BY annee ORDER BY annee`);
    expect(r).toEqual([
      {annee: 2017, taux: 1043, places: 1034}, {annee: 2018, taux: 1047, places: 1036}, {annee: 2019, taux: 1052, places: 1052},
      {annee: 2020, taux: 1051, places: 1041}, {annee: 2021, taux: 1045, places: 1035}, {annee: 2022, taux: 1045, places: 1035}
    ]);
    const [rejets] = await q<{n: number}>("SELECT count(*)::INTEGER AS n FROM rejet WHERE source_id LIKE 'caf-txcouv%'");
    expect(rejets!.n).toBe(0);
  });
  it("ne recalcule ni le taux global ni le total des places (arrondis publiés)", async () => {
    const [revonnas] = await q<{taux: number}>("SELECT taux FROM caf_couverture WHERE code = '01321' AND annee = 2018 AND mode = 'ensemble'");
    const [parts] = await q<{s: number}>("SELECT sum(taux) AS s FROM caf_couverture WHERE code = '01321' AND annee = 2018 AND mode IN ('eaje', 'prescolarisation', 'individuel')");
    expect(Math.abs(revonnas!.taux - parts!.s)).toBeCloseTo(4.8, 6);
    const [ecarts] = await q<{n: number}>(`SELECT count(*)::INTEGER AS n FROM (
      SELECT code, annee, sum(places) FILTER (WHERE mode IN ('eaje', 'prescolarisation', 'individuel')) AS s, any_value(places) FILTER (WHERE mode = 'ensemble') AS t
      FROM caf_couverture WHERE niveau = 'com' GROUP BY code, annee) WHERE s <> t`);
    expect(ecarts!.n).toBe(1416);
  });
  it("distingue arrondissements PLM et anciens codes des communes du référentiel", async () => {
    const r = await q<{statut: string; n: number}>("SELECT statut, count(DISTINCT code)::INTEGER AS n FROM caf_couverture GROUP BY statut ORDER BY statut");
    expect(r).toEqual([{statut: "ancien_code", n: 3}, {statut: "arrondissement", n: 45}, {statut: "territoire", n: 1013}]);
    const [digne] = await q<{n: number}>("SELECT count(DISTINCT code)::INTEGER AS n FROM caf_couverture WHERE code LIKE '04%'");
    expect(digne!.n).toBe(2);
  });
});
