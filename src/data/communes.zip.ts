// One JSON file per département (communes with their legal populations by millésime),
// fetched by the pages on demand: data/communes/<dep>.json.
import {referentiel} from "../../entrepot/connexion.js";
import {communesParDepartement} from "../lib/index-territoires.js";
import {zipJson} from "../lib/zip.js";

process.stdout.write(zipJson(communesParDepartement(await referentiel())));
