// Sources and vintages actually loaded in the warehouse, for the methodology page.
import {avecEntrepot} from "../../entrepot/connexion.js";
import {lireMillesimes, lireSources} from "../../entrepot/lecture.js";

const contenu = await avecEntrepot(async (conn) => ({sources: await lireSources(conn), millesimes: await lireMillesimes(conn)}));
process.stdout.write(JSON.stringify(contenu));
