// The calibrated under-3 estimator and its validation on hand-made inputs whose answers are known.
import {describe, expect, it} from "vitest";
import {calibrer, calibrerSansPublication, classeTaille, decrireMethodes, enfantsMoins3Ans, facteurGroupe, indexerNaissances, quantile, type ObservationRatio} from "../../src/lib/estimation-moins3ans.js";
import {erreursModeleHorizon, erreursModeleSansPublication} from "../../src/lib/modele-moins3ans.js";
import {bandeErreur, erreursHorizon, erreursSansPublication, intervalleEnfants, lignesCibles, valider} from "../../src/lib/validation-moins3ans.js";

// Digne-les-Bains births (INSEE, ../shared/data README): 117 (2022), 126 (2023), 119 (2024).
const digne = indexerNaissances([
  {annee: 2022, naissances: 117},
  {annee: 2023, naissances: 126},
  {annee: 2024, naissances: 119}
]);

describe("naissances N−2..N", () => {
  it("somme les trois années, multipliée par le facteur", () => {
    const e = enfantsMoins3Ans(digne, 2024);
    expect(e.enfantsMoins3Ans).toBe(362);
    expect(e.anneesNaissance).toEqual([2022, 2023, 2024]);
    expect(enfantsMoins3Ans(digne, 2024, 0.98).enfantsMoins3Ans).toBeCloseTo(354.76, 6);
  });
  it("ne fait pas d'estimation quand une année manque (jamais lue comme 0)", () => {
    const e = enfantsMoins3Ans(digne, 2025);
    expect(e.enfantsMoins3Ans).toBeNull();
    expect(e.anneesManquantes).toEqual([2025]);
    expect(enfantsMoins3Ans(indexerNaissances([{annee: 2023, naissances: null}]), 2023).anneesManquantes).toEqual([2021, 2022, 2023]);
  });
  it("quantiles interpolés comme d3.quantile", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([], 0.5)).toBeNull();
  });
});

// A (EPCI e1, dep 01): ratio 0,9 in 2020, 1,0 in 2021; B (e1, 01): 1,2 in 2021; C (dep 02): never published.
const communes = [
  {code: "A", epci: "e1", dep: "01"},
  {code: "B", epci: "e1", dep: "01"},
  {code: "C", epci: "e2", dep: "02"},
  {code: "D", epci: null, dep: "01"}
];
const obs: ObservationRatio[] = [
  {code: "A", annee: 2020, brut: 1000, implicite: 900},
  {code: "A", annee: 2021, brut: 1000, implicite: 1000},
  {code: "B", annee: 2021, brut: 100, implicite: 120}
];

describe("calibration", () => {
  it("une commune publiée prend son dernier rapport Cnaf / naissances ajusté sur les années permises", () => {
    expect(calibrer(obs, communes).get("A")).toEqual({facteur: 1, methode: "commune", annee: 2021, communes: 1});
    expect(calibrer(obs, communes, {jusqua: 2020}).get("A")).toEqual({facteur: 0.9, methode: "commune", annee: 2020, communes: 1});
    // B has nothing up to 2020: it takes the pool (France: A alone).
    expect(calibrer(obs, communes, {jusqua: 2020}).get("B")).toMatchObject({facteur: 0.9, methode: "france"});
  });
  it("une commune jamais publiée prend le rapport Σ Cnaf / Σ naissances de son groupe", () => {
    // Size class of C = small (brut 200): B (brut 100, small) alone → 1,2; France: (1000 + 120) / 1100.
    expect(calibrer(obs, communes, {brutTaille: () => 200}).get("C")).toMatchObject({facteur: 1.2, methode: "taille", communes: 1});
    expect(calibrer(obs, communes, {pool: ["france"]}).get("C")!.facteur).toBeCloseTo(1120 / 1100, 12);
    expect(calibrer(obs, communes, {pool: ["epci", "departement", "france"]}).get("D")).toMatchObject({methode: "departement", communes: 2});
    expect(calibrer(obs, communes, {pool: ["epci", "france"]}).get("C")).toMatchObject({methode: "france"});
    expect(classeTaille(299)).toBe("petite");
    expect(classeTaille(300)).toBe("moyenne");
    expect(classeTaille(1000)).toBe("grande");
  });
  it("laisse une commune de côté : son groupe sans elle", () => {
    const f = calibrerSansPublication(obs, communes, ["A", "B"], {pool: ["epci", "france"]});
    expect(f.get("A")).toMatchObject({facteur: 1.2, methode: "epci", communes: 1});
    expect(f.get("B")).toMatchObject({facteur: 1, methode: "epci", communes: 1});
  });
  it("facteur d'un groupe pondéré par les naissances, méthodes nommées", () => {
    const a = {facteur: 0.9, methode: "commune" as const, annee: 2022, communes: 1};
    const c = {facteur: 1.2, methode: "taille" as const, annee: 2022, communes: 40};
    expect(facteurGroupe([{facteur: a, brut: 300}, {facteur: c, brut: 100}])).toBeCloseTo((0.9 * 300 + 1.2 * 100) / 400, 12);
    expect(facteurGroupe([{facteur: a, brut: 300}, {facteur: undefined, brut: 100}])).toBeNull();
    expect(decrireMethodes([a, c, c])).toBe("naissances des trois dernières années corrigées par le rapport enfants Cnaf / naissances (jusqu'en 2022) ; 1 commune : son propre rapport Cnaf / naissances ; 2 communes : le rapport des communes publiées de même taille");
  });
});

