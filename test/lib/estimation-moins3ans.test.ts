// The calibrated under-3 estimator and its validation on hand-made inputs whose answers are known.
import {describe, expect, it} from "vitest";
import {classeTaille, decrireMethodes, enfantsMoins3Ans, facteurCommune, facteurZone, indexerNaissances, quantile, type FacteurMoins3, type ObservationRatio} from "../../src/lib/estimation-moins3ans.js";
import {calibrer, erreursHorizon, erreursSansPublication} from "../../src/lib/modele-moins3ans.js";
import {bandeErreur, intervalleEnfants, lignesCibles, valider} from "../../src/lib/validation-moins3ans.js";

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
    expect(enfantsMoins3Ans(digne, 2024, () => 0.98).enfantsMoins3Ans).toBeCloseTo(354.76, 6);
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

// Ratios made exactly by the model: ln r = 0,1 − 0,02 ln(brut) + 0,5 ln(brut / brut 3 ans avant), no département effect.
const rapport = (brut: number, precedent: number) => Math.exp(0.1 - 0.02 * Math.log(brut) + 0.5 * Math.log(brut / precedent));
const communes = Array.from({length: 12}, (_, k) => ({code: `c${k}`, epci: null, dep: k % 2 ? "04" : "06"}));
const obs: ObservationRatio[] = communes.flatMap((c, k) => [2018, 2019, 2020, 2021].map((annee, t) => {
  const brut = 100 + 37 * k + 11 * t * (k % 3);
  const brutPrecedent = 90 + 29 * k + 5 * t;
  return {code: c.code, annee, brut, brutPrecedent, implicite: brut * rapport(brut, brutPrecedent)};
}));

describe("le facteur d'une commune", () => {
  const f: FacteurMoins3 = {coefficients: [Math.log(0.9), 0, 0.5], rho: 0.5, ecart: 0.2, methode: "commune", annee: 2022};
  it("modèle(N) + ρ^|N − a| × écart propre ; sans naissances N−5..N−3, l'évolution est laissée de côté", () => {
    expect(facteurCommune(f)(400, 400, 2022)).toBeCloseTo(0.9 + 0.2, 12);
    expect(facteurCommune(f)(400, 100, 2024)).toBeCloseTo(0.9 * 2 + 0.25 * 0.2, 12); // 4^0,5 = 2
    expect(facteurCommune({...f, ecart: 0, methode: "modele"})(400, null, 2030)).toBeCloseTo(0.9, 12);
  });
  it("appliqué aux naissances : N−2..N et N−5..N−3 lues dans la série", () => {
    const n = indexerNaissances([2017, 2018, 2019, 2020, 2021, 2022].map((annee, k) => ({annee, naissances: k < 3 ? 50 : 100})));
    // 2022: 2020–2022 = 300 against 2017–2019 = 150.
    expect(enfantsMoins3Ans(n, 2022, facteurCommune(f)).enfantsMoins3Ans).toBeCloseTo(300 * (0.9 * Math.SQRT2 + 0.2), 9);
    // 2021: N−5 = 2016 unknown → no change term.
    expect(enfantsMoins3Ans(n, 2021, facteurCommune(f)).enfantsMoins3Ans).toBeCloseTo(250 * (0.9 + 0.5 * 0.2), 9);
  });
  it("une zone : chaque commune sur sa part des naissances de la zone", () => {
    const g: FacteurMoins3 = {...f, coefficients: [Math.log(1.2), 0, 0], ecart: 0, methode: "modele"};
    const z = facteurZone([{facteur: f, part: 0.75}, {facteur: g, part: 0.25}]);
    expect(z(400, 400, 2022)).toBeCloseTo(0.75 * 1.1 + 0.25 * 1.2, 12);
    expect(decrireMethodes([f, g, g])).toBe("naissances des trois dernières années corrigées par le rapport enfants Cnaf / naissances modélisé (Cnaf jusqu'en 2022) ; 1 commune : le modèle et son propre rapport Cnaf / naissances ; 2 communes : le modèle ajusté sur les communes publiées (naissances, leur évolution sur 3 ans, département)");
  });
});

describe("l'ajustement (modele-moins3ans.ts)", () => {
  it("retrouve un rapport que le modèle explique exactement : erreur nulle, un an et trois ans après, et sans publication", () => {
    const h1 = erreursHorizon(obs, communes, 1);
    expect(h1).toHaveLength(36); // 2019–2021, fitted on the years before
    for (const e of [...h1, ...erreursHorizon(obs, communes, 3), ...erreursSansPublication(obs, communes)]) expect(Math.abs(e.ecartPct)).toBeLessThan(1e-6);
    const f = calibrer(obs, [...communes, {code: "x", epci: null, dep: "04"}]);
    expect(f.get("c3")).toMatchObject({methode: "commune", annee: 2021});
    expect(f.get("c3")!.coefficients.map((b) => Number(b.toFixed(6)))).toEqual([0.1, -0.02, 0.5]);
    expect(f.get("x")).toMatchObject({methode: "modele", ecart: 0, annee: 2021});
    expect(calibrer(obs, communes, {jusqua: 2019}).get("c3")).toMatchObject({annee: 2019});
    expect(calibrer([], communes).size).toBe(0);
  });
  it("garde l'écart propre d'une commune publiée : un rapport 10 % au-dessus du modèle le reste l'année suivante", () => {
    const decale = obs.map((o) => (o.code === "c0" ? {...o, implicite: o.implicite * 1.1} : o));
    const e = erreursHorizon(decale, communes, 1).filter((x) => x.code === "c0" && x.annee === 2021);
    expect(Math.abs(e[0]!.ecartPct)).toBeLessThan(1.5);
    // Without its own figures, the model alone misses c0's 10 %.
    expect(erreursSansPublication(decale, communes).find((x) => x.code === "c0" && x.annee === 2021)!.ecartPct).toBeLessThan(-7);
  });
  it("résume par classe de taille et compare aux cibles", () => {
    const v = valider(obs, communes);
    expect(v.annees).toEqual([2018, 2021]);
    expect(v.brut.n).toBe(48);
    const l = lignesCibles(v);
    expect(l.map((x) => x.classe)).toEqual(Array(4).fill(["ensemble", "petite", "moyenne", "grande"]).flat());
    expect(l[0]).toMatchObject({classe: "ensemble", n: 36, cible: 3.5, atteinte: true});
    expect(l[0]!.valeur!).toBeLessThan(1e-6);
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
