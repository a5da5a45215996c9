import {describe, expect, it} from "vitest";
import {champsAEspacesInsecables} from "../../loaders/lib/octets.js";

const champs = (texte: string) => {
  const r = champsAEspacesInsecables(Buffer.from(texte, "utf8"), ";");
  return r && [...r].sort();
};

describe("champsAEspacesInsecables : colonnes à lire en texte (séparateurs de milliers insécables)", () => {
  it("situe chaque espace insécable ou fine insécable dans sa colonne", () => {
    expect(champs("a;b;c\n1;2\u00a0000;3\n4;5;6\u202f000\n")).toEqual([1, 2]);
    expect(champs("a;b\n1;2\n")).toEqual([]);
  });
  it("compte les champs entre guillemets comme un seul, séparateur compris", () => {
    expect(champs('a;b;c\n"x;y";1;2\u00a0000\n')).toEqual([2]);
    expect(champs('a;b;c\n"x"";y";1\u00a0000;2\n')).toEqual([1]);
  });
  it("renonce (null : tous les nombres en texte) quand les guillemets de la ligne ne s'apparient pas", () => {
    expect(champs('a;b;c\n"x;y;1\u00a0000\nz";2;3\n')).toBeNull();
  });
});
