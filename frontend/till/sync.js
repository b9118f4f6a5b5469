// Background sync. One tab of the till leads (Web Locks): only the leader sends the outbox and
// pulls, so two tabs never send the same item twice. The others record sales and wake it.
//
// An item leaves the outbox only when the server acknowledged it by offline_id: booked
// (success), or stored as a conflict (conflict_detected: then it moves to `conflicts`, and
// its outcome comes with a pull). A batch with no answer (network gone, server died before
// answering, timeout) is simply sent again: the server answers a replay the same way.
import * as db from './db.js';
import { APP_VERSION } from './version.js';

export const BATCH_SIZE = 50;
export const MAX_ATTEMPTS = 5;
const IDLE_MS = 5000;
const PULL_EVERY_MS = 30000;
const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 60000;
const REQUEST_TIMEOUT_MS = 30000;
/** Sales the server has are kept on the till this long for receipts and voids. */
const JOURNAL_DAYS = 90;

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('tillsync') : null;
const listeners = new Set();
let wake = null;
let backingOff = false;
let leader = false;
let forcePull = false;
let tokenRejected = false;

/** Tells this tab and the others that stored data changed (a sale, a sync). */
export function notifyChanged(kind) {
  if (channel) channel.postMessage({ kind });
  for (const l of listeners) l(kind);
  if (kind !== 'synced') wakeUp(kind === 'sync-now');
}

export function onChange(listener) {
  listeners.add(listener);
}

/** Ends the leader's wait; during a backoff only 'online' and an explicit sync-now do. */
function wakeUp(force = false) {
  if (wake && (force || !backingOff)) wake();
}

if (channel) {
  channel.onmessage = (e) => {
    const kind = e.data && e.data.kind;
    if (kind === 'sync-now') { forcePull = true; tokenRejected = false; }
    for (const l of listeners) l(kind);
    if (kind !== 'synced') wakeUp(kind === 'sync-now');
  };
}
addEventListener('online', () => { for (const l of listeners) l('online'); wakeUp(true); });
addEventListener('offline', () => { for (const l of listeners) l('offline'); });

/** Asks the leading tab (whichever it is) to push and pull now. */
export function syncNow() {
  forcePull = true;
  tokenRejected = false;
  notifyChanged('sync-now');
}

export function isLeader() {
  return leader;
}

function sleep(ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() { clearTimeout(timer); wake = null; resolve(); }
    wake = done;
  });
}

/** Exponential backoff with jitter: between half and all of base·2^n, at most the cap. */
export function backoff(failures) {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 16));
  return Math.round(ceiling / 2 + Math.random() * ceiling / 2);
}

// What setState could not store (storage full): still shown by this tab, stored with the next write that fits.
const unsaved = {};

async function setState(patch) {
  Object.assign(unsaved, patch);
  const pending = { ...unsaved };
  try {
    const current = await db.getConfig('sync_state', {});
    await db.setConfig({ sync_state: { ...current, ...pending } });
    for (const [key, value] of Object.entries(pending)) if (unsaved[key] === value) delete unsaved[key];
  } catch (e) {
    console.warn('tillsync: sync state kept in memory only', e);
  }
  notifyChanged('synced');
}

/** The sync state as stored, with what this tab could not store on top. */
export async function syncState() {
  return { ...(await db.getConfig('sync_state', {})), ...unsaved };
}

/** What the cashier reads for a failure: a browser's quota error has no message of its own. */
export function describe(e) {
  return db.isQuotaError(e) ? 'Storage is full' : e.message || e.name || String(e);
}

class Transient extends Error {}
class Refused extends Error {
  constructor(message, error) { super(message); this.error = error; }
}

function apiBase(device) {
  return (device.server || location.origin).replace(/\/$/, '');
}

