import {describe, expect, it} from "vitest";
import {formatCommunes, formatDecimal, formatEcartPourcent, formatEntier, formatEuros, formatPourcent, NON_DISPONIBLE} from "../../src/lib/format.js";
import {simple} from "../aides.js";

describe("formats français", () => {
  it("sépare les milliers par une espace", () => {
    expect(simple(formatEntier(48726))).toBe("48 726");
    expect(simple(formatEntier(659731))).toBe("659 731");
  });
  it("écrit les décimales avec une virgule et le pourcentage après une espace", () => {
    expect(formatDecimal(62.8)).toBe("62,8");
    expect(simple(formatPourcent(58.3))).toBe("58,3 %");
    expect(simple(formatPourcent((20625 / 48726) * 100))).toBe("42,3 %");
    expect(simple(formatEuros(20650))).toBe("20 650 €");
  });
  it("compte les communes au singulier et au pluriel, avec l'espace des milliers", () => {
    expect([1, 46, 34969].map((n) => simple(formatCommunes(n)))).toEqual(["1 commune", "46 communes", "34 969 communes"]);
  });
  it("signe les écarts avec un vrai signe moins, sans signe pour zéro", () => {
    expect([-5.42, 2.06, 0].map((v) => simple(formatEcartPourcent(v)))).toEqual(["−5,4 %", "+2,1 %", "0,0 %"]);
    expect(formatEcartPourcent(null)).toBe("n.d.");
  });
  it("n'affiche jamais 0 pour une valeur absente", () => {
    expect(formatEntier(null)).toBe(NON_DISPONIBLE);
    expect(formatPourcent(undefined)).toBe(NON_DISPONIBLE);
    expect(formatDecimal(Number.NaN)).toBe(NON_DISPONIBLE);
  });
});
