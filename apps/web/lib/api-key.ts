/**
 * The API key pasted into the shell (a trader or admin token). It lives in
 * this browser's localStorage only and is sent as `Authorization: Bearer`.
 * Components subscribe through useSyncExternalStore, so every control and
 * the tRPC links see a change at once.
 */
export const API_KEY_STORAGE_KEY = 'spark.apiKey';

type Listener = () => void;
const listeners = new Set<Listener>();
let memory: string | null = null;

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    // Storage can be blocked (private mode, sandboxed frames); the key then lives for the page only.
    return null;
  }
}

export function readApiKey(): string | null {
  const s = storage();
  if (!s) return memory;
  try {
    const v = s.getItem(API_KEY_STORAGE_KEY);
    return v && v.trim() ? v.trim() : null;
  } catch {
    return memory;
  }
}

export function writeApiKey(key: string | null): void {
  const value = key?.trim() ? key.trim() : null;
  memory = value;
  const s = storage();
  try {
    if (value) s?.setItem(API_KEY_STORAGE_KEY, value);
    else s?.removeItem(API_KEY_STORAGE_KEY);
  } catch {
    // See storage(): keeping it in memory is the fallback.
  }
  listeners.forEach((l) => l());
}

export function subscribeApiKey(listener: Listener): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === API_KEY_STORAGE_KEY) listener();
  };
  if (typeof window !== 'undefined') window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    if (typeof window !== 'undefined') window.removeEventListener('storage', onStorage);
  };
}

/**
 * Shows enough of a key to recognise it, never enough to use it: the key id
 * of an `spk_<id>_<secret>` key, or the last four characters of another token.
 */
export function maskApiKey(key: string): string {
  const m = /^spk_([a-z0-9]{12})_/.exec(key);
  if (m) return `spk_${m[1]}_••••`;
  if (key.length <= 8) return '••••';
  return `••••${key.slice(-4)}`;
}
