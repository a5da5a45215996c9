// France's comparison values of every indicator (computed from all communes with the same
// functions as any territory), and the statistics published above the commune level
// (EPCI, département, région, France) for non-aggregable indicators such as medians.
import {avecEntrepot} from "../../entrepot/connexion.js";
import {lireDonneesDiagnostic} from "../../entrepot/diagnostic.js";
import {fichierFrance} from "../lib/donnees-territoire.js";

const d = await avecEntrepot(lireDonneesDiagnostic);
process.stdout.write(JSON.stringify(fichierFrance(d.faits, d.comparaisons)));
