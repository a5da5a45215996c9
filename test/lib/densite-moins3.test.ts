// Density and share of under-3s (catalogue: densite, part_moins_3_ans) on known inputs: which
// area and which population vintage each territory takes, and when there is no figure.
import {describe, expect, it} from "vitest";
import {calculer, type Faits} from "../../src/lib/diagnostic.js";
import {indicateur} from "../../src/lib/indicateurs.js";
import {avecEnfantsMoins3Ans, serieEnfantsMoins3Ans} from "../../src/lib/enfants-moins3ans.js";
import {enfantsEstimesCommune} from "../../src/lib/petite-enfance.js";
import {formatValeur} from "../../src/lib/format.js";

const densite = indicateur("densite");
const part = indicateur("part_moins_3_ans");

// Two communes with a contour (A: 10 km², B: 30 km²), one without (C); their EPCI's own contour: 45 km².
const faits = (): Faits => ({
  series: {
    pop_mun: {A: {"2021": 1000, "2022": 1100, "2023": 1200}, B: {"2021": 500, "2022": 500, "2023": 600}, C: {"2022": 300, "2023": 300}},
    surface: {A: {"2021": 10, "2022": 10, "2023": 10}, B: {"2021": 30, "2022": 30, "2023": 30}},
    naissances: {A: {"2019": 10, "2020": 12, "2021": 14, "2022": 16}, B: {"2020": 5, "2021": null, "2022": 7}}
  },
  publies: {densite: {"epci:E": {"2023": 2100 / 45}}},
  calibration: {A: {coefficients: [Math.log(0.9), 0, 0], rho: 0.9, ecart: 0, methode: "commune", annee: 2022}}
});

describe("densité de population", () => {
  it("un groupe de communes toutes dessinées : Σ population / Σ surfaces, jamais une moyenne de densités", () => {
    const a = calculer(densite, faits(), ["A", "B"], "2023");
    expect(a.valeur).toBe(1800 / 40); // 45, not (120 + 20) / 2 = 70
    expect(a.statut).toBe("complet");
    expect(formatValeur(a.valeur, densite.unite).replace(/\u00a0/g, " ")).toBe("45,0 hab./km²");
  });

  it("une commune sans contour dans le groupe : n.d., et elle est citée", () => {
    const a = calculer(densite, faits(), ["A", "C"], "2023");
    expect([a.valeur, a.statut, a.manquantes]).toEqual([null, "non disponible", ["C"]]);
  });

  it("un EPCI prend son propre contour (la densité de ses communes n'est pas recalculée)", () => {
    const a = calculer(densite, faits(), ["A", "B", "C"], "2023", "epci:E");
    expect(a.valeur).toBeCloseTo(46.67, 2);
  });
});

describe("part des enfants de moins de 3 ans", () => {
  it("estimation au 31 décembre N (naissances N−2..N × facteur) / population du 1er janvier N + 1", () => {
    const f = avecEnfantsMoins3Ans(faits());
    // A 2022: (12 + 14 + 16) × 0,9 = 37,8 children; population millésime 2023 (1 January 2023): 1 200.
    expect(serieEnfantsMoins3Ans(f).A).toEqual({"2021": [36 * 0.9, "a"], "2022": [42 * 0.9, "a"]});
    const a = calculer(part, f, ["A"], "2022");
    expect(a.valeur).toBeCloseTo((37.8 / 1200) * 100, 10);
    expect(a.anneeDenominateur).toBe("2023");
    expect(calculer(part, f, ["A"], "2023").valeur).toBeNull(); // births 2023 unknown: no estimate
    // Without the millésime 2023, the nearest one (2022), said with the figure.
    delete f.series.pop_mun!.A!["2023"];
    const b = calculer(part, f, ["A"], "2022");
    expect([b.valeur! / ((37.8 / 1100) * 100), b.anneeDenominateur]).toEqual([expect.closeTo(1, 12), "2022"]);
  });

  it("une année de naissances masquée : pas d'estimation pour la commune (jamais 0), le groupe est partiel", () => {
    const f = avecEnfantsMoins3Ans(faits());
    expect(serieEnfantsMoins3Ans(f).B).toEqual({});
    expect(enfantsEstimesCommune(f, "B", 2022)).toBeNull();
    const a = calculer(part, f, ["A", "B"], "2022");
    expect([a.statut, a.manquantes, a.valeur]).toEqual(["incomplet", ["B"], (37.8 / 1200) * 100]);
  });

  it("la page petite enfance lit la même estimation", () => {
    const f = avecEnfantsMoins3Ans(faits());
    expect(enfantsEstimesCommune(f, "A", 2022)).toBeCloseTo(37.8, 10);
  });
});
