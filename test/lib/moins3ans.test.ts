// Children under 3 from births, and the check against the Cnaf's implied denominators.
import {describe, expect, it} from "vitest";
import {enfantsMoins3Ans, indexerNaissances, quantile, validerEstimation} from "../../src/lib/moins3ans.js";

// Digne-les-Bains, INSEE état civil (shared/data README): 117 (2022), 126 (2023), 119 (2024).
const digne = indexerNaissances([
  {annee: 2022, naissances: 117},
  {annee: 2023, naissances: 126},
  {annee: 2024, naissances: 119}
]);

describe("estimation des enfants de moins de 3 ans", () => {
  it("additionne les naissances de N−2, N−1 et N", () => {
    const e = enfantsMoins3Ans(digne, 2024);
    expect(e.enfantsMoins3Ans).toBe(362);
    expect(e.anneesNaissance).toEqual([2022, 2023, 2024]);
    expect(e.anneesManquantes).toEqual([]);
  });
  it("applique le facteur de survie et de migration, et le décalage de fenêtre", () => {
    expect(enfantsMoins3Ans(digne, 2024, {facteur: 0.98}).enfantsMoins3Ans).toBeCloseTo(354.76, 6);
    expect(enfantsMoins3Ans(digne, 2025, {decalage: 1}).enfantsMoins3Ans).toBe(362);
  });
  it("renvoie null et les années manquantes, jamais une somme partielle", () => {
    const e = enfantsMoins3Ans(digne, 2025);
    expect(e.enfantsMoins3Ans).toBeNull();
    expect(e.anneesManquantes).toEqual([2025]);
    expect(enfantsMoins3Ans(indexerNaissances([{annee: 2023, naissances: null}]), 2023).anneesManquantes).toEqual([2021, 2022, 2023]);
  });
  it("compte zéro enfant quand il n'y a eu aucune naissance", () => {
    expect(enfantsMoins3Ans(indexerNaissances([2020, 2021, 2022].map((annee) => ({annee, naissances: 0}))), 2022).enfantsMoins3Ans).toBe(0);
  });
});

describe("quantiles", () => {
  it("interpole entre les valeurs ordonnées (comme d3.quantile)", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([5], 0.75)).toBe(5);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe("validation contre les dénominateurs de la Cnaf", () => {
  const naissances = [
    ...[2019, 2020, 2021, 2022].map((annee) => ({code: "A", annee, naissances: 100})),
    ...[2020, 2021, 2022].map((annee) => ({code: "B", annee, naissances: 50})),
    {code: "C", annee: 2022, naissances: 10}
  ];
  // implied: A 2021 → 300, A 2022 → 330 (estimate 300: −9,09 %), B 2022 → 125 (estimate 150: +20 %)
  const couverture = [
    {code: "A", annee: 2021, places: 180, taux: 60},
    {code: "A", annee: 2022, places: 198, taux: 60},
    {code: "B", annee: 2022, places: 100, taux: 80},
    {code: "C", annee: 2022, places: 10, taux: 50}, // births 2020–2021 missing
    {code: "D", annee: 2022, places: 10, taux: 0} // no implied denominator
  ];
  it("compare chaque commune × année où les deux existent et résume les écarts", () => {
    const d = validerEstimation(naissances, couverture);
    expect(d.n).toBe(3);
    expect(d.sansEstimation).toBe(1);
    expect(d.sansImplicite).toBe(1);
    expect(d.points.map((p) => [p.code, p.annee, Math.round(p.ecartPct * 100) / 100])).toEqual([["A", 2021, 0], ["A", 2022, -9.09], ["B", 2022, 20]]);
    expect(d.mediane).toBe(0);
    expect(d.q1).toBeCloseTo(-4.545, 3);
    expect(d.q3).toBeCloseTo(10, 10);
    expect(d.erreurAbsolueMoyennePct).toBeCloseTo((0 + 9.0909 + 20) / 3, 3);
    expect(d.erreurAbsolueMedianePct).toBeCloseTo(9.0909, 3);
    expect(d.facteurMedian).toBe(1);
  });
  it("applique le facteur aux estimations", () => {
    expect(validerEstimation(naissances, couverture, {facteur: 1.1}).points[0]!.ecartPct).toBeCloseTo(10, 10);
  });
  it("renvoie une distribution vide sans paire commune", () => {
    expect(validerEstimation([], couverture)).toMatchObject({n: 0, mediane: null, erreurAbsolueMoyennePct: null});
  });
});
