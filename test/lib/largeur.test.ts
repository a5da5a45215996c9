import {describe, expect, it} from "vitest";
import {largeurGraphique} from "../../src/lib/largeur.js";

describe("largeur des graphiques", () => {
  it("garde la largeur de la page entre les bornes, même à 0 avant la mise en page", () => {
    expect(largeurGraphique(0)).toBe(320);
    expect(largeurGraphique(640)).toBe(640);
    expect(largeurGraphique(1400)).toBe(900);
    expect(largeurGraphique(-40, 560, 240)).toBe(240);
  });
});
