// One French formatter for the whole product (pages, exports, CLI).
// Intl fr-FR uses U+202F as the thousands separator and U+00A0 before "%":
// we keep them (they are the correct typographic spaces) and tests normalise.

const cache = new Map<string, Intl.NumberFormat>();

function nf(min: number, max: number, style: "decimal" | "percent" = "decimal"): Intl.NumberFormat {
  const key = `${style}:${min}:${max}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat("fr-FR", {style, minimumFractionDigits: min, maximumFractionDigits: max});
    cache.set(key, f);
  }
  return f;
}

/** Texte affiché à la place d'une valeur absente (jamais « 0 »). */
export const NON_DISPONIBLE = "n.d.";

const missing = (v: number | null | undefined): v is null | undefined => v == null || Number.isNaN(v);

/** 48726 → « 48 726 ». */
export function formatEntier(v: number | null | undefined): string {
  return missing(v) ? NON_DISPONIBLE : nf(0, 0).format(v);
}

/** 62.8 → « 62,8 » (1 décimale par défaut). */
export function formatDecimal(v: number | null | undefined, decimales = 1): string {
  return missing(v) ? NON_DISPONIBLE : nf(decimales, decimales).format(v);
}

/** Une part exprimée sur 100 (42.33) → « 42,3 % ». */
export function formatPourcent(v: number | null | undefined, decimales = 1): string {
  return missing(v) ? NON_DISPONIBLE : nf(decimales, decimales, "percent").format(v / 100);
}

/** Un écart signé sur 100 (−5.42) → « −5,4 % », « +2,1 % » (vrai signe moins). */
export function formatEcartPourcent(v: number | null | undefined): string {
  return missing(v) ? NON_DISPONIBLE : `${v > 0 ? "+" : v < 0 ? "−" : ""}${formatPourcent(Math.abs(v))}`;
}

/** Un nombre de communes : « 1 commune », « 34 969 communes ». */
export function formatCommunes(n: number): string {
  return `${formatEntier(n)} commune${n > 1 ? "s" : ""}`;
}

/** Un montant en euros : 20650 → « 20 650 € ». */
export function formatEuros(v: number | null | undefined): string {
  return missing(v) ? NON_DISPONIBLE : `${nf(0, 0).format(v)}\u00a0€`;
}

/** Remplace les espaces insécables par des espaces simples (tests, CSV). */
export function espacesSimples(s: string): string {
  return s.replace(/[\u202f\u00a0]/g, " ");
}

/** Units of the indicator catalogue. */
export type Unite = "habitants" | "nombre" | "pourcent" | "pour1000" | "euros" | "places100" | "parkm2";

/** A value in its unit, the way a COPIL reads it: « 48 726 », « 42,3 % », « 11,2 ‰ », « 20 650 € », « 62,8 places pour 100 enfants ». */
export function formatValeur(v: number | null | undefined, unite: Unite): string {
  if (v == null || Number.isNaN(v)) return NON_DISPONIBLE;
  switch (unite) {
    case "habitants":
    case "nombre":
      return formatEntier(v);
    case "pourcent":
      return formatPourcent(v);
    case "pour1000":
      return `${formatDecimal(v)}\u00a0‰`;
    case "euros":
      return formatEuros(v);
    case "places100":
      return formatDecimal(v);
    case "parkm2":
      return `${formatDecimal(v)}\u00a0hab./km²`;
  }
}

/** Decimals a value is shown with, by unit (formatValeur): counts and euros whole, rates to 0,1. */
export const DECIMALES: Record<Unite, number> = {habitants: 0, nombre: 0, euros: 0, pourcent: 1, pour1000: 1, places100: 1, parkm2: 1};

/** The number as displayed (exports hold exactly what the page shows, not 58.53770341508137). */
export function arrondiAffiche(v: number | null | undefined, unite: Unite): number | null {
  if (v == null || Number.isNaN(v)) return null;
  const f = 10 ** DECIMALES[unite];
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** A value with its unit said in full where the bare number is ambiguous: « 58,0 places pour 100 enfants ». */
export function formatValeurUnite(v: number | null | undefined, unite: Unite): string {
  const t = formatValeur(v, unite);
  return unite === "places100" && t !== NON_DISPONIBLE ? `${t}\u00a0places pour 100 enfants` : t;
}

/** A signed gap: in points for rates (« +1,2 pt »), in % of the first value otherwise (« −3,4 % »). */
export function formatEcart(v: number, enPoints: boolean): string {
  const signe = v > 0 ? "+" : v < 0 ? "−" : "";
  return enPoints ? `${signe}${formatDecimal(Math.abs(v))}\u00a0pt${Math.abs(v) >= 2 ? "s" : ""}` : `${signe}${formatPourcent(Math.abs(v))}`;
}
