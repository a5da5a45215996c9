// Every EPCI's value of each comparable indicator, year by year (data/valeurs-epci/<indicateur>.json),
// for the national maps; computed like any territory's figure (src/lib/cartes.ts).
import {donneesDiagnosticPartagees} from "../../entrepot/partage.js";
import {valeursEpci} from "../lib/cartes.js";
import {zipJson} from "../lib/zip.js";

const {ref, faits} = await donneesDiagnosticPartagees();
process.stdout.write(zipJson(valeursEpci(ref, faits)));
