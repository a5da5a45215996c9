// Per-département diagnostic data (data/faits/<dep>.json), fetched on demand: the base
// series of the département's communes, the figures published for them and for its EPCI,
// and the département's own comparison values (its communes' contours: contours.zip.ts).
import {avecEntrepot} from "../../entrepot/connexion.js";
import {lireDonneesDiagnostic} from "../../entrepot/diagnostic.js";
import {fichiersParDepartement} from "../lib/donnees-territoire.js";
import {zipJson} from "../lib/zip.js";

const fichiers = await avecEntrepot(async (conn) => {
  const {ref, faits, comparaisons} = await lireDonneesDiagnostic(conn);
  return fichiersParDepartement(ref, faits, comparaisons);
});
process.stdout.write(zipJson(fichiers));
