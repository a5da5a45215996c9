// Territory index for the site (see src/lib/index-territoires.ts).
import {referentiel} from "../../entrepot/connexion.js";
import {construireIndex} from "../lib/index-territoires.js";

process.stdout.write(JSON.stringify(construireIndex(await referentiel())));
