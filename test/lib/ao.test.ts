import {describe, expect, it} from "vitest";
import {competencesAO, trancheAO} from "../../src/lib/ao.js";

describe("compétences des autorités organisatrices (L. 214-1-3 CASF)", () => {
  it("toute AO recense et informe", () => {
    expect(competencesAO(0)).toEqual(["recenser", "informer"]);
    expect(competencesAO(2841)).toEqual(["recenser", "informer"]);
  });
  it("planifie au-delà de 3 500 habitants (strictement)", () => {
    expect(competencesAO(3500)).toEqual(["recenser", "informer"]);
    expect(competencesAO(3501)).toEqual(["recenser", "informer", "planifier"]);
    expect(trancheAO(5218)).toBe("3 500 à 10 000");
  });
  it("schéma pluriannuel et RPE au-delà de 10 000 habitants", () => {
    expect(competencesAO(10000)).not.toContain("schema");
    expect(competencesAO(10001)).toEqual(["recenser", "informer", "planifier", "schema"]);
    expect(trancheAO(38193)).toBe("plus de 10 000");
  });
});