describe("validation hors échantillon", () => {
  it("un an après : facteur ajusté sur N−1, appliqué aux naissances de N", () => {
    const e = erreursHorizon(obs, communes, 1);
    // A 2021 predicted with 0,9: 900 against 1 000 → −10 %. B has no ratio before 2021.
    expect(e).toEqual([{code: "A", annee: 2021, classe: "grande", ecartPct: -10}]);
  });
  it("commune laissée de côté : estimée par les autres, années ≤ N−1", () => {
    const e = erreursSansPublication(obs, communes, ["france"]);
    // 2021: A by B? B has nothing ≤ 2020 → A is estimated by no one; B by A's 2020 ratio 0,9: 90 against 120 → −25 %.
    expect(e).toEqual([{code: "B", annee: 2021, classe: "petite", ecartPct: -25}]);
  });
  it("résume par classe de taille et compare aux cibles", () => {
    const v = valider(obs, communes, [["france"]]);
    expect(v.annees).toEqual([2020, 2021]);
    expect(v.brut.n).toBe(3);
    const l = lignesCibles(v);
    expect(l[0]).toMatchObject({classe: "ensemble", valeur: 10, cible: 3.5, atteinte: false});
  });
  it("la fourchette s'élargit avec l'horizon, extrapolée comme √h au-delà des horizons mesurés", () => {
    const d = (horizon: number, p10: number, p90: number) => ({horizon, n: 100, medianeAbsolue: 1, p90Absolu: 1, p10, mediane: 0, p90, parTaille: []});
    const e = {horizons: [d(1, -5, 5), d(2, -8, 7), d(3, -7, 9)], sansPublication: d(1, -12, 6)};
    expect(bandeErreur(e, 1, 500)).toEqual({horizon: 1, p10: -5, p90: 5, extrapolee: false});
    // Horizon 3 measured narrower on the low side than 2: kept at −8.
    expect(bandeErreur(e, 3, 500)).toEqual({horizon: 3, p10: -8, p90: 9, extrapolee: false});
    // Mostly pooled factors: the leave-one-out error added in quadrature (−√(5² + 12²) = −13).
    expect(bandeErreur(e, 1, 500, true)).toEqual({horizon: 1, p10: -13, p90: Math.hypot(5, 6), extrapolee: false});
    const b6 = bandeErreur(e, 6, 500)!;
    expect(b6.p10).toBeCloseTo(-8 * Math.SQRT2, 12);
    expect(b6.extrapolee).toBe(true);
    // True count = estimate / (1 + error): an estimate 10 % too high means 1 000 / 1,1.
    const [bas, haut] = intervalleEnfants(1000, {horizon: 1, p10: -10, p90: 10, extrapolee: false});
    expect(bas).toBeCloseTo(1000 / 1.1, 9);
    expect(haut).toBeCloseTo(1000 / 0.9, 9);
    expect(bandeErreur({horizons: [], sansPublication: null}, 2, 500)).toBeNull();
  });
});

describe("modèle à l'essai (modele-moins3ans.ts)", () => {
  // Ratios made exactly by the model: ln r = 0,1 − 0,02 ln(brut) + 0,5 ln(brut / brut 3 ans avant), no département effect.
  const rapport = (brut: number, precedent: number) => Math.exp(0.1 - 0.02 * Math.log(brut) + 0.5 * Math.log(brut / precedent));
  const communes = Array.from({length: 12}, (_, k) => ({code: `c${k}`, epci: null, dep: k % 2 ? "04" : "06"}));
  const obs: ObservationRatio[] = communes.flatMap((c, k) => [2018, 2019, 2020, 2021].map((annee, t) => {
    const brut = 100 + 37 * k + 11 * t * (k % 3);
    const brutPrecedent = 90 + 29 * k + 5 * t;
    return {code: c.code, annee, brut, brutPrecedent, implicite: brut * rapport(brut, brutPrecedent)};
  }));
  it("retrouve un rapport que le modèle explique exactement : erreur nulle, un an et trois ans après, et sans publication", () => {
    const h1 = erreursModeleHorizon(obs, communes, 1);
    expect(h1).toHaveLength(36); // 2019–2021, fitted on the years before
    for (const e of [...h1, ...erreursModeleHorizon(obs, communes, 3), ...erreursModeleSansPublication(obs, communes)]) expect(Math.abs(e.ecartPct)).toBeLessThan(1e-6);
  });
  it("garde l'écart propre d'une commune publiée : un rapport 10 % au-dessus du modèle le reste l'année suivante", () => {
    const decale = obs.map((o) => (o.code === "c0" ? {...o, implicite: o.implicite * 1.1} : o));
    const e = erreursModeleHorizon(decale, communes, 1).filter((x) => x.code === "c0" && x.annee === 2021);
    expect(Math.abs(e[0]!.ecartPct)).toBeLessThan(1.5);
    // Without its own figures, the model alone misses c0's 10 %.
    expect(erreursModeleSansPublication(decale, communes).find((x) => x.code === "c0" && x.annee === 2021)!.ecartPct).toBeLessThan(-7);
  });
});
