// Peers of a territory (src/lib/pairs.ts): every EPCI's figures in epci.json (loaded with the
// comparison and diagnostic pages, ~45 kB compressed), every commune's in one file per région
// (communes-<région>.json, fetched only when a commune is placed among its peers).
import {avecEntrepot} from "../../entrepot/connexion.js";
import {lireReferentiel} from "../../entrepot/lecture.js";
import {lireFaits} from "../../entrepot/faits.js";
import {fichiersPairs} from "../lib/pairs.js";
import {zipJson} from "../lib/zip.js";

process.stdout.write(zipJson(await avecEntrepot(async (conn) => fichiersPairs(await lireReferentiel(conn), await lireFaits(conn)))));
