// What changed, told to this tab and the till's other tabs (a sale, a sync, a wish to sync now).
// Its own module so that recording (sales.js) and sending (sync.js) both use it without
// importing each other.
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('tillsync') : null;
const listeners = new Set();

/** Tells this tab's listeners and the other tabs. detail travels along (plain data only). */
export function notifyChanged(kind, detail = undefined) {
  if (channel) channel.postMessage({ kind, detail });
  for (const l of listeners) l(kind, detail, false);
}

/** listener(kind, detail, fromOtherTab) */
export function onChange(listener) {
  listeners.add(listener);
}

if (channel) {
  channel.onmessage = (e) => {
    const kind = e.data && e.data.kind;
    for (const l of listeners) l(kind, e.data && e.data.detail, true);
  };
}
addEventListener('online', () => { for (const l of listeners) l('online', undefined, false); });
addEventListener('offline', () => { for (const l of listeners) l('offline', undefined, false); });
