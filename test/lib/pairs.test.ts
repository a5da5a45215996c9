// Position among peers: quartiles and percentiles over each territory's own figure, a rate being
// Σ numerators / Σ denominators over its communes (never a mean of its communes' rates).
import {describe, expect, it} from "vitest";
import type {Faits} from "../../src/lib/diagnostic.js";
import {chercherSimilaires, fichierPairs, indicesPairs, positionsParmiPairs, valeursTerritoire} from "../../src/lib/pairs.js";
import {position, quantile, repartition} from "../../src/lib/repartition.js";

describe("répartition et position", () => {
  it("quartiles par interpolation linéaire (type 7), rang et percentile au rang moyen", () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(repartition([4, null, 1, 3, 2])).toEqual({n: 4, min: 1, q1: 1.75, mediane: 2.5, q3: 3.25, max: 4});
    expect(repartition([null])).toBeNull();
    expect(position(3, [1, 2, 3, 4])).toEqual({rang: 2, sur: 5, percentile: 62.5});
    expect(position(10, [1, 2])).toEqual({rang: 1, sur: 3, percentile: 100});
  });
});

// Three EPCI-like territories; commune rates deliberately differ from the territory's Σ/Σ.
const faits: Faits = {
  series: {
    // natalité = naissances / population × 1 000
    naissances: {A1: {"2024": 1}, A2: {"2024": 90}, B1: {"2024": 30}, C1: {"2024": 20}, C2: {"2024": null}},
    pop_mun: {A1: {"2023": 100}, A2: {"2023": 9900}, B1: {"2023": 3000}, C1: {"2023": 1000}, C2: {"2023": 1000}}
  },
  publies: {}
};
const territoires = [
  {id: "epci:A", nom: "A", reg: "93", type: "CC", communes: ["A1", "A2"]},
  {id: "epci:B", nom: "B", reg: "93", type: "CA", communes: ["B1"]},
  {id: "epci:C", nom: "C", reg: "84", type: "CC", communes: ["C1", "C2"]}
];

describe("fichier des pairs", () => {
  const f = fichierPairs("epci", territoires, faits, ["natalite", "naissances"]);
  // fichierPairs drops indicators known for fewer than 10 territories: rebuild the file with 10 copies.
  const dix = fichierPairs("epci", Array.from({length: 10}, (_, k) => territoires.map((t) => ({...t, id: `${t.id}-${k}`}))).flat(), faits, ["natalite", "naissances"]);

  it("un taux de territoire est Σ numérateurs / Σ dénominateurs de ses communes ; un total incomplet n'est pas un pair", () => {
    expect(f.valeurs).toEqual({}); // 3 territories only
    expect(dix.annees).toEqual({natalite: "2024", naissances: "2024"});
    // A: (1 + 90) / (100 + 9 900) × 1 000 = 9,1 ‰, not the mean of 10 ‰ and 9,09 ‰ (9,55 ‰)
    expect(dix.valeurs.natalite!.slice(0, 3)).toEqual([9.1, 10, 20]);
    // C's births are known for C1 only: a count missing a commune is left out, a rate is kept and flagged partial
    expect(dix.valeurs.naissances!.slice(0, 3)).toEqual([91, 30, null]);
    expect(dix.partielles.natalite!.slice(0, 2)).toEqual([2, 5]);
  });

  it("médiane, quartiles et percentile calculés sur les taux Σ/Σ des pairs", () => {
    const pairs = indicesPairs(dix, {id: "epci:B-0"}, "france");
    expect(pairs.length).toBe(29);
    const cible = valeursTerritoire(dix, faits, ["B1"], "epci:B-0");
    const [natalite] = positionsParmiPairs(dix, pairs, [cible]);
    // peers: 10 × 9,1 ; 9 × 10 ; 10 × 20 → median 10 (not the 9,55 a mean of commune rates would put for A)
    expect(natalite!.repartition).toEqual({n: 29, min: 9.1, q1: 9.1, mediane: 10, q3: 20, max: 20});
    expect(natalite!.territoires[0]).toEqual({valeur: 10, partielle: false, position: {rang: 11, sur: 30, percentile: (10 + 9 / 2) / 29 * 100}});
    expect(natalite!.partielles).toBe(10);
  });

  it("pairs de la même région ou de même nature ; un territoire et ses équivalents ne sont pas leurs propres pairs", () => {
    const noms = (k: number[]) => k.map((j) => dix.territoires[j]!.id).filter((id) => id.endsWith("-0"));
    expect(noms(indicesPairs(dix, {id: "x", reg: "93"}, "region"))).toEqual(["epci:A-0", "epci:B-0"]);
    expect(noms(indicesPairs(dix, {id: "x", type: "CC"}, "type"))).toEqual(["epci:A-0", "epci:C-0"]);
    expect(noms(indicesPairs(dix, {id: "groupe:g", equivalents: ["epci:A-0"]}, "france"))).toEqual(["epci:B-0", "epci:C-0"]);
    expect(indicesPairs(dix, {id: "x"}, "similaires", ["epci:C-3"])).toEqual([11]);
  });

  it("territoires semblables dans le fichier des pairs ; un indicateur absent du fichier est refusé", () => {
    const cible = {id: "groupe:g", equivalents: ["epci:A-0"], valeurs: valeursTerritoire(dix, faits, ["A1", "A2"], "groupe:g")};
    const r = chercherSimilaires(dix, cible, {indicateurs: ["natalite"], k: 2});
    expect(r.lignes.map((l) => [l.rang, l.id, l.distance, l.valeurs.natalite])).toEqual([[1, "epci:A-1", 0, 9.1], [2, "epci:A-2", 0, 9.1]]);
    expect(() => chercherSimilaires(dix, cible, {indicateurs: ["densite"]})).toThrow("Indicateur non disponible pour comparer des territoires : densite (connu pour moins de 10 territoires de ce niveau dans les données chargées). Disponibles : natalite, naissances.");
  });
});
