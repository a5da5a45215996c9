// A territory over a period: known inputs, warnings, and the golden figures of PAA's births
// read straight from INSEE's file (not from our warehouse).
import {existsSync} from "node:fs";
import {resolve} from "node:path";
import {readFileSync} from "node:fs";
import {unzipSync, strFromU8} from "fflate";
import {beforeAll, describe, expect, it} from "vitest";
import type {ContexteDiagnostic, Faits} from "../../src/lib/diagnostic.js";
import {indicateur} from "../../src/lib/indicateurs.js";
import {lireDonneesDiagnostic, type DonneesDiagnostic} from "../../entrepot/diagnostic.js";
import {ouvrirEntrepot} from "../../entrepot/connexion.js";
import {departementDeReference, equivalents, resoudreTerritoire} from "../../src/lib/territoire.js";
import {bilans, comparerPeriode, derniereAnneeConnue, lignePeriode, lirePeriode, periodeParDefaut} from "../../src/lib/periode.js";
import {avecDonneesReelles, entrepotComplet, simple} from "../aides.js";
import {DONNEES_REELLES} from "../setup-entrepot.js";

describe("période", () => {
  it("lit AAAA-AAAA et refuse le reste en français", () => {
    expect(lirePeriode("2021-2024")).toEqual({debut: 2021, fin: 2024});
    expect(lirePeriode("2021–2024")).toEqual({debut: 2021, fin: 2024});
    expect(() => lirePeriode("2024-2021")).toThrow("Période invalide : « 2024-2021 » : l'année de début doit précéder l'année de fin.");
    expect(() => lirePeriode("2021")).toThrow(/Attendu : AAAA-AAAA/);
  });

  it("par défaut : la dernière convention terminée, sinon les quatre dernières années connues", () => {
    expect(periodeParDefaut([{debut: 2021, fin: 2024}], 2024)).toEqual({debut: 2021, fin: 2024, origine: "convention précédente (2021–2024)"});
    expect(periodeParDefaut([{debut: 2017, fin: 2020}, {debut: 2021, fin: 2024}, {debut: 2025, fin: 2028}], 2024).debut).toBe(2021);
    expect(periodeParDefaut([{debut: 2026, fin: 2030}], 2024)).toEqual({debut: 2021, fin: 2024, origine: "4 dernières années connues"});
  });
});

const faits: Faits = {
  series: {
    naissances: {A: {"2020": 10, "2021": 12, "2024": 9}, B: {"2021": 8, "2024": 6}},
    pop_mun: {A: {"2020": 1000, "2023": 1100}, B: {"2020": 500, "2023": 500}},
    caf_a: {A: {"2019": 300, "2022": [310, "a"]}, B: {"2019": null, "2022": [150, "a"]}},
    caf_places_ensemble: {A: {"2021": 10, "2022": 12}, B: {"2021": null, "2022": null}}
  },
  publies: {},
  saisies: {naissances: {"groupe:g": {"2025": {valeur: 20, source: "Caf, extraction 2025"}}}}
};
const ctx: ContexteDiagnostic = {id: "groupe:g", communes: ["A", "B"], departement: null, faits, comparaisons: {}};

