// Territory index for the site without its communes (see decouperIndex in src/lib/index-territoires.ts):
// EPCI, départements, régions, CTG territories, and the keys of the communes' slices.
import {referentiel} from "../../entrepot/connexion.js";
import {construireIndex, decouperIndex} from "../lib/index-territoires.js";

process.stdout.write(JSON.stringify(decouperIndex(construireIndex(await referentiel())).base));
