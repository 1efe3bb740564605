/**
 * Counter-keyed randomness for the demo feed. Every draw is a function of a
 * key (symbol, level, bar index, purpose), never of how much was generated
 * before, which is what makes a candle independent of the requested window.
 */

/** Murmur3's 32-bit finaliser: spreads every input bit over the output. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of four integers in [0, 2^31) (Murmur3-style combine); bar indices stay below 2^31 until year 6053 at 1m. */
export function hashKey(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0xcc9e2d51) ^ Math.imul(b, 0x1b873593);
  h = fmix32(h ^ Math.imul(c, 0xcc9e2d51));
  return fmix32(h ^ Math.imul(d, 0xe6546b64));
}

/**
 * Mulberry32 generator (Tommy Ettinger, public domain): 32-bit state, passes
 * PractRand to 2^32 outputs, far more than one bar's handful of draws. Reseeded
 * per key rather than allocated, to keep generation allocation-free.
 */
export class KeyedStream {
  private state = 0;

  reseed(a: number, b: number, c: number, d: number): this {
    this.state = hashKey(a, b, c, d);
    return this;
  }

  /** Uniform on the open interval (0, 1). */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  }

  /** Standard normal: the inverse normal CDF of one uniform draw. */
  normal(): number {
    return inverseNormalCdf(this.uniform());
  }

  /**
   * Student-t with 5 degrees of freedom scaled to unit variance (var of t5 is 5/3), for fat
   * daily tails; cut at +-6 so one draw cannot set off a months-long GARCH volatility spike.
   */
  studentT5(): number {
    const z = this.normal();
    let chi = 0;
    for (let i = 0; i < 5; i++) {
      const n = this.normal();
      chi += n * n;
    }
    const t = (z / Math.sqrt(chi / 5)) * Math.sqrt(3 / 5);
    return t > 6 ? 6 : t < -6 ? -6 : t;
  }
}

/**
 * Inverse of the standard normal CDF by Peter J. Acklam's rational approximation
 * (2003; relative error below 1.15e-9 over (0, 1)): a rational function in the
 * central 95 %, a log-based one in the tails. One uniform per normal and no
 * trigonometry, so it is about twice as fast as Box-Muller here.
 */
export function inverseNormalCdf(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) / ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) / ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A1 * r + A2) * r + A3) * r + A4) * r + A5) * r + A6) * q) / (((((B1 * r + B2) * r + B3) * r + B4) * r + B5) * r + 1);
}

const P_LOW = 0.02425;
const A1 = -3.969683028665376e1;
const A2 = 2.209460984245205e2;
const A3 = -2.759285104469687e2;
const A4 = 1.38357751867269e2;
const A5 = -3.066479806614716e1;
const A6 = 2.506628277459239;
const B1 = -5.447609879822406e1;
const B2 = 1.615858368580409e2;
const B3 = -1.556989798598866e2;
const B4 = 6.680131188771972e1;
const B5 = -1.328068155288572e1;
const C1 = -7.784894002430293e-3;
const C2 = -3.223964580411365e-1;
const C3 = -2.400758277161838;
const C4 = -2.549732539343734;
const C5 = 4.374664141464968;
const C6 = 2.938163982698783;
const D1 = 7.784695709041462e-3;
const D2 = 3.224671290700398e-1;
const D3 = 2.445134137142996;
const D4 = 3.754408661907416;
