// National maps: EPCI and département contours for France (simplified) and for each région
// (data/cartes/<france|région>.json), fetched by the pages on demand (src/lib/cartes.ts).
import {avecEntrepot} from "../../entrepot/connexion.js";
import {lireTopologies} from "../../entrepot/contours-zones.js";
import {lireReferentiel} from "../../entrepot/lecture.js";
import {fichiersCartes} from "../lib/cartes.js";
import {zipJson} from "../lib/zip.js";

const fichiers = await avecEntrepot(async (conn) => fichiersCartes(await lireReferentiel(conn), await lireTopologies(conn)));
process.stdout.write(zipJson(fichiers));
