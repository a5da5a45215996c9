// geo.api.gouv.fr contours: one GeoJSON per département fetched through the refresh path from
// FICTITIOUS fixtures served on 127.0.0.1, validated by the reader shared with the IGN loader;
// which contour wins when both draw a commune; bad inputs.
import {resolve} from "node:path";
import {describe, expect, it} from "vitest";
import type {Chargeur} from "../../loaders/lib/chargeur.js";
import {chargeurGeoApiContours, DEPARTEMENTS_GEO_API, telechargementsGeoApi} from "../../loaders/geo-api-contours.js";
import {chargeurContours} from "../../loaders/ign-contours.js";
import {chargeurs} from "../../loaders/chargeurs.js";
import {requete} from "../aides.js";
import {bancRafraichissement, bilanSource, construireAvec, dossierSources, rejetsSource, dossierSansLeFichier} from "./aides-sources.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures/geo-api-contours");
const carre = (x: number, y: number) => ({type: "Polygon", coordinates: [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]]});
const entite = (code: string, geometrie: unknown = carre(6, 44), nom = "COMMUNE FICTIVE") => ({type: "Feature", properties: {code, nom}, geometry: geometrie});
const collection = (...features: unknown[]) => JSON.stringify({type: "FeatureCollection", features});
/** Both loaders in the order of loaders/chargeurs.ts. */
const lesDeux: Chargeur = {id: "contours", libelle: "geo.api puis IGN", charger: async (ctx) => {
  await chargeurGeoApiContours.charger(ctx);
  await chargeurContours.charger(ctx);
}};

describe("liste des téléchargements geo.api.gouv.fr", () => {
  it("un fichier par département de métropole et des DROM (101), à l'URL officielle", () => {
    expect(DEPARTEMENTS_GEO_API).toHaveLength(101);
    expect(DEPARTEMENTS_GEO_API).toEqual(expect.arrayContaining(["01", "2A", "2B", "95", "971", "976"]));
    expect(DEPARTEMENTS_GEO_API).not.toContain("975");
    expect(chargeurGeoApiContours.telechargements).toHaveLength(101);
    expect(chargeurGeoApiContours.telechargements).toContainEqual({
      url: "https://geo.api.gouv.fr/departements/04/communes?format=geojson&geometry=contour&fields=code,nom,population,codeEpci",
      fichier: "geo-api-communes/geo-api-communes-04.geojson"
    });
  });
  it("passe avant les contours IGN dans la liste des chargeurs (le premier contour chargé est gardé)", () => {
    const ids = chargeurs("/tmp").map((c) => c.id);
    expect(ids.indexOf("geo-api-contours")).toBeGreaterThan(ids.indexOf("caf-allocataires-iris"));
    expect(ids.indexOf("geo-api-contours")).toBeLessThan(ids.indexOf("ign-contours"));
  });
});

