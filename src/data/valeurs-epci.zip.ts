// Every EPCI's value of each comparable indicator, year by year (data/valeurs-epci/<indicateur>.json),
// for the national maps; computed like any territory's figure (src/lib/cartes.ts).
import {avecEntrepot} from "../../entrepot/connexion.js";
import {lireFaits} from "../../entrepot/faits.js";
import {lireReferentiel} from "../../entrepot/lecture.js";
import {valeursEpci} from "../lib/cartes.js";
import {zipJson} from "../lib/zip.js";

const fichiers = await avecEntrepot(async (conn) => valeursEpci(await lireReferentiel(conn), await lireFaits(conn)));
process.stdout.write(zipJson(fichiers));
