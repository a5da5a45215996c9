// The warehouse's tables (see docs/modele-de-donnees.md). Codes are VARCHAR: "01001", "2A004".
export const SCHEMA = `
CREATE TABLE source (
  id VARCHAR PRIMARY KEY, editeur VARCHAR NOT NULL, titre VARCHAR NOT NULL, url VARCHAR NOT NULL,
  millesime VARCHAR NOT NULL, fichier VARCHAR NOT NULL, recupere_le TIMESTAMP NOT NULL, sha256 VARCHAR NOT NULL,
  lignes_lues INTEGER NOT NULL, lignes_chargees INTEGER NOT NULL, lignes_rejetees INTEGER NOT NULL,
  lignes_hors_champ INTEGER NOT NULL, note VARCHAR
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
CREATE TABLE commune_ancienne (code VARCHAR NOT NULL, commune VARCHAR NOT NULL);
CREATE TABLE population_legale (
  millesime INTEGER NOT NULL, commune VARCHAR NOT NULL,
  population_municipale INTEGER NOT NULL, population_totale INTEGER,
  source_id VARCHAR NOT NULL,
  -- true when the figure sums former communes merged since (older vintages on the current map)
  recompose BOOLEAN NOT NULL,
  PRIMARY KEY (millesime, commune)
);
CREATE TABLE groupe (id VARCHAR PRIMARY KEY, nom VARCHAR NOT NULL, description VARCHAR, fichier VARCHAR NOT NULL, definition JSON NOT NULL);
`;
