// France's and each région's figures computed at build time (data/agregats/<france|région>.json),
// so that their diagnostic shows first figures from one small file (src/lib/donnees-territoire.ts).
import {donneesDiagnosticPartagees} from "../../entrepot/partage.js";
import {fichiersAgregats} from "../lib/donnees-territoire.js";
import {zipJson} from "../lib/zip.js";

const {ref, faits} = await donneesDiagnosticPartagees();
process.stdout.write(zipJson(fichiersAgregats(ref, faits)));
