// --refresh without a network: a host that cannot be reached is asked once, its other files
// are counted in one line, and the other hosts are still tried.
import {createServer, type Server} from "node:http";
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {rafraichir, telecharger} from "../../loaders/lib/telechargement.js";
import {chargeurCouverture} from "../../loaders/caf-couverture.js";
import type {Chargeur} from "../../loaders/lib/chargeur.js";
import {demarrerServeurOds} from "./serveur-opendatasoft.js";

let serveur: Server;
let base: string;
let ferme: string;

const ecoute = (s: Server) => new Promise<number>((ok) => s.listen(0, "127.0.0.1", () => ok((s.address() as {port: number}).port)));

beforeAll(async () => {
  serveur = createServer((req, res) => res.end(`contenu de ${req.url}`));
  base = `http://127.0.0.1:${await ecoute(serveur)}`;
  // A port that was free a moment ago and is closed now: connection refused, like a host out of reach.
  const provisoire = createServer();
  ferme = `http://127.0.0.1:${await ecoute(provisoire)}`;
  await new Promise((ok) => provisoire.close(ok));
});
afterAll(() => serveur.close());

describe("téléchargements (--refresh)", () => {
  it("ne redemande pas un serveur injoignable et télécharge ceux qui répondent", async () => {
    const sources = mkdtempSync(join(tmpdir(), "ctg-telechargement-"));
    const journal: string[] = [];
    const liste = [1, 2, 3].map((k) => ({url: `${ferme}/f${k}.csv`, fichier: `injoignable/f${k}.csv`}));
    const n = await telecharger([...liste, {url: `${base}/ok.csv`, fichier: "ok/ok.csv"}], sources, (m) => journal.push(m));
    expect(n).toBe(1);
    expect(readFileSync(join(sources, "ok/ok.csv"), "utf8")).toBe("contenu de /ok.csv");
    expect(journal.filter((l) => l.includes("non téléchargé"))).toHaveLength(1);
    expect(journal).toContain(`      2 autres fichiers de ${new URL(ferme).host} non demandés : serveur injoignable.`);
  });
  it("--via records : les jeux de la Cnaf par l'API paginée, les autres fichiers en entier", async () => {
    const caf = await demarrerServeurOds(resolve(import.meta.dirname, "../fixtures/caf"));
    try {
      const sources = mkdtempSync(join(tmpdir(), "ctg-records-"));
      const autre: Chargeur = {id: "autre", libelle: "autre", charger: async () => {}, telechargements: [{url: `${base}/autre.csv`, fichier: "autre.csv"}]};
      // The Cnaf loader's whole-file exports point at data.caf.fr itself: only the records path takes a base.
      const n = await rafraichir([chargeurCouverture, autre], sources, {via: "records", base: caf.base, log: () => {}});
      // The fixtures hold 3 records datasets (dep rates and places, reg rates) among the 20 the Cnaf publishes.
      expect(n).toBe(3 + 1);
      expect(caf.requetes.length).toBeGreaterThan(0);
      expect(caf.requetes.every((r) => r.includes("/records"))).toBe(true);
      expect(readFileSync(join(sources, "autre.csv"), "utf8")).toBe("contenu de /autre.csv");
    } finally {
      await caf.fermer();
    }
  });
});
