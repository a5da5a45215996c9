// The analysts' texts of every territory (constats, enjeux, priorités): a few kilobytes.
import {avecEntrepot} from "../../entrepot/connexion.js";
import {lireTextesAnalystes} from "../../entrepot/textes.js";

process.stdout.write(JSON.stringify(await avecEntrepot(lireTextesAnalystes)));
