// The annexe 1 as an analyst hands it in, in Chromium: the PAA diagnostic page compact on a
// desktop and readable on a phone, printed on at most 8 A4 pages, its downloads equal to
// what it shows (values, n.d. and partial flags), its Word document readable by LibreOffice
// with the PAA figures and the seed's enjeux; ad-hoc groups restored from their address.
import {spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {avecDonneesReelles, entrepotComplet, entrepotEmbarque} from "../aides.js";
import {AVEC_CHROMIUM, CAPTURES, sessionNavigateur} from "./navigateur.js";

const PAA = "/diagnostic?t=groupe:ctg-paa";
const avecChromium = AVEC_CHROMIUM;
const avecSoffice = spawnSync("soffice", ["--version"]).status === 0;
// The real files when present (the page as analysts see it), else a fresh clone's data.
const session = sessionNavigateur(() => (avecDonneesReelles() ? entrepotComplet() : entrepotEmbarque()));

async function ouvrirPaa(largeur: number): Promise<{page: Page; erreurs: string[]}> {
  const o = await session.ouvrir(PAA);
  await o.page.setViewportSize({width: largeur, height: 900});
  await o.page.locator("[data-figure='allocataires']").waitFor();
  return o;
}

const simple = (s: string) => s.replace(/[\u202f\u00a0]/g, " ").trim();

describe.skipIf(!avecChromium)("annexe 1 de la CTG PAA dans Chromium", {timeout: 120_000}, () => {
  it("page compacte : au plus le quart de 25 700 px à 1 366 px, sans défilement horizontal à 390 px", async () => {
    const bureau = await ouvrirPaa(1366);
    const h = await bureau.page.evaluate(() => document.documentElement.scrollHeight);
    await bureau.page.screenshot({path: join(CAPTURES, "annexe-paa-1366.png"), fullPage: true});
    expect(h).toBeLessThanOrEqual(25_700 / 4);
    const tel = await ouvrirPaa(390);
    const m = await tel.page.evaluate(() => ({sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth}));
    await tel.page.screenshot({path: join(CAPTURES, "annexe-paa-390.png"), fullPage: true});
    expect(m.sw).toBeLessThanOrEqual(m.cw);
    expect(bureau.erreurs).toEqual([]);
  });

  it("texte des analystes en place, unités dites, lectures automatiques marquées comme générées", async () => {
    const {page} = await ouvrirPaa(1366);
    const enjeux = simple(await page.locator("section[data-section='synthèse']").innerText());
    expect(enjeux).toContain("Attractivité et dynamiques territoriales");
    expect(enjeux).toContain("Améliorer l'accessibilité aux services et aux soins dans un territoire rural et enclavé.");
    expect(simple(await page.locator("section[data-section='territoire']").innerText())).toContain("Secteur montagnard (Blanche, Haute Bléone)");
    expect(simple(await page.locator("section[data-section='santé et inclusion']").innerText())).toContain("Contrat local de santé");
    expect(simple(await page.locator("[data-figure='taux_couverture_global']").innerText())).toBe("58,0 places pour 100 enfants");
    expect(simple(await page.locator("[data-figure='allocataires']").innerText())).toBe("9 635");
    expect(await page.locator("details.lectures-auto summary").first().innerText()).toMatch(/^Lectures générées automatiquement/);
  });

  it("impression A4 : au plus 8 pages, sans contrôle", async () => {
    const {page} = await ouvrirPaa(1366);
    // Without scrolling, the map and the peers below the figures arrive a few seconds after the page: the printout holds them.
    await page.locator(".carte-a-venir").first().waitFor({state: "detached", timeout: 60_000});
    expect(await page.locator(".carte-a-venir").count()).toBe(0);
    expect(await page.locator(".tableau-pairs").count()).toBeGreaterThan(0);
    await page.emulateMedia({media: "print"});
    expect(await page.locator("form, button.telechargement").evaluateAll((es) => es.filter((e) => (e as HTMLElement).offsetParent !== null).length)).toBe(0);
    const pdf = await page.pdf({format: "A4", printBackground: true});
    writeFileSync(join(CAPTURES, "annexe-paa.pdf"), pdf);
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    expect(pages).toBeLessThanOrEqual(8);
  });

  it("le CSV téléchargé porte chaque valeur des tableaux de la page, arrondie et signalée de même", async () => {
    const {page} = await ouvrirPaa(1366);
    const affiche = await page.locator("table.tableau-annexe tbody tr").evaluateAll((trs) => trs.map((tr) => ({
      libelle: tr.querySelector("th")!.childNodes[0]!.textContent!.trim(),
      cellules: [...tr.querySelectorAll("td[data-col='Valeur'], td[data-col='Département'], td[data-col='France']")].map((td) => td.textContent!.replace(/[\u202f\u00a0]/g, " ").trim())
    })));
    const [telechargement] = await Promise.all([page.waitForEvent("download"), page.click("button[data-format='csv']")]);
    const csv = readFileSync(await telechargement.path(), "utf8").replace(/^\ufeff/, "").trim().split("\r\n").map((l) => l.split(";"));
    const col = (t: string) => csv[0]!.indexOf(t);
    expect(csv.length - 1).toBe(affiche.length);
    const MARQUES: Record<string, string> = {"partiel (*)": "*", "approximatif (≈)": "≈"};
    // The page's text, rebuilt from the export's number, unit and flag.
    const texte = (valeur: string, unite: string, signe: string) => {
      if (signe === "n.d.") return "n.d.";
      const n = Number(valeur.replace(",", "."));
      const decimales = ["nombre", "habitants", "€"].includes(unite) ? 0 : 1;
      const f = new Intl.NumberFormat("fr-FR", {minimumFractionDigits: decimales, maximumFractionDigits: decimales}).format(n).replace(/[\u202f\u00a0]/g, " ");
      const suffixe = {"%": " %", "‰": " ‰", "€": " €", "places pour 100 enfants": " places pour 100 enfants", "hab./km²": " hab./km²"}[unite] ?? "";
      return `${f}${suffixe}${MARQUES[signe] ?? ""}`;
    };
    affiche.forEach((a, k) => {
      const l = csv[k + 1]!;
      expect(l[col("Indicateur")]).toBe(a.libelle);
      const u = l[col("Unité")]!;
      if (a.cellules.length === 1) {
        // A figure on part of the territory: its value only, no département or France beside it, here as on the page.
        expect([texte(l[col("Valeur")]!, u, l[col("Valeur : signe")]!), l[col("Département")], l[col("France")], l[col("Communes couvertes")]], a.libelle).toEqual([a.cellules[0], "", "", expect.stringMatching(/^\d+ communes? sur \d+/)]);
        return;
      }
      expect(l[col("Communes couvertes")]).toBe("territoire entier");
      expect([texte(l[col("Valeur")]!, u, l[col("Valeur : signe")]!), texte(l[col("Département")]!, u, l[col("Département : signe")]!), texte(l[col("France")]!, u, l[col("France : signe")]!)], a.libelle).toEqual(a.cellules);
    });
    // No unrounded figure: at most one decimal.
    for (const l of csv.slice(1)) expect(l[col("Valeur")]).toMatch(/^(-?\d+(,\d)?)?$/);
  });

  it.skipIf(!avecSoffice)("le document Word téléchargé s'ouvre dans LibreOffice avec les chiffres de PAA et les enjeux du seed", async () => {
    const {page} = await ouvrirPaa(1366);
    const [telechargement] = await Promise.all([page.waitForEvent("download"), page.click("button[data-format='docx']")]);
    const dossier = mkdtempSync(join(tmpdir(), "ctg-annexe-"));
    const docx = join(dossier, "annexe1.docx");
    await telechargement.saveAs(docx);
    const r = spawnSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", dossier, docx], {encoding: "utf8", env: {...process.env, HOME: dossier}});
    expect(r.status, r.stderr).toBe(0);
    const t = simple(spawnSync("pdftotext", ["-layout", join(dossier, "annexe1.pdf"), "-"], {encoding: "utf8"}).stdout).replace(/\s+/g, " ");
    expect(t).toContain("Annexe 1 – Diagnostic partagé");
    expect(t).toContain("CTG Provence Alpes Agglomération");
    expect(t).toContain("9 635"); // foyers allocataires (seed 000, § 3.1)
    expect(t).toContain("20 625"); // personnes couvertes
    // taux de couverture combiné: LibreOffice wraps the cell, and -layout interleaves its two lines with the next
    // columns' text, so only its first line is looked for here (the CLI test reads the whole cell in document.xml).
    expect(t).toContain("58,0 places pour");
    expect(t).toContain("Attractivité et dynamiques territoriales");
    expect(t).toContain("Structurer une politique ambitieuse petite enfance / parentalité.");
    expect(t).toContain("Annexe : détail par commune");
  });

  it("un groupe ad hoc collé en codes INSEE (séparés par des virgules), retrouvé tel quel depuis son adresse", async () => {
    const {page, erreurs} = await session.ouvrir("/diagnostic");
    await page.locator("[data-figure='allocataires']").waitFor();
    await page.fill("#recherche-territoire", "04070, 04049,04001");
    await page.getByRole("option", {name: /Groupe de 3 communes/}).click();
    await page.locator("section[data-section='démographie'] [data-figure='population_municipale']").waitFor();
    await page.selectOption("select >> nth=0", {label: "2022 (en vigueur au 1er janvier 2025)"});
    await page.waitForFunction(() => location.search.includes("millesime=2022"));
    const url = page.url();
    expect(decodeURIComponent(url)).toContain("t=communes:04001,04049,04070");
    const population = simple(await page.locator("[data-figure='population_municipale']").innerText());
    const recharge = await session.ouvrir(url.slice(session.url.length));
    await recharge.page.locator("[data-figure='population_municipale']").waitFor();
    expect(simple(await recharge.page.locator("[data-figure='population_municipale']").innerText())).toBe(population);
    expect(await recharge.page.locator("select >> nth=0").evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]!.textContent)).toBe("2022 (en vigueur au 1er janvier 2025)");
    expect(simple(await recharge.page.locator("p.description").nth(1).innerText())).toMatch(/^Groupe de communes · 3 communes/);
    expect([...erreurs, ...recharge.erreurs]).toEqual([]);
  });

  it("un groupe ad hoc composé en tapant le nom de deux communes, retrouvé tel quel depuis son adresse", async () => {
    const {page, erreurs} = await session.ouvrir("/diagnostic");
    await page.locator("[data-figure='allocataires']").waitFor();
    await page.getByText("Composer un groupe de communes par leur nom").click();
    const champ = page.getByRole("combobox", {name: "Ajouter une commune"});
    const afficher = page.locator("button.afficher-groupe");
    expect(await afficher.isDisabled()).toBe(true);
    // Keyboard only: a name, the arrow, Enter.
    await champ.focus();
    await page.keyboard.type("Digne-les");
    // The names come in slices as one types: the arrow is pressed once Digne's slice has given its option.
    await page.getByRole("option", {name: /Digne-les-Bains.*04070/}).waitFor();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    // Two Aiglun (04 and 06): the option says which.
    await page.keyboard.type("aiglun");
    await page.getByRole("option", {name: /Aiglun.*04001/}).click();
    await page.keyboard.type("Peyruis");
    await page.keyboard.press("Enter");
    const choisies = page.locator("ul.communes-choisies li");
    expect((await choisies.allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim())).toEqual(["Digne-les-Bains (04070) ×", "Aiglun (04001) ×", "Peyruis (04149) ×"]);
    await page.getByRole("button", {name: "Retirer Peyruis du groupe"}).click();
    expect(await choisies.count()).toBe(2);
    await afficher.click();
    await page.waitForFunction(() => decodeURIComponent(location.search).includes("t=communes:04001,04070"));
    // Digne-les-Bains 17 979 + Aiglun 1 399 (population municipale, millésime 2023)
    await page.locator("[data-figure='population_municipale']", {hasText: /19\s378/}).waitFor();
    const recharge = await session.ouvrir(page.url().slice(session.url.length));
    await recharge.page.locator("[data-figure='population_municipale']").waitFor();
    expect(simple(await recharge.page.locator("[data-figure='population_municipale']").innerText())).toBe("19 378");
    expect(simple(await recharge.page.locator("p.description").nth(1).innerText())).toMatch(/^Groupe de communes · 2 communes/);
    // The group can be edited again from its address.
    expect(await recharge.page.locator("ul.communes-choisies li").count()).toBe(2);
    expect([...erreurs, ...recharge.erreurs]).toEqual([]);
  });

  it("sélecteur au clavier : flèches, Entrée, Échap ; le focus va au territoire choisi", async () => {
    const {page, erreurs} = await session.ouvrir("/diagnostic");
    await page.locator("[data-figure='allocataires']").waitFor();
    await page.focus("#recherche-territoire");
    await page.keyboard.type("digne");
    // the communes' names come in slices fetched as one types: the list shows once "d"'s slice is there
    await page.locator("#liste-recherche-territoire [role=option]").first().waitFor();
    await page.keyboard.press("Escape");
    expect(await page.locator("#liste-recherche-territoire [role=option]").count()).toBe(0);
    await page.keyboard.press("ArrowDown");
    expect(await page.getAttribute("#recherche-territoire", "aria-activedescendant")).toBe("recherche-territoire-option-0");
    expect(await page.locator("[aria-selected=true]").innerText()).toMatch(/Digne-les-Bains/);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => location.search.includes("commune%3A04070") || location.search.includes("commune:04070"));
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("territoire-actuel");
    await page.locator("[data-figure='population_municipale']", {hasText: /17\s979/}).waitFor();
    expect(erreurs).toEqual([]);
  });

  it("/comparer : un territoire inconnu dans l'adresse donne un message et le sélecteur ; un territoire se retire", async () => {
    const {page, erreurs} = await session.ouvrir("/comparer?t=groupe:ctg-paa,groupe:nimporte-quoi,commune:04070");
    await page.getByRole("alert").waitFor();
    expect(simple(await page.getByRole("alert").innerText())).toBe("Territoire inconnu dans l'adresse : groupe:nimporte-quoi. Choisissez-en un autre ci-dessous.");
    await page.locator("table").first().waitFor();
    expect(await page.locator(".observablehq--error").count()).toBe(0);
    expect(await page.locator("table thead").first().innerText()).toContain("Digne-les-Bains");
    await page.locator("button.retirer").nth(2).click();
    await page.waitForFunction(() => !decodeURIComponent(location.search).includes("04070"));
    expect(await page.locator("table thead").first().innerText()).not.toContain("Digne-les-Bains");
    expect(erreurs).toEqual([]);
  });

  it("PAA : la ligne de tête n'a aucun chiffre d'une seule commune ; ceux-ci sont dessous, avec les communes couvertes", async () => {
    const {page, erreurs} = await ouvrirPaa(1366);
    const tete = await page.locator("table.tableau-annexe:not(.tableau-partiel) tr[data-indicateur]").evaluateAll((rs) => rs.map((r) => r.getAttribute("data-indicateur")));
    expect(tete.length).toBeGreaterThan(20);
    expect(tete).toEqual(expect.arrayContaining(["allocataires", "rsa", "naissances"]));
    if (avecDonneesReelles()) {
      // Digne-les-Bains alone (Cnaf IRIS file, Cnaf coverage file): 61,3 % and 247 places are not PAA's figures
      expect(tete).not.toContain("part_aide_logement");
      expect(tete).not.toContain("places_accueil_formel");
      // Folded under the headline table: "Sur une partie du territoire seulement … : n chiffres (…)".
      const repli = page.locator("section[data-section='logement'] details.partielles");
      expect(simple(await repli.locator("summary").innerText())).toMatch(/^Sur une partie du territoire seulement \(pas le chiffre du territoire\) : \d+ chiffres?$/);
      await repli.locator("summary").click();
      const dessous = page.locator("table.tableau-partiel tr[data-indicateur='part_aide_logement']");
      expect(simple(await dessous.innerText())).toMatch(/61,3 %.*2020\s+1 commune sur 46 \(36,6 % de la population\)/s);
      expect(simple(await repli.locator("table.tableau-partiel caption").innerText())).toBe("Sur une partie du territoire seulement (pas le chiffre du territoire)");
    }
    await page.locator("section[data-section='allocataires et précarité']").screenshot({path: join(CAPTURES, "perimetres-paa-allocataires-1366.png")});
    expect(erreurs).toEqual([]);
  });

  it.skipIf(!avecDonneesReelles())("Bassin de vie de Carros : foyers allocataires en deux séries (saisie 2018, sommes à l'IRIS de Carros), jamais reliées", async () => {
    const {page, erreurs} = await session.ouvrir("/diagnostic?t=groupe:ctg-bassin-carros");
    await page.setViewportSize({width: 1366, height: 900});
    const figure = page.locator("figure[data-graphique='allocataires']");
    await figure.waitFor();
    expect(await figure.locator("svg[data-series]").getAttribute("data-series")).toBe("2");
    expect((await figure.locator(".legende-series li").allInnerTexts()).map(simple)).toEqual([
      "● Fichiers publiés, 1 commune sur 6 (41,9 % de la population)", "■ Saisie des analystes, territoire entier"
    ]);
    // one line per series: the IRIS sums' line holds its 4 years, the entry stands alone (no 1 605 → 4 484 → 2 184 spike)
    const lignes = await figure.locator("svg g[aria-label='line'] path").evaluateAll((ps) => ps.map((p) => (p.getAttribute("d") ?? "").split(/[ML]/).filter(Boolean).length));
    expect(lignes.sort()).toEqual([1, 4]);
    expect(simple(await figure.locator("p.sr").innerText())).toBe("Foyers allocataires : Fichiers publiés, 1 commune sur 6 (41,9 % de la population) : 2016 1 641, 2017 1 605, 2019 2 184, 2020 2 226 ; Saisie des analystes, territoire entier : 2018 4 484.");
    await page.locator("section[data-section='allocataires et précarité']").screenshot({path: join(CAPTURES, "perimetres-carros-allocataires-1366.png")});
    expect(erreurs).toEqual([]);
  });

});
