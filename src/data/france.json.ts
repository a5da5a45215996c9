// France's comparison values of every indicator (computed from all communes with the same
// functions as any territory), and the statistics published above the commune level
// (EPCI, département, région, France) for non-aggregable indicators such as medians.
import {avecEntrepot} from "./lecture-entrepot.js";
import {lireDonneesDiagnostic} from "../../loaders/diagnostic.js";
import type {FichierFrance} from "../components/chargement.js";

const contenu: FichierFrance = await avecEntrepot(async (conn) => {
  const d = await lireDonneesDiagnostic(conn);
  return {
    comparaison: Object.fromEntries(Object.entries(d.comparaisons).map(([ind, parZone]) => [ind, parZone["france"] ?? {}])),
    saisies: d.faits.saisies ?? {},
    publies: Object.fromEntries(Object.entries(d.faits.publies).map(([base, parId]) => [base, Object.fromEntries(Object.entries(parId).filter(([id]) => !id.startsWith("commune:")))]))
  };
});
process.stdout.write(JSON.stringify(contenu));
