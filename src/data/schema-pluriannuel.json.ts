// The schéma pluriannuel tables entered by the analysts (table schema_pluriannuel, loaders/
// saisies-schema.ts), as rows the projections page groups per AO (projection-territoire.ts).
// Few rows (one per AO × mode × year): one file for every territory.
import {avecEntrepot} from "../../entrepot/connexion.js";
import {lireSchemaPluriannuel} from "../../entrepot/lecture-schema.js";

const lignes = await avecEntrepot(lireSchemaPluriannuel);
process.stdout.write(JSON.stringify({lignes}));