async function call(device, path, init = {}) {
  let response;
  try {
    response = await fetch(apiBase(device) + path, {
      ...init,
      cache: 'no-store',
      headers: { ...(init.headers || {}), Authorization: 'Bearer ' + device.token, Accept: 'application/json' },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (e) {
    throw new Transient(navigator.onLine ? 'Server unreachable (' + (e.name || 'network error') + ')' : 'Offline');
  }
  let body = null;
  try { body = await response.json(); } catch (e) { /* not JSON: judged by status below */ }
  if (response.status === 401) {
    tokenRejected = true;
    const error = body?.error || { code: 'invalid_token', message: 'The device token was refused' };
    throw new Refused('The server refused this till\'s token (' + error.code + '): enrol it again with a new token', error);
  }
  if ([408, 429, 502, 503, 504].includes(response.status) || (response.ok && !body)) {
    throw new Transient('Server busy or unavailable (HTTP ' + response.status + ')');
  }
  return { status: response.status, body };
}

/** Sends the outbox, batch after batch, until it is empty or a batch leaves items unacknowledged. */
async function push(device) {
  let sent = 0;
  for (;;) {
    const items = await db.nextBatch(BATCH_SIZE);
    if (!items.length) return { sent, failed: 0 };
    const { wireDoc } = await import('./sales.js');
    const docs = await Promise.all(items.map(wireDoc));
    const counts = await db.outboxCounts();
    const body = { transactions: [], payments: [], voids: [], device_id: device.device_id, synced_at: new Date().toISOString(),
      queue_depth: Math.max(0, counts.waiting - items.length), app_version: APP_VERSION };
    items.forEach((item, i) => body[item.type === 'transaction' ? 'transactions' : item.type === 'payment' ? 'payments' : 'voids'].push(docs[i]));
    const now = Date.now();
    const { status, body: answer } = await call(device, '/api/v1/pos/offline/batch-sync', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    if (status !== 200 || !answer?.data?.results) {
      const error = answer?.error || { code: 'http_' + status, message: 'HTTP ' + status };
      await db.countAttempts(items, error, { maxAttempts: MAX_ATTEMPTS, now });
      throw new Refused('The server refused a batch: ' + error.code + (error.message ? ' – ' + error.message : ''), error);
    }
    const results = new Map(answer.data.results.map((r) => [r.type + ':' + r.offline_id, r]));
    const reports = new Map((answer.data.conflicts || []).map((c) => [c.conflict_id, c]));
    const outcome = new Map();
    let failed = 0;
    let conflicts = 0;
    for (const item of items) {
      const r = results.get(item.type + ':' + item.offline_id);
      if (!r) { failed++; outcome.set(item.qid, { kind: 'failed', error: { code: 'no_result', message: 'The server did not answer for this item' } }); }
      else if (r.conflict_detected) { conflicts++; outcome.set(item.qid, { kind: 'conflict', result: r, report: reports.get(r.conflict_id) }); }
      else if (r.success) outcome.set(item.qid, { kind: 'booked', result: r });
      else { failed++; outcome.set(item.qid, { kind: 'failed', error: r.error || { code: 'unknown', message: 'refused' } }); }
    }
    await db.applyPushResults(items, outcome, { maxAttempts: MAX_ATTEMPTS, now });
    sent += items.length - failed;
    if (conflicts) forcePull = true;
    await setState({ last_sync_ms: Date.now(), last_batch: { items: items.length, failed, conflicts }, error: failed ? 'Some items were refused: see "Needs attention"' : null });
    if (failed) return { sent, failed };
  }
}

/** Pulls catalog changes and conflict outcomes from the cursor on (the whole catalog without one). */
export async function pull(device) {
  let cursor = await db.getConfig('cursor', null);
  for (let page = 0; page < 100; page++) {
    const path = '/api/v1/pos/offline/changes' + (cursor ? '?since=' + encodeURIComponent(cursor) : '');
    const { status, body } = await call(device, path);
    if (status === 400 && body?.error?.code === 'invalid_cursor') {
      cursor = null;
      continue;
    }
    if (status !== 200 || !body?.data) {
      throw new Refused('Pull failed (HTTP ' + status + (body?.error?.code ? ', ' + body.error.code : '') + ')', body?.error);
    }
    const d = body.data;
    const { toCents } = await import('./money.js');
    await db.applyPull({
      full: !!d.full,
      products: (d.products || []).map((p) => ({ ...p, price_cents: toCents(p.price) })),
      outcomes: d.conflicts || [],
      cursor: d.cursor,
      now: Date.now(),
    });
    cursor = d.cursor;
    if (!d.has_more) break;
  }
  await setState({ last_pull_ms: Date.now(), pull_error: null });
}

async function lead() {
  leader = true;
  for (const l of listeners) l('leader');
  db.pruneJournal(Date.now() - JOURNAL_DAYS * 86400000).catch((e) => console.warn('tillsync: journal not pruned', e));
  let failures = 0;
  let lastPull = 0;
  for (;;) {
    let delay = IDLE_MS;
    let device = null;
    try {
      device = await db.getConfig('device', null);
    } catch (e) {
      // storage briefly unavailable (another tab upgrading it): try again later, keep leading
      console.warn('tillsync: cannot read the settings', e);
    }
    if (device && !tokenRejected && navigator.onLine) {
      try {
        const result = await push(device);
        if (failures) await setState({ error: null });
        failures = result.failed ? failures + 1 : 0;
        if (result.failed) delay = backoff(failures);
      } catch (e) {
        failures++;
        delay = backoff(failures);
        // the server may have booked the batch: unacknowledged, it is sent again and answered as a replay
        const storage = db.isQuotaError(e);
        const error = storage ? 'Storage is full: the server\'s answer cannot be noted, so the sales wait here and are sent again'
          : describe(e);
        await setState({ error, error_kind: storage ? 'storage' : null, error_ms: Date.now(), token_rejected: tokenRejected }).catch(() => {});
      }
      if (!tokenRejected && navigator.onLine && (forcePull || Date.now() - lastPull > PULL_EVERY_MS)) {
        try {
          forcePull = false;
          await pull(device);
          lastPull = Date.now();
        } catch (e) {
          lastPull = Date.now() - PULL_EVERY_MS + Math.min(delay, IDLE_MS);
          await setState({ pull_error: describe(e), pull_error_ms: Date.now(), token_rejected: tokenRejected }).catch(() => {});
        }
      }
    }
    backingOff = failures > 0;
    await sleep(delay);
    backingOff = false;
  }
}

/** Joins the election: resolves at once; this tab starts leading whenever it gets the lock. */
export function start() {
  if (navigator.locks) {
    navigator.locks.request('tillsync-sync', () => lead());
  } else {
    lead(); // no Web Locks: a single-tab browser
  }
}
