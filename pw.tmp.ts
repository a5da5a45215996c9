import {chromium} from "playwright-core";
import {servir} from "./scripts/serveur.js";
const {serveur, url} = await servir(process.argv[2]!);
const nav = await chromium.launch({executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"]});
for (const chemin of process.argv.slice(3)) {
  const page = await nav.newPage();
  let octets = 0;
  const parFichier: [string, number][] = [];
  page.on("requestfinished", async (req) => {
    const t = await req.sizes().catch(() => null);
    if (t) { octets += t.responseBodySize + t.responseHeadersSize; parFichier.push([req.url().replace(url, ""), t.responseBodySize]); }
  });
  await page.goto(url + chemin, {waitUntil: "networkidle"});
  await page.waitForTimeout(3000);
  console.log(chemin, Math.round(octets / 1024), "Ko");
  console.log(parFichier.sort((a, b) => b[1] - a[1]).slice(0, 6).map(([f, n]) => `${f} ${Math.round(n / 1024)}`).join("\n"));
  await page.close();
}
await nav.close(); serveur.close();
