// Sums through a batch's memory (columns of numbers, src/lib/agregation.ts Memoire) against sums read
// cell by cell: the same figures, statuses and missing communes, whatever the cells say.
import {describe, expect, it} from "vitest";
import {anneesDisponibles, anneesMemorisees, empreinteManquantes, memoirePour, nouvelleMemoire, ratio, somme, type SerieCommunale} from "../../src/lib/agregation.js";

// Every kind of cell: a number, approximate, incomplete (lower bound), paired, masked, absent year, absent commune.
const num: SerieCommunale = {
  "04001": {"2020": 10, "2021": [12, "a"]},
  "04019": {"2020": [3, "i"], "2021": null},
  "04070": {"2020": [0.1, "p"], "2021": 0.2},
  "04112": {"2021": 7},
  "2A004": {"2020": 1e-9, "2021": [5, "a"]}
};
const den: SerieCommunale = {
  "04001": {"2020": 100, "2021": 120},
  "04019": {"2020": 30, "2021": [31, "a"]},
  "04070": {"2020": [0.3, "p"], "2021": [0.7, "i"]},
  "04112": {"2020": null, "2021": 70},
  "2A004": {"2020": 0.1, "2021": 50}
};
const listes = [["04001", "04019", "04070", "04112", "2A004"], ["2A004", "04070", "04001"], ["04112", "99999", "04019"], ["04001", "04001"]];

describe("sommes d'un lot lues en colonnes", () => {
  it("somme et ratio : mêmes chiffres, statuts et communes manquantes qu'une lecture cellule par cellule", () => {
    // Numbered from the first list only: the others add communes (one unknown to every series) as they come.
    const m = memoirePour(listes[0]!);
    for (const communes of listes) {
      for (const annee of ["2020", "2021", "2019"]) {
        expect(somme(num, communes, annee, m)).toEqual(somme(num, communes, annee));
        expect(ratio(num, den, communes, {num: annee, den: "2021"}, 100, m)).toEqual(ratio(num, den, communes, {num: annee, den: "2021"}));
      }
      expect(anneesMemorisees(m, den, communes)).toEqual(anneesDisponibles(den, communes));
    }
    // Not vacuous: each status occurs.
    const statuts = listes.flatMap((c) => ["2020", "2021"].flatMap((a) => [somme(num, c, a, m).statut, ratio(num, den, c, {num: a, den: a}, 100, m).statut]));
    expect(new Set(statuts)).toEqual(new Set(["complet", "approximatif", "incomplet", "non disponible"]));
    // The same additions in the same order: 10 + 3 + 0,1 + 1e-9 then the ratio, to the last bit.
    expect(somme(num, listes[0]!, "2020", nouvelleMemoire()).valeur).toBe(10 + 3 + 0.1 + 1e-9);
  });

  it("empreinte des communes manquantes : celle des codes triés, quel que soit l'ordre de la liste", () => {
    const a = (manquantes: string[]) => empreinteManquantes({valeur: null, statut: "incomplet", manquantes, retenues: 0});
    // FNV-1a of "04001,04019,04070", as the build's files and the pages compute it.
    expect(a(["04070", "04001", "04019"])).toBe("ae0319c9");
    expect(a(["04001", "04019", "04070"])).toBe("ae0319c9");
    expect(a(["04001", "04070"])).not.toBe("ae0319c9");
  });
});
