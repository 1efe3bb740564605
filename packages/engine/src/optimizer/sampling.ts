import type { Rng } from '../random';
import type { SearchSpace } from './space';

/**
 * Bookkeeping shared by the model-based searches: which combinations are
 * valid, which were already evaluated, and uniform sampling of a fresh valid one.
 */
export class ComboSampler {
  readonly space: SearchSpace;
  readonly valid: Int32Array;
  private readonly validMask: Uint8Array;
  private readonly seen: Uint8Array;
  private seenCount = 0;

  constructor(space: SearchSpace, valid: Int32Array) {
    this.space = space;
    this.valid = valid;
    this.validMask = new Uint8Array(space.size);
    for (const i of valid) this.validMask[i] = 1;
    this.seen = new Uint8Array(space.size);
  }

  isValid(combo: number): boolean {
    return this.validMask[combo] === 1;
  }

  isSeen(combo: number): boolean {
    return this.seen[combo] === 1;
  }

  isFresh(combo: number): boolean {
    return this.validMask[combo] === 1 && this.seen[combo] === 0;
  }

  markSeen(combo: number): void {
    if (this.seen[combo] === 0) {
      this.seen[combo] = 1;
      this.seenCount++;
    }
  }

  get exhausted(): boolean {
    return this.seenCount >= this.valid.length;
  }

  /** A uniformly drawn valid combination not evaluated yet; the caller must check `exhausted` first. */
  randomFresh(rng: Rng): number {
    for (let tries = 0; tries < 64; tries++) {
      const c = this.valid[rng.int(this.valid.length)]!;
      if (this.seen[c] === 0) return c;
    }
    // Nearly exhausted: scan from a random offset so the choice stays seeded.
    const offset = rng.int(this.valid.length);
    for (let k = 0; k < this.valid.length; k++) {
      const c = this.valid[(offset + k) % this.valid.length]!;
      if (this.seen[c] === 0) return c;
    }
    throw new Error('randomFresh called on an exhausted space');
  }
}
