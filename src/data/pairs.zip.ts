// Peers of a territory (src/lib/pairs.ts): every EPCI's figures in epci.json (loaded with the
// comparison and diagnostic pages, ~45 kB compressed), every commune's in one file per région
// (communes-<région>.json, fetched only when a commune is placed among its peers).
import {donneesDiagnosticPartagees} from "../../entrepot/partage.js";
import {fichiersPairs} from "../lib/pairs.js";
import {zipJson} from "../lib/zip.js";

const {ref, faits} = await donneesDiagnosticPartagees();
process.stdout.write(zipJson(fichiersPairs(ref, faits)));
