// The annexe-1 diagnostic on real files (../shared/data) and the seeds.
import {beforeAll, describe, expect, it} from "vitest";
import {ouvrirEntrepot} from "../../entrepot/connexion.js";
import {lireDonneesDiagnostic, type DonneesDiagnostic} from "../../entrepot/diagnostic.js";
import {calculer, comparer, diagnostic, ligneDiagnostic, type ContexteDiagnostic} from "../../src/lib/diagnostic.js";
import {indicateur} from "../../src/lib/indicateurs.js";
import {ratio, somme} from "../../src/lib/agregation.js";
import {departementDeReference, equivalents, resoudreTerritoire} from "../../src/lib/territoire.js";
import {avecDonneesReelles, entrepotComplet} from "../aides.js";

let d: DonneesDiagnostic;
const ctx = (saisie: string, millesimePopulation?: string): ContexteDiagnostic => {
  const t = resoudreTerritoire(d.ref, saisie);
  return {id: t.id, equivalents: equivalents(d.ref, t), communes: t.communes, departement: departementDeReference(d.ref, t), faits: d.faits, comparaisons: d.comparaisons, millesimePopulation};
};
const ligne = (saisie: string, id: string, millesime?: string) => ligneDiagnostic(indicateur(id), ctx(saisie, millesime));

describe.skipIf(!avecDonneesReelles())("diagnostic sur les fichiers réels", () => {
  beforeAll(async () => {
    const conn = await ouvrirEntrepot(entrepotComplet());
    d = await lireDonneesDiagnostic(conn);
    conn.closeSync();
  });

  it("naissances : Digne-les-Bains 117 en 2022 ; PAA 378 en 2022 (seed 000), 367 en 2024", () => {
    const digne = ligne("04070", "naissances");
    expect(digne.evolution.find((e) => e.annee === "2022")!.valeur).toBe(117);
    const paa = ligne("ctg-paa", "naissances");
    expect(paa.evolution.find((e) => e.annee === "2022")!.valeur).toBe(378);
    expect([paa.annee, paa.valeur.valeur, paa.valeur.statut]).toEqual(["2024", 367, "complet"]);
    expect(paa.departement!.valeur).toBe(1276);
    expect(paa.france!.valeur).toBe(calculer(indicateur("naissances"), d.faits, [...d.ref.communes.keys()], "2024").valeur);
  });

  it("populations légales 2023 : PAA 49 137 habitants ; millésime 2022 au choix : 48 726", () => {
    expect(ligne("200067437", "population_municipale").valeur.valeur).toBe(49137);
    expect(ligne("200067437", "population_municipale", "2022").valeur.valeur).toBe(48726);
  });

  it("Filosofi 2019 : médiane publiée pour l'EPCI, reprise pour la CTG qui a les mêmes communes (20 650 €)", () => {
    expect(ligne("200067437", "revenu_median").valeur.valeur).toBe(20650);
    const paa = ligne("ctg-paa", "revenu_median");
    expect([paa.valeur.valeur, paa.departement!.valeur, paa.france!.valeur]).toEqual([20650, 20690, 21930]);
    expect(ligne("04070", "revenu_median").valeur.valeur).toBe(20390);
    // A median cannot be aggregated: a group that is not a published territory has none.
    expect(ligne("ctg-bassin-carros", "revenu_median").valeur.statut).toBe("non disponible");
  });

  it("le taux d'un groupe est Σ numérateurs / Σ dénominateurs de ses communes, jamais une moyenne de taux", () => {
    const t = resoudreTerritoire(d.ref, "ctg-bassin-carros");
    const i = indicateur("natalite");
    const groupe = calculer(i, d.faits, t.communes, "2022");
    const naissances = somme(d.faits.series.naissances!, t.communes, "2022").valeur!;
    const population = somme(d.faits.series.pop_mun!, t.communes, "2022").valeur!;
    expect(groupe.valeur).toBeCloseTo((naissances / population) * 1000, 10);
    const moyenne = t.communes.map((c) => calculer(i, d.faits, [c], "2022").valeur!).reduce((a, b) => a + b) / t.communes.length;
    expect(Math.abs(groupe.valeur! - moyenne)).toBeGreaterThan(0.01);
  });

  it("une IRIS masquée ne compte jamais pour 0 : la part est calculée sur les IRIS publiées et dite incomplète", () => {
    const digne = ligne("04070", "part_rsa");
    expect(digne.valeur.statut).toBe("incomplet");
    const i = indicateur("part_rsa");
    if (i.calcul.type !== "ratio") throw new Error("ratio attendu");
    const r = ratio(d.faits.series[i.calcul.numerateur]!, d.faits.series[i.calcul.denominateur]!, ["04070"], {num: "2020", den: "2020"});
    expect(digne.valeur.valeur).toBe(r.valeur);
    const allocataires = ligne("04070", "allocataires");
    expect(allocataires.valeur.statut).toBe("incomplet");
  });

  it("détail par commune jusqu'à 1 000 communes (un département), pas au-delà (une région, la France)", () => {
    const dep = ligne("departement:04", "naissances");
    expect(dep.communes).toHaveLength(198);
    expect(dep.communes.find((c) => c.code === "04070")!.valeur).toBe(calculer(indicateur("naissances"), d.faits, ["04070"], dep.annee!).valeur);
    const paca = ligne("region:93", "naissances");
    expect(paca.communes).toHaveLength(946);
    const france = ligne("france", "naissances");
    expect([france.communes.length, france.valeur.valeur! > 600_000]).toEqual([0, true]);
  });
  it("chaque section de l'annexe 1 présente au moins un indicateur, avec une lecture", () => {
    const sections = diagnostic(ctx("ctg-paa"));
    expect(sections.map((s) => s.section)).toEqual(expect.arrayContaining(["démographie", "allocataires et précarité", "revenus", "petite enfance"]));
    for (const s of sections) for (const l of s.lignes) expect(l.lecture.length).toBeGreaterThan(10);
  });

  it("compare les trois territoires CTG à la même année", () => {
    const lignes = comparer([ctx("ctg-paa"), ctx("ctg-bassin-carros"), ctx("ctg-forcalquier")]);
    const naissances = lignes.find((l) => l.id === "naissances")!;
    expect(naissances.annee).toBe("2024");
    expect(naissances.valeurs[0]).toBe(367);
  });
});
