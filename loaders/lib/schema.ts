// The warehouse's tables (see docs/modele-de-donnees.md). Codes are VARCHAR: "01001", "2A004".
export const SCHEMA = `
CREATE TABLE source (
  id VARCHAR PRIMARY KEY, editeur VARCHAR NOT NULL, titre VARCHAR NOT NULL, url VARCHAR NOT NULL,
  millesime VARCHAR NOT NULL, fichier VARCHAR NOT NULL, recupere_le TIMESTAMP NOT NULL, sha256 VARCHAR NOT NULL,
  lignes_lues INTEGER NOT NULL, lignes_chargees INTEGER NOT NULL, lignes_rejetees INTEGER NOT NULL,
  lignes_hors_champ INTEGER NOT NULL, note VARCHAR,
  -- id of the loader that read the file (loaders/chargeurs.ts): a reload compares its rows with the replaced warehouse's
  chargeur VARCHAR NOT NULL
);
CREATE TABLE rejet (
  source_id VARCHAR NOT NULL, fichier VARCHAR NOT NULL, ligne INTEGER, colonne VARCHAR, valeur VARCHAR, motif VARCHAR NOT NULL
);
CREATE TABLE region (code VARCHAR PRIMARY KEY, nom VARCHAR NOT NULL);
CREATE TABLE departement (code VARCHAR PRIMARY KEY, nom VARCHAR NOT NULL, region VARCHAR NOT NULL);
CREATE TABLE epci (code VARCHAR PRIMARY KEY, nom VARCHAR NOT NULL, type VARCHAR NOT NULL, mode_financement VARCHAR);
CREATE TABLE commune (
  code VARCHAR PRIMARY KEY, nom VARCHAR NOT NULL, departement VARCHAR NOT NULL, region VARCHAR NOT NULL,
  epci VARCHAR, siren VARCHAR
);
-- Former commune codes (mergers) and arrondissements municipaux → current commune,
-- to bring older vintages and arrondissement-level files onto the current map.
-- nom: the former commune's or arrondissement's name where the referential gives one (NULL otherwise).
CREATE TABLE commune_ancienne (code VARCHAR NOT NULL, commune VARCHAR NOT NULL, nom VARCHAR);
CREATE TABLE population_legale (
  millesime INTEGER NOT NULL, commune VARCHAR NOT NULL,
  population_municipale INTEGER NOT NULL, population_totale INTEGER,
  source_id VARCHAR NOT NULL,
  -- true when the figure sums former communes merged since (older vintages on the current map)
  recompose BOOLEAN NOT NULL,
  PRIMARY KEY (millesime, commune)
);
-- Commune contours for maps (loaders/ign-contours.ts): GeoJSON geometry, WGS84; its spherical
-- area in km² (loaders/lib/surface.ts), for the population density.
CREATE TABLE contour_commune (code VARCHAR PRIMARY KEY, geometrie VARCHAR NOT NULL, source_id VARCHAR NOT NULL, surface_km2 DOUBLE NOT NULL);
-- Transfers of the AO competence (accueil du jeune enfant) to an EPCI (data/competences-ao/*.json,
-- loaders/competences-ao.ts): facts about the EPCI and its communes, read by every territory.
CREATE TABLE competence_ao (
  epci VARCHAR PRIMARY KEY, nom VARCHAR, sauf VARCHAR[] NOT NULL, en_vigueur DATE NOT NULL, source VARCHAR NOT NULL, fichier VARCHAR NOT NULL
);

-- EPCI and département contours for the national maps (loaders/contours-epci-departements.ts):
-- one quantized TopoJSON topology per file (its transform and delta-encoded arcs, as in the
-- file), and one row per territory with its TopoJSON geometry (arc indices into that topology)
-- and its spherical area in km² (loaders/lib/surface.ts), for the population density.
CREATE TABLE topologie (id VARCHAR PRIMARY KEY, transform JSON NOT NULL, arcs JSON NOT NULL, source_id VARCHAR NOT NULL);
CREATE TABLE contour_zone (niveau VARCHAR NOT NULL, code VARCHAR NOT NULL, topologie VARCHAR NOT NULL, geometrie JSON NOT NULL, surface_km2 DOUBLE NOT NULL, PRIMARY KEY (niveau, code));
CREATE TABLE groupe (id VARCHAR PRIMARY KEY, nom VARCHAR NOT NULL, description VARCHAR, fichier VARCHAR NOT NULL, definition JSON NOT NULL);
-- Cnaf early-childhood coverage (loaders/caf-couverture.ts), long format: one row per
-- level × code × year × mode, rate and places side by side, both as published (never
-- recomputed; NULL = not published, never 0). statut says whether the code is an area of
-- the 2026 referential ('territoire') or not: 'arrondissement' (Paris/Lyon/Marseille),
-- 'ancien_code' (commune merged since), 'perimetre_ancien' (a current code published on
-- its perimeter before a merger), 'hors_referentiel' (also in table rejet), 'sans_territoire'
-- (XX/XXX placeholder rows: real values, no area: never join them to a territory).
-- recompose = true: a current commune the file publishes in pieces (arrondissements, former
-- codes), rebuilt by the loader (places summed, rate = Σ places / Σ children, approximate).
CREATE TABLE caf_couverture (
  niveau VARCHAR NOT NULL, code VARCHAR NOT NULL, annee INTEGER NOT NULL, mode VARCHAR NOT NULL,
  taux DOUBLE, places INTEGER, libelle VARCHAR, statut VARCHAR NOT NULL,
  source_taux VARCHAR, source_places VARCHAR, recompose BOOLEAN NOT NULL
  -- unique (niveau, code, annee, mode): built by a GROUP BY on it (no index: see below)
);
-- Analysts' entries: schéma pluriannuel de l'offre d'accueil (data/saisies/schema-pluriannuel.csv).
-- periode 'actuel' (annee NULL) = the table's current column; '2026'…'2030' = planned.
CREATE TABLE schema_pluriannuel (
  territoire VARCHAR NOT NULL, ao VARCHAR NOT NULL, type_ao VARCHAR NOT NULL, mode VARCHAR NOT NULL, unite VARCHAR NOT NULL,
  periode VARCHAR NOT NULL, annee INTEGER, valeur DOUBLE, nb_structures INTEGER,
  besoins_emplois VARCHAR, autres_besoins VARCHAR, projets VARCHAR, couts_calendrier VARCHAR, ingenierie VARCHAR,
  source VARCHAR NOT NULL, note VARCHAR, fichier VARCHAR NOT NULL, ligne INTEGER NOT NULL,
  PRIMARY KEY (territoire, ao, mode, periode)
);
-- Analysts' entries: figures of CTG shared diagnostics that no official file produces
-- (data/saisies/diagnostic.csv, loaders/saisies-diagnostic.ts). territoire is an explicit id
-- ("groupe:ctg-paa", "commune:06033", "departement:06", "france"); base is the catalogue
-- series the entry fills. valeur NULL = figure unreadable in the document (note says why).
CREATE TABLE saisie (
  territoire VARCHAR NOT NULL, base VARCHAR NOT NULL, annee INTEGER NOT NULL, valeur DOUBLE,
  source VARCHAR NOT NULL, note VARCHAR, fichier VARCHAR NOT NULL, ligne INTEGER NOT NULL,
  -- a France or département figure quoted by another territory's diagnostic: that territory (a benchmark for it only)
  cite_par VARCHAR,
  PRIMARY KEY (territoire, base, annee)
);
-- Analysts' own text of an annexe 1 (data/saisies/textes/*.md, loaders/saisies-textes.ts):
-- one row per territory × section × rubrique (constats, enjeux, priorités); blocs is the
-- Markdown already parsed into headings, paragraphs and lists (src/lib/textes-analystes.ts).
CREATE TABLE texte_analyste (
  territoire VARCHAR NOT NULL, section VARCHAR NOT NULL, rubrique VARCHAR NOT NULL, blocs JSON NOT NULL,
  auteur VARCHAR NOT NULL, date VARCHAR NOT NULL, source VARCHAR NOT NULL, fichier VARCHAR NOT NULL,
  PRIMARY KEY (territoire, section, rubrique)
);
-- The fact tables of official files below have no PRIMARY KEY: their loaders reject
-- duplicate keys (lireCsv) and tests assert uniqueness, while building the index would cost
-- more than reading the file (births: ~0.7 s for 617 000 rows against ~0.4 s for DuckDB's
-- bare read_csv), which the bench's budget (load ≤ 1.5 × bare read) cannot afford.
-- INSEE état civil, naissances vivantes domiciliées (loaders/insee-naissances.ts).
-- niveau: COM, ARM (arrondissement municipal), EPCI, DEP, REG, FRANCE (codes F, FM, F_X_D976).
-- naissances NULL when INSEE publishes no figure (statut M, "sans objet"), never 0.
CREATE TABLE naissance (
  niveau VARCHAR NOT NULL, code VARCHAR NOT NULL, annee INTEGER NOT NULL,
  naissances INTEGER, statut VARCHAR NOT NULL,
  -- true when the row sums former commune codes merged since into today's commune
  recompose BOOLEAN NOT NULL
  -- unique (niveau, code, annee): enforced by the loader, not by a PRIMARY KEY (see below)
);
-- INSEE Filosofi, revenu disponible (loaders/insee-filosofi.ts), one row per territory and
-- millésime, the INSEE variables without their year suffix (q2 = Q219 = median, €/UC).
-- NULL = empty cell of the official file (secret statistique), never 0; a variable a
-- millésime does not publish is NULL too, and the source note lists the ones it lacks.
CREATE TABLE filosofi (
  niveau VARCHAR NOT NULL, code VARCHAR NOT NULL, annee INTEGER NOT NULL,
  nbmen INTEGER, nbpers INTEGER, nbuc DOUBLE,
  q1 DOUBLE, q2 DOUBLE, q3 DOUBLE, q3_q1 DOUBLE,
  d1 DOUBLE, d2 DOUBLE, d3 DOUBLE, d4 DOUBLE, d6 DOUBLE, d7 DOUBLE, d8 DOUBLE, d9 DOUBLE,
  rd DOUBLE, s80s20 DOUBLE, gi DOUBLE,
  pact DOUBLE, ptsa DOUBLE, pcho DOUBLE, pben DOUBLE, ppen DOUBLE, ppat DOUBLE,
  ppsoc DOUBLE, ppfam DOUBLE, ppmini DOUBLE, pplogt DOUBLE, pimpot DOUBLE
  -- unique (niveau, code, annee): enforced by the loader
);
-- Cnaf, allocataires by IRIS at 31 December (loaders/caf-allocataires-iris.ts). Empty cells are
-- secret statistique: NULL, never 0. APRES50/APRES100 only exist in the 2016 and 2017 files.
CREATE TABLE caf_iris (
  annee INTEGER NOT NULL, iris VARCHAR NOT NULL, commune VARCHAR NOT NULL, note INTEGER NOT NULL, libelle_iris VARCHAR,
  a INTEGER, percou INTEGER, ai INTEGER, am INTEGER, acssenf INTEGER, acavenf INTEGER, ac3enf INTEGER,
  enf INTEGER, enf_2 INTEGER, enf_3_5 INTEGER, enf_6_10 INTEGER, enf_11_14 INTEGER, enf_15_17 INTEGER, enf_18_24 INTEGER,
  a_etud INTEGER, a_netud_24 INTEGER, aal INTEGER, aapl INTEGER, aaah INTEGER, appa INTEGER, arsas INTEGER,
  apres50 INTEGER, apres100 INTEGER
  -- unique (annee, iris): enforced by the loader
);
-- caf_iris summed by commune (2026 map), one row per indicator the year's file publishes.
-- valeur sums the published IRIS; incomplet = at least one IRIS of the commune has the figure masked,
-- so valeur is then a lower bound. Only communes split into IRIS are in these files.
CREATE TABLE caf_allocataires_commune (
  annee INTEGER NOT NULL, commune VARCHAR NOT NULL, indicateur VARCHAR NOT NULL, valeur INTEGER,
  nb_iris INTEGER NOT NULL, nb_iris_masques INTEGER NOT NULL, incomplet BOOLEAN NOT NULL
  -- unique (annee, commune, indicateur): built by a GROUP BY on it
);
-- Cnaf s_ben_com_f, foyers allocataires and personnes couvertes by commune in December
-- (loaders/caf-allocataires-commune.ts), on the 2026 map. Counts are rounded to 5 by the
-- Cnaf: approche = true (flag 'a'). NULL = masked cell (or a sum with a masked piece), never 0.
-- recompose = true when the row sums arrondissements (Paris, Lyon, Marseille) or former codes.
CREATE TABLE caf_allocataires_com (
  annee INTEGER NOT NULL, commune VARCHAR NOT NULL, foyers INTEGER, personnes INTEGER,
  approche BOOLEAN NOT NULL, recompose BOOLEAN NOT NULL, source_id VARCHAR NOT NULL
  -- unique (annee, commune): built by a GROUP BY on it
);
-- INSEE recensement, population by single year of age (TD_POP1B_<année>, loaders/insee-pop-age.ts),
-- both sexes summed, on the 2026 map. age 100 = 100 years or more. nb is a census estimate
-- (decimal: communes of 10 000 inhabitants or more are surveyed by sample).
CREATE TABLE pop_age (
  annee INTEGER NOT NULL, commune VARCHAR NOT NULL, age INTEGER NOT NULL, nb DOUBLE NOT NULL
  -- unique (annee, commune, age): built by a GROUP BY on it
);
-- INSEE recensement, base infracommunale couples-familles-ménages (loaders/insee-rp-familles.ts):
-- IRIS summed by commune (2026 map), one row per variable (INSEE name without its C22_ prefix,
-- lower-cased: men, menpseul, fam, fammono, coupsenf, coupaenf). valeur is a census estimate
-- (decimal); incomplet = at least one IRIS of the commune has the cell empty (valeur is then a lower bound).
CREATE TABLE rp_familles (
  annee INTEGER NOT NULL, commune VARCHAR NOT NULL, variable VARCHAR NOT NULL, valeur DOUBLE,
  nb_iris INTEGER NOT NULL, incomplet BOOLEAN NOT NULL
  -- unique (annee, commune, variable): built by a GROUP BY on it
);
`;
