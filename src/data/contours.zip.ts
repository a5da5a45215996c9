// The communes' contours per département (data/contours/<dep>.json), fetched by a page when a
// commune map comes into view: the heaviest part of a département's data, kept off first loads.
import {avecEntrepot} from "../../entrepot/connexion.js";
import {lireContours} from "../../entrepot/faits.js";
import {lireReferentiel} from "../../entrepot/lecture.js";
import {contoursParDepartement} from "../lib/donnees-territoire.js";
import {zipJson} from "../lib/zip.js";

process.stdout.write(zipJson(await avecEntrepot(async (conn) => contoursParDepartement(await lireReferentiel(conn), await lireContours(conn)))));