describe("comparaison d'un territoire avec lui-même sur une période", () => {
  it("début et fin, écart et évolution, lecture ; années demandées : aucun avertissement", () => {
    const l = lignePeriode(indicateur("naissances"), ctx, {debut: 2021, fin: 2024});
    expect([l.debut?.annee, l.debut?.valeur, l.fin?.annee, l.fin?.valeur, l.ecart]).toEqual(["2021", 20, "2024", 15, -5]);
    expect(l.evolution).toBe(-25);
    expect(simple(l.lecture)).toBe("En baisse de 5 (−25,0 %), de 20 en 2021 à 15 en 2024.");
    expect(l.avertissements).toEqual([]);
  });

  it("un taux s'exprime en points, chaque extrémité avec son propre dénominateur (population du dernier millésime connu)", () => {
    const l = lignePeriode(indicateur("natalite"), ctx, {debut: 2021, fin: 2024});
    // 2021: 20 / 1 500 (millésime 2020) ; 2024: 15 / 1 600 (millésime 2023)
    expect(l.debut!.valeur).toBeCloseTo((20 / 1500) * 1000, 10);
    expect(l.ecart).toBeCloseTo((15 / 1600 - 20 / 1500) * 1000, 10);
    expect(simple(l.lecture)).toBe("En baisse de 4,0 points pour 1 000, de 13,3 ‰ en 2021 à 9,4 ‰ en 2024.");
  });

  it("avertit quand les deux extrémités diffèrent : millésimes, source (saisie / fichiers publiés, arrondis), périmètre", () => {
    const pop = lignePeriode(indicateur("population_municipale"), ctx, {debut: 2021, fin: 2024});
    expect([pop.debut?.annee, pop.fin?.annee]).toEqual(["2020", "2023"]); // a figure of the year before still describes the start
    expect(pop.avertissements).toEqual(["Millésimes : 2020 et 2023 au lieu de 2021 et 2024 (années disponibles les plus proches)."]);
    // An entry and published files are two series: no change read between them (issue 11), said instead.
    const saisie = lignePeriode(indicateur("naissances"), ctx, {debut: 2021, fin: 2025});
    expect([saisie.debut?.annee, saisie.debut?.source, saisie.fin, saisie.ecart]).toEqual(["2025", "Caf, extraction 2025", null, null]);
    expect(simple(saisie.lecture)).toBe("Pas d'évolution calculable : 2024 (fichiers publiés, territoire entier) et 2025 (saisie des analystes, territoire entier) sont deux séries distinctes, jamais comparées (années disponibles : 2020–2025).");
    // 2019 on commune A alone (exact IRIS sums), 2022 on both (rounded communal file): two series, no change either.
    const alloc = lignePeriode(indicateur("allocataires"), ctx, {debut: 2020, fin: 2022});
    expect([alloc.debut?.annee, alloc.debut?.valeur, alloc.fin, alloc.ecart]).toEqual(["2022", 460, null, null]);
    expect(simple(alloc.lecture)).toMatch(/^Pas d'évolution calculable : 2019 \(fichiers publiés, 1 commune sur 2 \(68,8 % de la population\)\) et 2022 \(fichiers publiés, valeurs arrondies, territoire entier\)/);
    const places = lignePeriode(indicateur("places_accueil_formel"), ctx, {debut: 2021, fin: 2022});
    expect(places.avertissements).toEqual(["Périmètre partiel : 1 commune sur 2 avec une donnée aux deux dates : l'évolution ne porte que sur elle."]);
  });

  it("sans valeur aux deux extrémités : pas d'évolution, et les années disponibles sont dites", () => {
    const l = lignePeriode(indicateur("allocataires"), ctx, {debut: 2024, fin: 2025});
    expect([l.debut, l.fin, l.ecart]).toEqual([null, null, null]);
    expect(l.lecture).toBe("Aucune valeur pour la période 2024–2025 dans les données chargées (années disponibles : 2019–2022).");
    expect(lignePeriode(indicateur("allocataires"), ctx, {debut: 2022, fin: 2024}).lecture).toBe("Une seule année connue autour de la période 2022–2024 (2022) : pas d'évolution calculable (années disponibles : 2019–2022).");
  });

  it("tableaux de bilan : de la première à la dernière année connue, une colonne par année", () => {
    const [pop] = bilans(ctx);
    expect(pop!.titre).toBe("Population et naissances");
    expect(pop!.annees).toEqual(["2020", "2021", "2022", "2023", "2024", "2025"]);
    // One row per series: 2020 on commune A alone (1 100 of 1 600 inhabitants, millésime 2023) (B unknown, never 0), 2021 and 2024 on both, 2025 the analysts' entry.
    const naissances = pop!.lignes.filter((l) => l.id === "naissances");
    expect(naissances.map((l) => l.valeurs)).toEqual([[10, null, null, null, null, null], [null, 20, null, null, 15, null], [null, null, null, null, null, 20]]);
    expect(naissances.map((l) => simple(l.serie!))).toEqual(["Fichiers publiés, 1 commune sur 2 (68,8 % de la population)", "Fichiers publiés, territoire entier", "Saisie des analystes, territoire entier"]);
    expect(naissances[0]!.statuts[0]).toBe("incomplet");
    expect(naissances.map((l) => l.saisies[5])).toEqual([false, false, true]);
    expect(pop!.lignes.find((l) => l.id === "population_municipale")!.valeurs).toEqual([1500, null, null, 1600, null, null]);
    expect(pop!.lignes.find((l) => l.id === "population_municipale")!.serie).toBeNull();
  });
});

// ─── Golden test on the real files ───

/** PAA's births as INSEE publishes them for the EPCI (DS_ETAT_CIVIL_NAIS_COMMUNES, GEO_OBJECT = EPCI). */
function naissancesInsee(epci: string): Map<string, number> {
  const zip = resolve(DONNEES_REELLES, "insee-naissances-communes-2008-2024/DS_ETAT_CIVIL_NAIS_COMMUNES.zip");
  const membres = unzipSync(readFileSync(zip), {filter: (f) => f.name.endsWith("_data.csv")});
  const csv = strFromU8(Object.values(membres)[0]!);
  const lignes = csv.split(/\r?\n/);
  const entete = lignes[0]!.split(";").map((c) => c.replace(/"/g, ""));
  const col = (n: string) => entete.indexOf(n);
  const out = new Map<string, number>();
  for (const l of lignes) {
    if (!l.includes(epci)) continue;
    const c = l.split(";").map((x) => x.replace(/"/g, ""));
    if (c[col("GEO_OBJECT")] === "EPCI" && c[col("GEO")] === epci) out.set(c[col("TIME_PERIOD")]!, Number(c[col("OBS_VALUE")]));
  }
  return out;
}

describe.skipIf(!avecDonneesReelles() || !existsSync(DONNEES_REELLES))("période sur les fichiers réels", () => {
  let d: DonneesDiagnostic;
  beforeAll(async () => {
    const conn = await ouvrirEntrepot(entrepotComplet());
    d = await lireDonneesDiagnostic(conn);
    conn.closeSync();
  });

  it("naissances de la CTG de PAA (EPCI 200067437) en 2021 et 2024, comme l'INSEE les publie pour l'EPCI", () => {
    const insee = naissancesInsee("200067437");
    const [n2021, n2024] = [insee.get("2021")!, insee.get("2024")!];
    expect(n2021).toBeGreaterThan(0);
    const t = resoudreTerritoire(d.ref, "ctg-paa");
    const c: ContexteDiagnostic = {id: t.id, equivalents: equivalents(d.ref, t), communes: t.communes, departement: departementDeReference(d.ref, t), faits: d.faits, comparaisons: d.comparaisons};
    const p = periodeParDefaut(d.ref.groupes.get("ctg-paa")!.conventions, derniereAnneeConnue(c)!);
    expect(p).toMatchObject({debut: 2021, fin: 2024}); // 2026–2030 convention not over: the last four years
    const l = comparerPeriode(c, p).find((x) => x.id === "naissances")!;
    expect([l.debut?.annee, l.debut?.valeur, l.fin?.annee, l.fin?.valeur]).toEqual(["2021", n2021, "2024", n2024]);
    expect(l.ecart).toBe(n2024 - n2021);
    expect(l.evolution).toBeCloseTo(((n2024 - n2021) / n2021) * 100, 10);
    expect(l.avertissements).toEqual([]);
  });

  it("Bassin de vie Carros : la période par défaut est sa convention 2021–2024 (seed 002)", () => {
    const t = resoudreTerritoire(d.ref, "ctg-bassin-carros");
    expect(periodeParDefaut(d.ref.groupes.get("ctg-bassin-carros")!.conventions, 2024)).toMatchObject({debut: 2021, fin: 2024, origine: "convention précédente (2021–2024)"});
    expect(t.communes.length).toBe(6);
  });
});
