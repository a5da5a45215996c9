// The under-3 estimator validated out of sample against the Cnaf's denominators, at build
// time: the methodology page prints it, the projections page takes its error band.
import {avecEntrepot} from "../../entrepot/connexion.js";
import {validationMoins3Ans} from "../../entrepot/moins3ans.js";

process.stdout.write(JSON.stringify(await avecEntrepot(validationMoins3Ans)));
