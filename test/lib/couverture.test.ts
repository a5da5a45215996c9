// Taux de couverture: one formula, sums of places and children over a group, never a mean of rates.
import {describe, expect, it} from "vitest";
import {couvertureAgregee, enfantsImplicites, MODES_CAF, MODES_SCHEMA, MODES_SCHEMA_PLACES, tauxCouverture} from "../../src/lib/couverture.js";

describe("taux de couverture", () => {
  it("rapporte les places à 100 enfants de moins de 3 ans", () => {
    expect(tauxCouverture(247, 393)).toBeCloseTo(62.85, 2);
    expect(tauxCouverture(150, 100)).toBe(150); // can exceed 100: never clamped
  });
  it("renvoie null, jamais 0 ni l'infini, quand un terme manque ou qu'il n'y a pas d'enfant", () => {
    expect(tauxCouverture(null, 393)).toBeNull();
    expect(tauxCouverture(247, null)).toBeNull();
    expect(tauxCouverture(247, 0)).toBeNull();
    expect(tauxCouverture(0, 100)).toBe(0);
  });
  it("retrouve le dénominateur de la Cnaf à partir des places et du taux publiés (Digne-les-Bains 2022)", () => {
    expect(enfantsImplicites(247, 62.8)).toBeCloseTo(393.3, 1);
    expect(enfantsImplicites(247, 0)).toBeNull();
    expect(enfantsImplicites(null, 62.8)).toBeNull();
  });
});

describe("couverture d'un groupe de communes", () => {
  it("divise la somme des places par la somme des enfants, pas la moyenne des taux", () => {
    const g = couvertureAgregee([
      {code: "04070", places: 247, enfantsMoins3Ans: 393},
      {code: "04001", places: 2, enfantsMoins3Ans: 10}
    ]);
    expect(g.places).toBe(249);
    expect(g.enfantsMoins3Ans).toBe(403);
    expect(g.tauxCouverture).toBeCloseTo((249 / 403) * 100, 10);
    // the mean of the two rates would say 41,4: a village weighing as much as a town
    expect(g.tauxCouverture).not.toBeCloseTo((62.85 + 20) / 2, 0);
  });
  it("renvoie null et la liste des communes sans donnée quand une partie manque", () => {
    const g = couvertureAgregee([
      {code: "04070", places: 247, enfantsMoins3Ans: 393},
      {code: "04001", places: null, enfantsMoins3Ans: 10},
      {code: "04004", places: 3, enfantsMoins3Ans: undefined}
    ]);
    expect(g).toEqual({places: null, enfantsMoins3Ans: null, tauxCouverture: null, manquantesPlaces: ["04001"], manquantesEnfants: ["04004"]});
  });
  it("renvoie null pour un groupe vide", () => {
    expect(couvertureAgregee([]).tauxCouverture).toBeNull();
  });
});

describe("modes d'accueil", () => {
  it("nomme les huit séries Cnaf et les six modes du schéma", () => {
    expect(MODES_CAF.map((m) => m.id)).toEqual(["eaje_psu", "eaje_hors_psu", "eaje", "prescolarisation", "assistants_maternels", "garde_domicile", "individuel", "ensemble"]);
    expect(MODES_SCHEMA.map((m) => m.id)).toEqual(["eaje_psu", "micro_creche_paje", "mam", "assistants_maternels", "rpe", "passerelles"]);
    expect(MODES_SCHEMA_PLACES).toEqual(["eaje_psu", "micro_creche_paje", "mam", "assistants_maternels"]);
  });
});
