// Per-département diagnostic data (data/faits/<dep>.json), fetched on demand: the base
// series of the département's communes, the figures published for them and for its EPCI,
// and the département's own comparison values (its communes' contours: contours.zip.ts).
import {donneesDiagnosticPartagees} from "../../entrepot/partage.js";
import {fichiersParDepartement} from "../lib/donnees-territoire.js";
import {zipJson} from "../lib/zip.js";

const {ref, faits, comparaisons} = await donneesDiagnosticPartagees();
process.stdout.write(zipJson(fichiersParDepartement(ref, faits, comparaisons)));
