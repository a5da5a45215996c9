// Where a value stands among its peers: quartiles of the peers' values, rank and percentile.
// The peers' values are each territory's own figure (for a rate: Σ numerators / Σ
// denominators over its communes, src/lib/pairs.ts), never a mean of rates. Pure.

/** Quantile of sorted values, linear interpolation between order statistics (R type 7, d3.quantile). */
export function quantile(triees: readonly number[], q: number): number {
  if (!triees.length) throw new Error("quantile d'une liste vide");
  const h = (triees.length - 1) * q;
  const b = Math.floor(h);
  const bas = triees[b]!;
  return b + 1 < triees.length ? bas + (h - b) * (triees[b + 1]! - bas) : bas;
}

export interface Repartition {
  n: number;
  min: number;
  q1: number;
  mediane: number;
  q3: number;
  max: number;
}

export function repartition(valeurs: readonly (number | null)[]): Repartition | null {
  const v = valeurs.filter((x): x is number => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  return {n: v.length, min: v[0]!, q1: quantile(v, 0.25), mediane: quantile(v, 0.5), q3: quantile(v, 0.75), max: v[v.length - 1]!};
}

export interface Position {
  /** 1 = highest value among the peers and the territory itself. */
  rang: number;
  /** Number of territories ranked (peers with a value, plus the territory). */
  sur: number;
  /** Share of the peers below the value, ties counting half (mid-rank), in %. */
  percentile: number;
}

/** Position of `valeur` among `pairs` (the territory itself is not among them). */
export function position(valeur: number, pairs: readonly (number | null)[]): Position {
  const v = pairs.filter((x): x is number => x != null && Number.isFinite(x));
  const dessous = v.filter((x) => x < valeur).length;
  const egaux = v.filter((x) => x === valeur).length;
  const dessus = v.length - dessous - egaux;
  return {rang: dessus + 1, sur: v.length + 1, percentile: v.length ? ((dessous + egaux / 2) / v.length) * 100 : 50};
}
