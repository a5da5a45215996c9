// A territory's full diagnostic in Node: median over every EPCI of France, on the real
// files (the warehouse is read once; the time measured is the diagnostic itself).
import {existsSync} from "node:fs";
import {ouvrirEntrepot} from "../entrepot/connexion.js";
import {lireDonneesDiagnostic} from "../entrepot/diagnostic.js";
import {diagnostic} from "../src/lib/diagnostic.js";
import {departementDeReference, equivalents, resoudreTerritoire} from "../src/lib/territoire.js";
import {ms, type Ligne} from "./mesure.js";

export async function benchDiagnostic(entrepot: string): Promise<Ligne[]> {
  if (!existsSync(entrepot)) return [{mesure: "Diagnostic", valeur: `entrepôt ${entrepot} absent`}];
  const conn = await ouvrirEntrepot(entrepot);
  const d = await lireDonneesDiagnostic(conn);
  conn.closeSync();
  const temps: number[] = [];
  for (const code of d.ref.epci.keys()) {
    const t = resoudreTerritoire(d.ref, `epci:${code}`);
    const debut = performance.now();
    diagnostic({id: t.id, equivalents: equivalents(d.ref, t), communes: t.communes, departement: departementDeReference(d.ref, t), faits: d.faits, comparaisons: d.comparaisons});
    temps.push(performance.now() - debut);
  }
  temps.sort((a, b) => a - b);
  const q = (p: number) => temps[Math.floor(p * (temps.length - 1))]!;
  return [
    {mesure: `Diagnostic complet d'un territoire, médiane sur ${temps.length} EPCI (Node)`, valeur: ms(q(0.5)), cible: "≤ 10 ms", ok: q(0.5) <= 10},
    {mesure: "… 90e centile / maximum", valeur: `${ms(q(0.9))} / ${ms(q(1))}`}
  ];
}
