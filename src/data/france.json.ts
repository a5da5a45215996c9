// France's comparison values of every indicator (computed from all communes with the same
// functions as any territory), and the statistics published above the commune level
// (EPCI, département, région, France) for non-aggregable indicators such as medians.
import {donneesDiagnosticPartagees} from "../../entrepot/partage.js";
import {fichierFrance} from "../lib/donnees-territoire.js";

const d = await donneesDiagnosticPartagees();
process.stdout.write(JSON.stringify(fichierFrance(d.faits, d.comparaisons)));