describe("contours geo.api.gouv.fr de bout en bout (fixtures FICTIVES sur 127.0.0.1)", () => {
  const banc = bancRafraichissement({
    fixtures: FIXTURES, chargeur: lesDeux, telechargements: (base) => telechargementsGeoApi(base, ["04", "06", "05"]),
    fichiers: {
      "/departements/04/communes": {fichier: "FIXTURE_geo-api-communes-04.geojson", type: "application/geo+json"},
      "/departements/06/communes": {fichier: "FIXTURE_geo-api-communes-06.geojson", type: "application/geo+json"}
    },
    // An IGN file drawing 04070 too (2018 edition) and 04001, which geo.api does not give here.
    initiaux: {"ign-communes-essai/communes-04-fictif.geojson": collection(entite("04070", carre(0, 0)), entite("04001", carre(6.5, 44)))}
  });

  it("télécharge un GeoJSON par département ; un département qui ne répond pas est signalé, sans arrêter les autres", () => {
    expect(banc.journal.filter((m) => m.includes("téléchargé :"))).toHaveLength(2);
    expect(banc.journal.some((m) => /non téléchargé \(HTTP 404\) : .*\/departements\/05\/communes/.test(m))).toBe(true);
    expect(banc.serveur.requetes).toContain("/departements/04/communes?format=geojson&geometry=contour&fields=code,nom,population,codeEpci");
  });

  it("charge les contours (Polygon et MultiPolygon) ; la commune dessinée par les deux garde celui de geo.api.gouv.fr", async () => {
    const r = await requete<{code: string; geometrie: string; source_id: string}>(banc.cible, "SELECT code, geometrie, source_id FROM contour_commune ORDER BY code");
    expect(r.map((x) => [x.code, x.source_id])).toEqual([
      ["04001", "ign-communes-essai/communes-04-fictif.geojson"],
      ["04070", "geo-api-communes/geo-api-communes-04.geojson"],
      ["04112", "geo-api-communes/geo-api-communes-04.geojson"],
      ["06088", "geo-api-communes/geo-api-communes-06.geojson"]
    ]);
    expect(JSON.parse(r[1]!.geometrie)).toEqual(carre(6, 44));
    expect(JSON.parse(r[2]!.geometrie).type).toBe("MultiPolygon");
  });

  it("consigne chaque fichier ; le contour IGN écarté est compté hors champ, avec la source qui l'emporte", async () => {
    expect(await bilanSource(banc.cible, "geo-api-communes/geo-api-communes-04.geojson")).toMatchObject({lues: 2, chargees: 2, rejetees: 0, hors: 0});
    const ign = await bilanSource(banc.cible, "ign-communes-essai/communes-04-fictif.geojson");
    expect(ign).toMatchObject({lues: 2, chargees: 1, rejetees: 0, hors: 1});
    expect(ign.note).toBe("Hors champ : 1 communes déjà dessinées par geo-api-communes/geo-api-communes-04.geojson (le premier fichier chargé l'emporte).");
    const [s] = await requete<{url: string; editeur: string}>(banc.cible, "SELECT url, editeur FROM source WHERE id = 'geo-api-communes/geo-api-communes-06.geojson'");
    expect(s!.url).toBe("https://geo.api.gouv.fr/departements/06/communes?format=geojson&geometry=contour&fields=code,nom,population,codeEpci");
  });
});

describe("contours geo.api.gouv.fr : fichiers FICTIFS mal formés", () => {
  const F = "geo-api-communes/geo-api-communes-04.geojson";
  it("sans fichier : une ligne dans le journal, rien de chargé", async () => {
    const {cible, journal} = await construireAvec(chargeurGeoApiContours, dossierSansLeFichier());
    expect(journal.filter((m) => m.includes("fichier absent"))).toEqual([expect.stringMatching(/fichier absent : geo-api-communes\/geo-api-communes-<département>\.geojson .* : contours geo\.api\.gouv\.fr non chargés\.$/)]);
    expect(await requete(cible, "SELECT count(*)::INTEGER AS n FROM contour_commune")).toEqual([{n: 0}]);
  });

  it("refuse un fichier illisible ou qui n'est pas une FeatureCollection (réponse d'erreur de l'API)", async () => {
    await expect(construireAvec(chargeurGeoApiContours, dossierSources({[F]: "{\"type\": \"FeatureCollection\", "}))).rejects.toThrow(`${F} : GeoJSON illisible (`);
    await expect(construireAvec(chargeurGeoApiContours, dossierSources({[F]: JSON.stringify({code: 404, message: "Département non trouvé"})}))).rejects.toThrow(`${F} : une FeatureCollection GeoJSON est attendue.`);
  });

  it("rejette entité par entité : sans code, géométrie inattendue, commune inconnue, commune en double", async () => {
    const {cible} = await construireAvec(chargeurGeoApiContours, dossierSources({[F]: collection(
      entite("04070"),
      {type: "Feature", properties: {nom: "SANS CODE FICTIF"}, geometry: carre(6, 44)},
      entite("04112", {type: "Point", coordinates: [6, 44]}),
      entite("99999"),
      entite("04070", carre(7, 44))
    )}));
    expect(await rejetsSource(cible, F)).toEqual([
      {ligne: 2, colonne: "properties.code", valeur: null, motif: expect.stringMatching(/^entité invalide : /)},
      {ligne: 3, colonne: "geometry.type", valeur: null, motif: expect.stringMatching(/^entité invalide : /)},
      {ligne: 4, colonne: "properties.code", valeur: "99999", motif: "code commune absent du référentiel (géographie 2026)"},
      {ligne: 5, colonne: "properties.code", valeur: "04070", motif: "commune en double dans le fichier (contour déjà lu plus haut)"}
    ]);
    expect(await bilanSource(cible, F)).toMatchObject({lues: 5, chargees: 1, rejetees: 4, hors: 0});
    expect(await requete(cible, "SELECT code FROM contour_commune")).toEqual([{code: "04070"}]);
  });
});
