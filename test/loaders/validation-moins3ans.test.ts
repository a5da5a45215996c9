// The under-3 estimator (src/lib/modele-moins3ans.ts) validated out of sample on the real files
// (Cnaf 2017–2022, INSEE births 2008–2024), with issue 15's targets as assertions. The
// leave-one-out target is not met: its test is marked `fails` and states the measured value, so
// that the day a method meets it the suite says so and the mark comes off.
import {describe, expect, it} from "vitest";
import {ouvrirEntrepot as ouvrir} from "../../entrepot/connexion.js";
import {lireCalibration, validationMoins3Ans} from "../../entrepot/moins3ans.js";
import {CIBLES_VALIDATION, type ResultatValidation} from "../../src/lib/validation-moins3ans.js";
import {avecDonneesReelles, entrepotComplet} from "../aides.js";

const actif = avecDonneesReelles();
if (!actif) console.warn("validation-moins3ans : validation sur fichiers réels sautée (../shared/data absent).");

describe.skipIf(!actif)("estimation calibrée des moins de 3 ans, hors échantillon, fichiers réels 2017–2022", async () => {
  let v: ResultatValidation;
  let calibration: Awaited<ReturnType<typeof lireCalibration>>;
  if (actif) {
    const conn = await ouvrir(entrepotComplet());
    try {
      v = await validationMoins3Ans(conn);
      calibration = await lireCalibration(conn);
    } finally {
      conn.closeSync();
    }
  }
  const h = (k: number) => v.horizons.find((d) => d.horizon === k)!;

  it("compare toutes les paires commune × année ; naissances brutes : écart absolu médian 8,0 %", () => {
    expect(v.annees).toEqual([2017, 2022]);
    expect(v.brut.n).toBe(6191);
    expect(v.brut.medianeAbsolue!).toBeCloseTo(7.98, 1);
    expect(h(1).n).toBeGreaterThan(5000);
    expect(h(3).n).toBeGreaterThan(3000);
  });
  it(`un an après : écart absolu médian ≤ ${CIBLES_VALIDATION.unAn.medianeAbsolue} % et 90e centile ≤ ${CIBLES_VALIDATION.unAn.p90Absolu} %`, () => {
    // Measured: 2,95 % and 8,40 % (5 137 pairs); 4,6 % / 3,4 % / 2,2 % by size class.
    expect(h(1).n).toBe(5137);
    expect(h(1).medianeAbsolue!).toBeLessThanOrEqual(CIBLES_VALIDATION.unAn.medianeAbsolue);
    expect(h(1).p90Absolu!).toBeLessThanOrEqual(CIBLES_VALIDATION.unAn.p90Absolu);
    expect([h(1).medianeAbsolue!, h(1).p90Absolu!]).toEqual([expect.closeTo(2.95, 1), expect.closeTo(8.4, 1)]);
    expect(h(1).parTaille.map((t) => t.medianeAbsolue!)).toEqual([expect.closeTo(4.56, 1), expect.closeTo(3.37, 1), expect.closeTo(2.22, 1)]);
  });
  it(`trois ans après : écart absolu médian ≤ ${CIBLES_VALIDATION.troisAns.medianeAbsolue} %`, () => {
    // Measured 5,27 % (3 064 pairs); 8,4 % / 6,2 % / 3,9 % by size class.
    expect(h(3).medianeAbsolue!).toBeLessThanOrEqual(CIBLES_VALIDATION.troisAns.medianeAbsolue);
    expect(h(3).medianeAbsolue!).toBeCloseTo(5.27, 1);
    expect(h(3).parTaille.map((t) => t.medianeAbsolue!)).toEqual([expect.closeTo(8.4, 1), expect.closeTo(6.24, 1), expect.closeTo(3.95, 1)]);
  });
  it("communes jamais publiées : mieux que les naissances brutes (6,6 % contre 8,0 %)", () => {
    // Measured 6,63 % (5 164 pairs); 9,3 % / 7,3 % / 5,4 % by size class.
    expect(v.sansPublication.n).toBe(5164);
    expect(v.sansPublication.medianeAbsolue!).toBeCloseTo(6.63, 1);
    expect(v.sansPublication.parTaille.map((t) => t.medianeAbsolue!)).toEqual([expect.closeTo(9.31, 1), expect.closeTo(7.35, 1), expect.closeTo(5.39, 1)]);
    expect(v.sansPublication.medianeAbsolue!).toBeLessThan(v.brut.medianeAbsolue!);
  });
  it.fails(`communes jamais publiées : écart absolu médian ≤ ${CIBLES_VALIDATION.sansPublication.medianeAbsolue} % (non atteint : 6,6 %)`, () => {
    expect(v.sansPublication.medianeAbsolue!).toBeLessThanOrEqual(CIBLES_VALIDATION.sansPublication.medianeAbsolue);
  });
  it("le site : Digne-les-Bains par le modèle et son propre écart de 2022, une petite commune voisine par le modèle seul", () => {
    expect(calibration.get("04070")).toMatchObject({methode: "commune", annee: 2022});
    expect(calibration.get("04070")!.rho).toBeCloseTo(0.928, 3);
    expect(calibration.get("04001")).toMatchObject({methode: "modele", annee: 2022, ecart: 0});
    // Same département, same model: the two communes differ only by Digne's own deviation.
    expect(calibration.get("04001")!.coefficients).toEqual(calibration.get("04070")!.coefficients);
  });
});
