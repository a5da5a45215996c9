// Coverage of a territory and projections of its schéma pluriannuel: pure functions on real
// files (../shared/data) and the seeds, and the scenario read from / written to the URL.
import {beforeAll, describe, expect, it} from "vitest";
import {ouvrirEntrepot} from "../../entrepot/connexion.js";
import {lireSchemaPluriannuel} from "../../entrepot/lecture-schema.js";
import type {Faits} from "../../src/lib/diagnostic.js";
import type {Referentiel} from "../../src/lib/referentiel.js";
import {ficheTerritoire} from "../../src/lib/fiche.js";
import {departementDeReference, equivalents, resoudreTerritoire} from "../../src/lib/territoire.js";
import {facteurCommune} from "../../src/lib/estimation-moins3ans.js";
import {couvertureAnnee, couvertureTerritoire, pourquoiSansTaux, tauxPublies, tauxReference} from "../../src/lib/petite-enfance.js";
import {
  decrireScenario, lireParametres, PARAMETRES_DEFAUT, parametresUrl, preparerTerritoire, projeterTerritoire, tableauxSchema, type LigneSchema
} from "../../src/lib/projection-territoire.js";
import {avecDonneesReelles, donneesPetiteEnfance, entrepotEmbarque} from "../aides.js";
import {readFileSync} from "node:fs";
import {resolve} from "node:path";
import {DONNEES_REELLES} from "../setup-entrepot.js";
import {calculer} from "../../src/lib/diagnostic.js";
import {indicateur} from "../../src/lib/indicateurs.js";
import type {ErreursProjection} from "../../src/lib/validation-moins3ans.js";

describe("scénario : adresse de la page et options de la ligne de commande", () => {
  it("valeurs par défaut, puis lecture d'une adresse partagée", () => {
    expect(lireParametres(new URLSearchParams(""))).toEqual({parametres: PARAMETRES_DEFAUT, erreurs: []});
    const {parametres, erreurs} = lireParametres(new URLSearchParams("t=groupe:ctg-paa&scenario=variation&variation=-2,5&cible=62.5&repartition=eaje_psu:2,mam:1&hors=0"));
    expect(erreurs).toEqual([]);
    expect(parametres).toEqual({scenario: "variation", annees: 5, variation: -2.5, cible: 62.5, repartition: {eaje_psu: 2, mam: 1}, horsSchema: false});
  });

  it("écrire puis relire l'adresse redonne le même scénario, sans toucher au territoire", () => {
    const p = {scenario: "tendance" as const, annees: 7, variation: -1, cible: "departement" as const, repartition: {eaje_psu: 30, assistants_maternels: 70}, horsSchema: true};
    const url = parametresUrl(p, new URL("https://exemple.fr/projections?t=groupe%3Actg-paa"));
    expect(url.searchParams.get("t")).toBe("groupe:ctg-paa");
    expect(url.searchParams.get("scenario")).toBe("tendance");
    expect(url.searchParams.get("cible")).toBe("departement");
    expect(lireParametres(url.searchParams).parametres).toEqual(p);
  });

  it("refuse en français une valeur inconnue, et garde la valeur par défaut", () => {
    const r = lireParametres({scenario: "optimiste", annees: "1", cible: "region", repartition: "rpe:1"});
    expect(r.parametres).toEqual(PARAMETRES_DEFAUT);
    expect(r.erreurs).toEqual([
      "Scénario inconnu : « optimiste ». Attendu : tendance, stable, variation.",
      "Nombre d'années invalide : « 1 » (un entier de 2 à 15).",
      "Cible inconnue : « region ». Attendu : departement, france ou un nombre de places pour 100 enfants (de 0 à 150).",
      "Répartition invalide : « rpe:1 ». Attendu : mode:part séparés par des virgules, modes eaje_psu, micro_creche_paje, mam, assistants_maternels (ex. eaje_psu:50,assistants_maternels:50)."
    ]);
  });
});

