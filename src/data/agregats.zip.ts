// France's and each région's figures computed at build time (data/agregats/<france|région>.json),
// so that their diagnostic shows first figures from one small file (src/lib/donnees-territoire.ts).
import {avecEntrepot} from "../../entrepot/connexion.js";
import {lireFaits} from "../../entrepot/faits.js";
import {lireReferentiel} from "../../entrepot/lecture.js";
import {fichiersAgregats} from "../lib/donnees-territoire.js";
import {zipJson} from "../lib/zip.js";

const fichiers = await avecEntrepot(async (conn) => fichiersAgregats(await lireReferentiel(conn), await lireFaits(conn)));
process.stdout.write(zipJson(fichiers));
