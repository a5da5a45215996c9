// Territory index for the site (see src/components/index-territoires.ts).
import {referentiel} from "./lecture-entrepot.js";
import {construireIndex} from "../components/index-territoires.js";

process.stdout.write(JSON.stringify(construireIndex(await referentiel())));
