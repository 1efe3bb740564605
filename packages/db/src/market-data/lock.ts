/**
 * Promise-based mutual exclusion. The cache uses one lock per series (so two
 * requests for the same missing bars fetch them once) and one for the DuckDB
 * writer (DuckDB allows one writer; queuing writes here means its conflict
 * errors never reach a user).
 */
import { cancelled } from './sources/http';

export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  /** Number of callers holding or waiting for the lock. */
  get size(): number {
    return this.pending;
  }

  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw cancelled(signal);
    this.pending += 1;
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      if (signal) {
        let onAbort: (() => void) | undefined;
        const aborted = new Promise<never>((_, reject) => {
          onAbort = () => reject(cancelled(signal));
          signal.addEventListener('abort', onAbort, { once: true });
        });
        try {
          await Promise.race([previous, aborted]);
        } finally {
          signal.removeEventListener('abort', onAbort!);
        }
      } else {
        await previous;
      }
      return await fn();
    } finally {
      // An aborted waiter must still hand the lock on only after its predecessor finishes.
      void previous.then(release);
      this.pending -= 1;
    }
  }
}

export class KeyedLock {
  private readonly locks = new Map<string, Mutex>();

  async run<T>(key: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let lock = this.locks.get(key);
    if (!lock) {
      lock = new Mutex();
      this.locks.set(key, lock);
    }
    try {
      return await lock.run(fn, signal);
    } finally {
      if (lock.size === 0 && this.locks.get(key) === lock) this.locks.delete(key);
    }
  }
}