describe("schéma pluriannuel saisi (CTG PAA 2026–2030, données embarquées)", () => {
  let lignes: LigneSchema[];
  beforeAll(async () => {
    const conn = await ouvrirEntrepot(entrepotEmbarque());
    lignes = await lireSchemaPluriannuel(conn);
    conn.closeSync();
  });

  it("un tableau par AO, les modes dans l'ordre du décret, tels qu'imprimés", () => {
    const t = tableauxSchema(lignes, ["groupe:ctg-paa"]);
    expect(t.map((x) => x.ao)).toEqual(["200067437", "04049", "04116", "04149"]);
    const paa = t[0]!;
    expect(paa.lignes.map((l) => l.mode)).toEqual(["eaje_psu", "micro_creche_paje", "mam", "assistants_maternels", "rpe", "passerelles"]);
    expect(paa.lignes[0]).toMatchObject({nbStructures: 8, actuel: 189, annees: {2026: 189, 2027: 200, 2030: 200}, besoinsEmplois: "3 ETP vacants. 2 ETP à créer"});
    expect(paa.lignes[3]).toMatchObject({nbStructures: 54, actuel: null, annees: {2026: 225}});
    expect(paa.lignes[4]).toMatchObject({unite: "etp", actuel: 1.7, annees: {2026: 1.7}});
    expect(paa.lignes[5]!.annees).toEqual({}); // passerelles: only the current count is printed
    expect(tableauxSchema(lignes, ["commune:04070"])).toEqual([]);
  });
});

