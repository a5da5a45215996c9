// Similar territories: distance on standardised indicators, known inputs and outputs.
import {describe, expect, it} from "vitest";
import {similaires, type Candidat} from "../../src/lib/similarite.js";

const c = (id: string, a: number | null, b?: number | null): Candidat => ({id, valeurs: {a, ...(b === undefined ? {} : {b})}});

describe("similaires", () => {
  it("score z : écart à la moyenne / écart-type sur l'ensemble des candidats, distance = moyenne quadratique des écarts", () => {
    // a: 0, 2, 4, 6 → moyenne 3, écart-type √5 ; b: 10, 10, 30, 30 → moyenne 20, écart-type 10
    const r = similaires(c("T", 0, 10), [c("P", 2, 10), c("Q", 4, 30), c("R", 6, 30)], {indicateurs: ["a", "b"], normalisation: "z", k: 3});
    expect(r.echelles.map((e) => [e.indicateur, e.centre, e.dispersion, e.n])).toEqual([["a", 3, Math.sqrt(5), 4], ["b", 20, 10, 4]]);
    expect(r.voisins.map((v) => v.id)).toEqual(["P", "Q", "R"]);
    const [p, q] = r.voisins;
    expect(p!.distance).toBeCloseTo(Math.sqrt(((2 / Math.sqrt(5)) ** 2 + 0) / 2), 12);
    expect(p!.parts).toEqual({a: 1, b: 0}); // only a separates T from P
    expect(q!.ecarts.a).toBeCloseTo(4 / Math.sqrt(5), 12);
    expect(q!.ecarts.b).toBeCloseTo(2, 12);
    expect(q!.parts.a! + q!.parts.b!).toBeCloseTo(1, 12);
    expect(q!.parts.b).toBeCloseTo(4 / (4 + 16 / 5), 12);
  });

  it("échelle robuste : médiane et écart interquartile / 1,349, insensible à une valeur extrême", () => {
    const candidats = [c("P", 1), c("Q", 2), c("R", 3), c("S", 1000)];
    const r = similaires(c("T", 0), candidats, {indicateurs: ["a"], normalisation: "robuste", k: 2});
    // valeurs 0, 1, 2, 3, 1000 : médiane 2, Q1 1, Q3 3
    expect([r.echelles[0]!.centre, r.echelles[0]!.dispersion]).toEqual([2, 2 / 1.349]);
    expect(r.voisins.map((v) => [v.id, v.distance])).toEqual([["P", 1.349 / 2], ["Q", 1.349]]);
  });

  it("un candidat sans valeur pour un indicateur retenu est exclu et dit pourquoi ; un indicateur que la cible n'a pas est écarté", () => {
    const r = similaires(c("T", 1, null), [c("P", 2, 5), c("Q", null, 5), c("R", 3, 7)], {indicateurs: ["a", "b"], k: 5});
    expect(r.ignores).toEqual([{indicateur: "b", raison: "pas de valeur pour le territoire étudié"}]);
    expect(r.exclus).toEqual([{id: "Q", manquants: ["a"]}]);
    expect(r.voisins.map((v) => v.id)).toEqual(["P", "R"]);
    expect(r.echelles[0]!.n).toBe(3);
  });

  it("égalités : même distance, ordre par identifiant, quel que soit l'ordre d'entrée", () => {
    const candidats = [c("epci:3", 3), c("epci:1", -1), c("epci:2", 3), c("epci:0", -1)];
    const ids = (l: Candidat[]) => similaires(c("T", 1), l, {indicateurs: ["a"], k: 4}).voisins.map((v) => v.id);
    expect(ids(candidats)).toEqual(["epci:0", "epci:1", "epci:2", "epci:3"]);
    expect(ids([...candidats].reverse())).toEqual(["epci:0", "epci:1", "epci:2", "epci:3"]);
  });

  it("les effectifs sont comparés en logarithme : 1 000 est aussi loin de 10 000 que 10 000 de 100 000", () => {
    const r = similaires(c("T", 9999), [c("P", 999), c("Q", 99999), c("R", 99)], {indicateurs: ["a"], logarithme: ["a"], normalisation: "z", k: 3});
    const [p, q] = r.voisins;
    expect(p!.distance).toBeCloseTo(q!.distance, 12);
    expect([p!.id, q!.id]).toEqual(["P", "Q"]);
    expect(r.echelles[0]!.log).toBe(true);
  });

  it("refuse k invalide ou une liste d'indicateurs vide ; la cible n'est jamais son propre voisin", () => {
    expect(() => similaires(c("T", 1), [], {indicateurs: ["a"], k: 0})).toThrow(/Nombre de territoires semblables invalide : 0/);
    expect(() => similaires(c("T", 1), [], {indicateurs: []})).toThrow(/au moins un indicateur/);
    expect(similaires(c("T", 1), [c("T", 1), c("P", 2), c("Q", 4)], {indicateurs: ["a"]}).voisins.map((v) => v.id)).toEqual(["P", "Q"]);
  });
});
