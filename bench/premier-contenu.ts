// What a visitor waits for and downloads: each page's bytes (gzip, as the server sends them) and
// requests on a cold first load, its first contentful paint and the moment its first figure shows,
// on localhost and on a phone over slow 4G (CDP throttling, the profile).
import type {Browser, Page} from "playwright-core";

/** Slow 4G as in Lighthouse's mobile profile: 1,6 Mbit/s down, 750 kbit/s up, 150 ms RTT, CPU 4× slower. */
export const TELEPHONE_4G = {debit: (1.6 * 1024 * 1024) / 8, montant: (750 * 1024) / 8, latence: 150, cpu: 4};

/** The first element that carries a figure, per page (first content where a page has none). */
export const PREMIER_CHIFFRE: Record<string, string> = {
  "/diagnostic": "section.section-annexe td",
  "/petite-enfance": "[data-figure=taux-couverture]",
  "/comparer": "table.comparaison td.nombre",
  "/projections": "main table td",
  "/": "[data-figure=population-municipale]"
};

export interface ChargementPage {
  octets: number;
  requetes: number;
  /** First contentful paint, ms after navigation start. */
  fcp: number;
  /** First figure on screen (the page's PREMIER_CHIFFRE selector), ms; NaN when the page has none. */
  premierChiffre: number;
  /** Each response: URL path and gzip bytes (for finding what weighs). */
  detail: {chemin: string; octets: number}[];
}

/**
 * Records when the first element matching the selector enters the DOM (performance.now()). A string, not a
 * function: tsx compiles a function with esbuild's `__name` helper, which the page does not have.
 */
const guetter = (selecteur: string) => `(() => {
  const voir = () => {
    if (window.__premierChiffre == null && document.querySelector(${JSON.stringify(selecteur)})) window.__premierChiffre = performance.now();
  };
  new MutationObserver(voir).observe(document, {childList: true, subtree: true});
})();`;

export async function chargerPage(navigateur: Browser, url: string, {telephone = false} = {}): Promise<ChargementPage> {
  const contexte = await navigateur.newContext(telephone ? {viewport: {width: 390, height: 844}, deviceScaleFactor: 3, isMobile: true, hasTouch: true} : {viewport: {width: 1366, height: 900}});
  const page: Page = await contexte.newPage();
  const chemin = new URL(url).pathname;
  const selecteur = PREMIER_CHIFFRE[chemin === "/" ? "/" : chemin.replace(/\/$/, "")];
  if (selecteur) await page.addInitScript({content: guetter(selecteur)});
  if (telephone) {
    const cdp = await contexte.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {offline: false, latency: TELEPHONE_4G.latence, downloadThroughput: TELEPHONE_4G.debit, uploadThroughput: TELEPHONE_4G.montant});
    await cdp.send("Emulation.setCPUThrottlingRate", {rate: TELEPHONE_4G.cpu});
  }
  const detail: ChargementPage["detail"] = [];
  let requetes = 0;
  page.on("request", () => requetes++);
  page.on("requestfinished", async (req) => {
    const tailles = await req.sizes().catch(() => null);
    if (tailles) detail.push({chemin: new URL(req.url()).pathname, octets: tailles.responseBodySize + tailles.responseHeadersSize});
  });
  try {
    await page.goto(url, {waitUntil: "networkidle", timeout: 120_000});
    if (selecteur) await page.waitForFunction(() => (window as unknown as {__premierChiffre?: number}).__premierChiffre != null, null, {timeout: 60_000}).catch(() => {});
    await page.waitForTimeout(300);
    const {fcp, premierChiffre} = await page.evaluate(() => ({
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
      premierChiffre: (window as unknown as {__premierChiffre?: number}).__premierChiffre ?? NaN
    }));
    return {octets: detail.reduce((s, d) => s + d.octets, 0), requetes, fcp, premierChiffre, detail};
  } finally {
    await contexte.close();
  }
}
