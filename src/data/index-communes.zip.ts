// The communes' names and former codes in slices (data/index-communes/<clé>.json), fetched by the
// territory picker as the user types: by the first letter of a word of the name ("n-d" for Digne)
// or by the first two characters of a code ("c-04").
import {referentiel} from "../../entrepot/connexion.js";
import {construireIndex, decouperIndex} from "../lib/index-territoires.js";
import {zipJson} from "../lib/zip.js";

process.stdout.write(zipJson(decouperIndex(construireIndex(await referentiel())).tranches));
