import {demarrer} from "/work/wt-16/test/e2e/navigateur.js";
const s = await demarrer(process.argv[2]);
const {page} = await s.ouvrir(process.argv[3]);
await page.setViewportSize({width: Number(process.argv[5] ?? 1366), height: 900});
await page.waitForTimeout(6000);
let k = 0;
for (const sel of process.argv[4]!.split("|")) {
  const el = page.locator(sel).first();
  if (await el.count()) await el.screenshot({path: `/tmp/part-${k++}.png`});
  else console.log("absent", sel);
}
await s.fermer();