describe.skipIf(!avecDonneesReelles())("couverture et projections sur les fichiers réels", () => {
  let ref: Referentiel;
  let faits: Faits;
  let lignes: LigneSchema[];
  let erreurs: ErreursProjection;
  beforeAll(async () => {
    ({ref, faits, lignes, erreurs} = await donneesPetiteEnfance(["04", "06"]));
  });
  // Digne-les-Bains' factor: the model plus its own deviation of 2022 (Cnaf children 247 / 62,8 × 100
  // against births 2020–2022, 118 + 142 + 117), fading by ρ a year.
  const fDigne = (brut: number, precedent: number, annee: number) => {
    const f = faits.calibration!["04070"]!;
    expect(f).toMatchObject({methode: "commune", annee: 2022});
    // At its own Cnaf year, the factor gives back its ratio (to the six digits the factors are kept to).
    expect(((247 / 62.8) * 100) / 377).toBeCloseTo(facteurCommune(f)(377, naissancesDigne(2017, 2019), 2022), 6);
    return facteurCommune(f)(brut, precedent, annee);
  };
  const naissancesDigne = (de: number, a: number) => {
    let s = 0;
    for (let k = de; k <= a; k++) s += faits.series.naissances!["04070"]![String(k)] as number;
    return s;
  };
  const territoire = (id: string) => {
    const t = resoudreTerritoire(ref, id);
    return {t, ids: [t.id, ...equivalents(ref, t)], departement: departementDeReference(ref, t)};
  };

  it("Digne-les-Bains 2022 : taux publié 62,8 et 247 places, jamais recalculés", () => {
    const {t, ids, departement} = territoire("commune:04070");
    const c = couvertureTerritoire(faits, t.communes, ids, departement);
    expect(c.derniere!.annee).toBe("2022");
    expect(c.derniere!.taux).toEqual({annee: "2022", valeur: 62.8, origine: "publie"});
    expect(c.derniere!.places).toBe(247);
    expect(c.derniere!.placesParMode).toEqual({eaje_psu: 102, eaje_hors_psu: 15, prescolarisation: 15, assistants_maternels: 112, garde_domicile: 3});
    // Published leaves, not recomputed: 26,0 + 3,8 + 3,8 + 28,5 + 0,8 = 62,9 ≠ 62,8.
    expect(c.derniere!.tauxParMode).toEqual({eaje_psu: 26, eaje_hors_psu: 3.8, prescolarisation: 3.8, assistants_maternels: 28.5, garde_domicile: 0.8});
    expect(c.derniere!.enfants).toBeCloseTo((247 / 62.8) * 100, 6);
    // Births 2022–2024 times Digne's own ratio of 2022 (Cnaf children / births 2020–2022).
    expect(c.enfants!.annee).toBe("2024");
    expect(c.enfants!.valeur).toBeCloseTo((117 + 126 + 119) * fDigne(362, naissancesDigne(2019, 2021), 2024), 9);
    expect(c.enfants!.valeur).toBeCloseTo(382.1, 2);
    expect(c.enfants!.methode).toContain("1 commune : le modèle et son propre rapport Cnaf / naissances");
    expect(c.annees.map((a) => a.taux?.valeur)).toEqual([67.2, 68.9, 72.5, 66.2, 65.4, 62.8]);
    expect(c.departement).toEqual([]); // no département figure in the loaded files
    // The 58,9 (2017) quoted by the Carros diagnostic is Carros' benchmark, not Digne's: no France rate is loaded.
    expect(c.france).toEqual([]);
  });

  it("un groupe de petites communes : pas de taux calculé, la page dit ce qui manque ; la saisie de 2025 est gardée", () => {
    const {t, ids, departement} = territoire("groupe:ctg-paa");
    const a = couvertureAnnee(faits, t.communes, ids, "2022");
    expect(a.taux).toBeNull();
    expect(a.places).toBeNull();
    expect(a.manquantesPlaces).toHaveLength(45);
    expect(pourquoiSansTaux(a, 46, (c) => c)).toMatch(/^Taux non calculable en 2022 : places non publiées par la Cnaf pour 45 communes sur 46, la Cnaf ne publiant/);
    const c = couvertureTerritoire(faits, t.communes, ids, departement);
    expect(c.derniere!.taux).toMatchObject({annee: "2025", valeur: 58, origine: "saisie"});
    // Digne by its own ratio, the 45 small communes by the model alone (their births, their change, the département).
    expect(faits.calibration!["04001"]).toMatchObject({methode: "modele", annee: 2022, ecart: 0});
    expect(c.enfants!.valeur).toBeCloseTo(1185.99, 2);
  });

  it("un groupe de communes toutes publiées : Σ places / Σ enfants de la Cnaf", () => {
    const a = couvertureAnnee(faits, ["04070", "04112"], [], "2022");
    if (a.manquantesPlaces.length) return; // Manosque not published this year: nothing to check
    const d = couvertureAnnee(faits, ["04070"], [], "2022");
    const m = couvertureAnnee(faits, ["04112"], [], "2022");
    expect(a.taux!.origine).toBe("calcule");
    expect(a.taux!.valeur).toBeCloseTo(((d.places! + m.places!) / (d.enfants! + m.enfants!)) * 100, 9);
  });

  it("diagnostic d'un groupe entièrement publié : Σ places / Σ enfants du fichier de la Cnaf, approché ; sinon les communes non publiées", () => {
    // Independently from the Cnaf files: children = places_offertes_ensemble / taux_de_couv_global × 100, per commune, 2022.
    const lire = (fichier: string, code: string, colonne: string) => {
      const [entete, ...lignes] = readFileSync(resolve(DONNEES_REELLES, "caf-txcouv-nbpla-commune-2017-2022", fichier), "utf8").replace(/^\uFEFF/, "").trim().split("\n");
      const cols = entete!.split(",");
      const l = lignes.map((x) => x.split(",")).find((x) => x[0] === "2022" && x[1] === code)!;
      return Number(l[cols.indexOf(colonne)]);
    };
    const groupe = ["06004", "06029", "06088"]; // Antibes, Cannes, Nice: three EPCI, no Cnaf row of their own
    const places = groupe.map((c) => lire("nbpla_pe_caf.csv", c, "places_offertes_ensemble"));
    const enfants = groupe.map((c, k) => (places[k]! / lire("tx_couverture.csv", c, "taux_de_couv_global")) * 100);
    const attendu = (places.reduce((s, x) => s + x) / enfants.reduce((s, x) => s + x)) * 100;
    const taux = indicateur("taux_couverture_global");
    const a = calculer(taux, faits, groupe, "2022", "groupe:test");
    expect(a).toMatchObject({statut: "approximatif", manquantes: [], retenues: 3});
    expect(a.valeur).toBeCloseTo(attendu, 9);
    // Not a mean of rates: (57,0 + 54,2 + 48,6) / 3 = 53,3.
    expect(a.valeur).not.toBeCloseTo((57 + 54.2 + 48.6) / 3, 1);
    // One unpublished commune (Aiglun, 04001): no rate, and it is named.
    expect(calculer(taux, faits, ["04070", "04001"], "2022", "groupe:test")).toMatchObject({valeur: null, manquantes: ["04001"]});
    // A commune the Cnaf publishes keeps its published rate.
    expect(calculer(taux, faits, ["04070"], "2022", "commune:04070")).toMatchObject({valeur: 62.8, statut: "complet"});
  });

  it("taux de référence : ceux que cite le diagnostic du Bassin de vie (2017) ne servent qu'à lui, et le disent", () => {
    const carros = territoire("groupe:ctg-bassin-carros");
    expect(tauxReference(faits, "departement:06", carros.ids)).toMatchObject({annee: "2017", valeur: 49.2, origine: "saisie", source: expect.stringContaining("cité par le diagnostic du territoire")});
    expect(tauxReference(faits, "france", carros.ids)).toMatchObject({annee: "2017", valeur: 58.9, origine: "saisie"});
    expect(couvertureTerritoire(faits, carros.t.communes, carros.ids, carros.departement).france.map((t) => t.valeur)).toEqual([58.9]);
    // Any other territory of the département: no borrowed benchmark.
    expect(tauxReference(faits, "departement:06", territoire("commune:06088").ids)).toBeNull();
    expect(tauxReference(faits, "france", territoire("groupe:ctg-paa").ids)).toBeNull();
    expect(tauxReference(faits, "departement:04")).toBeNull();
    expect(tauxPublies(faits, "commune:04070").at(-1)).toEqual({annee: "2022", valeur: 62.8, origine: "publie"});
  });

  it("projection de la CTG PAA : places prévues = sommes des tableaux, taux projeté, écart réparti", () => {
    const {t, ids, departement} = territoire("groupe:ctg-paa");
    const aos = ficheTerritoire(ref, t).autoritesOrganisatrices.lignes;
    const {tableaux, prep} = preparerTerritoire({faits, territoire: t, equivalents: ids.slice(1), departement, aos, lignesSchema: lignes, erreurs});
    expect(tableaux).toHaveLength(4);
    expect(prep.zones.map((z) => z.code)).toEqual(["ensemble", "200067437", "04049", "04116", "04149"]);
    const r = projeterTerritoire(prep, {...PARAMETRES_DEFAUT, scenario: "stable", cible: 60, horsSchema: false});
    const ensemble = r.zones[0]!;
    expect(ensemble.annees.map((a) => a.placesSchema)).toEqual([608, 619, 619, 619, 619]);
    expect(r.zones.find((z) => z.code === "04116")!.annees.map((a) => a.placesSchema)).toEqual([47, 47, 47, 47, 47]);
    // Stable births at the 2024 level (367): 1 101 births N−2..N from 2026 on, each commune on its share of 2022–2024,
    // its factor following the births' change against N−5..N−3 (which still moves until 2029).
    expect(ensemble.annees.map((a) => Math.round(a.enfantsMoins3Ans!))).toEqual([1197, 1174, 1168, 1171, 1171]);
    const enfants = ensemble.annees[0]!.enfantsMoins3Ans!;
    expect(ensemble.annees[0]!.tauxCouverture).toBeCloseTo((608 / enfants) * 100, 9);
    expect(ensemble.annees[0]!.ecart).toBe(Math.ceil(0.6 * enfants - 608));
    expect(ensemble.annees[0]!.ecart).toBe(111);
    // Its band: widens every year, and contains the estimate.
    const largeurs = ensemble.annees.map((a) => a.enfantsHaut! - a.enfantsBas!);
    for (let k = 1; k < largeurs.length; k++) expect(largeurs[k]!).toBeGreaterThan(largeurs[k - 1]!);
    for (const a of ensemble.annees) expect(a.enfantsBas! < a.enfantsMoins3Ans! && a.enfantsMoins3Ans! < a.enfantsHaut!).toBe(true);
    const parMode = ensemble.annees[0]!.ecartParMode!;
    expect(parMode.eaje_psu! + parMode.assistants_maternels!).toBe(ensemble.annees[0]!.ecart);
    // The département's rate (04) is not in the loaded files: no target, said in French.
    const sansCible = projeterTerritoire(prep, {...PARAMETRES_DEFAUT, cible: "departement"});
    expect(sansCible.cible).toBeNull();
    expect(sansCible.cibleManquante).toBe("Taux de couverture du département non disponible dans les données chargées : choisissez une autre cible.");
    expect(sansCible.zones[0]!.annees[0]!.ecart).toBeNull();
    expect(decrireScenario(r)).toContain("Cible : 60 places pour 100 enfants (taux choisi)");
  });

  it("un territoire sans schéma saisi : enfants projetés et places nécessaires, sans taux projeté", () => {
    const {t, ids, departement} = territoire("commune:04070");
    const aos = ficheTerritoire(ref, t).autoritesOrganisatrices.lignes;
    const {prep} = preparerTerritoire({faits, territoire: t, equivalents: ids.slice(1), departement, aos, lignesSchema: lignes});
    const r = projeterTerritoire(prep, {...PARAMETRES_DEFAUT, scenario: "stable", cible: 60});
    const a = r.zones[0]!.annees[0]!;
    expect(a).toMatchObject({placesSchema: null, tauxCouverture: null, ecart: null});
    // 2026, stable births: 3 × 119, against 2021–2023 (142 + 117 + 126), four years after Digne's last Cnaf year.
    expect(a.enfantsMoins3Ans).toBeCloseTo(3 * 119 * fDigne(357, 385, 2026), 9);
    expect(a.placesCibles).toBeCloseTo(0.6 * a.enfantsMoins3Ans!, 9);
  });
});
