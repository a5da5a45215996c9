// The estimate of children under 3 checked against the Cnaf's denominators, at build time:
// the methodology page shows the error distribution, not the 6 000 points.
import {avecEntrepot} from "../../entrepot/connexion.js";
import {validationMoins3Ans} from "../../entrepot/validation-moins3ans.js";

process.stdout.write(JSON.stringify(await avecEntrepot(validationMoins3Ans)));
