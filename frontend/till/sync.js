// Background sync. One tab of the till leads (Web Locks): only the leader sends the outbox and
// pulls, so two tabs never send the same item twice. The others record sales and wake it.
//
// An item leaves the outbox only when the server acknowledged it by offline_id: booked
// (success), or stored as a conflict (conflict_detected: then it moves to `conflicts`, and
// its outcome comes with a pull). A batch with no answer (network gone, server died before
// answering, timeout) is simply sent again: the server answers a replay the same way.
//
// An acknowledged item is kept (db.js, `sent`) for db.KEEP_ACKED_DAYS. Every pull names the
// server's epoch; a new one means the database was restored from a backup, and everything kept
// from the pull's resend_since on goes back into the outbox: the server books what the backup
// lacks and answers the rest as replays (sync contract §5).
import * as db from './db.js';
import { APP_VERSION } from './version.js';
import { notifyChanged, onChange } from './events.js';
import { noteAttempt, restore, lastAttemptFailed } from './connection.js';
import { openItem } from './sales.js';
import { toCents } from './money.js';
import { t } from './i18n.js';

export const BATCH_SIZE = 50;
export const MAX_ATTEMPTS = 5;
const IDLE_MS = 5000;
const PULL_EVERY_MS = 30000;
const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 60000;
const REQUEST_TIMEOUT_MS = 30000;
/** Sales the server has are kept on the till this long for receipts and voids. */
const JOURNAL_DAYS = 90;
/**
 * A sale moves stock on the server without a change-feed entry, so only a full pull brings the
 * stock other tills sold. This till's own sales show at once (see db.js, pending stock).
 */
const FULL_PULL_EVERY_MS = 5 * 60000;
/**
 * Resent after a restore: kept items made or acknowledged from resend_since less this. It covers
 * a till's clock behind the server's and batches in flight while the backup was taken; each item
 * resent that the server still has costs a replay, each one missed is a sale lost.
 */
const RESEND_MARGIN_MS = 15 * 60000;
const PRUNE_EVERY_MS = 3600000;

let wake = null;
let backingOff = false;
let leader = false;
let forcePull = false;
let forceFull = false;
let tokenRejected = false;

export { onChange };

/** Ends the leader's wait; during a backoff only 'online' and an explicit sync-now do. */
function wakeUp(force = false) {
  if (wake && (force || !backingOff)) wake();
}

onChange((kind, detail, fromOtherTab) => {
  if (kind === 'sync-now' && fromOtherTab) { forcePull = true; forceFull = true; tokenRejected = false; }
  if (kind === 'online') wakeUp(true);
  else if (kind !== 'synced' && kind !== 'offline' && kind !== 'reach' && kind !== 'leader') wakeUp(kind === 'sync-now');
});

/** Asks the leading tab (whichever it is) to push and pull the whole catalog now. */
export function syncNow() {
  forcePull = true;
  forceFull = true;
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
  return db.isQuotaError(e) ? t('err.storage') : e.message || e.name || String(e);
}

/** The words of a failure as a key and its arguments, so the screen can show them in another language later. */
export function wordsOf(e) {
  return db.isQuotaError(e) ? ['err.storage'] : e.words || null;
}

class Worded extends Error {
  constructor(words, error = null) { super(t(...words)); this.words = words; this.error = error; }
}
class Transient extends Worded {}
class Refused extends Worded {}

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
    noteAttempt(false);
    throw new Transient(navigator.onLine ? ['err.unreachable', e.name || 'network error'] : ['err.offline']);
  }
  let body = null;
  try { body = await response.json(); } catch (e) { /* not JSON: judged by status below */ }
  const busy = [408, 429, 502, 503, 504].includes(response.status) || (response.ok && !body);
  noteAttempt(!busy && response.status < 500);
  if (response.status === 401) {
    tokenRejected = true;
    const error = body?.error || { code: 'invalid_token', message: 'The device token was refused' };
    throw new Refused(['err.token', error.code], error);
  }
  if (busy) {
    const e = new Transient(['err.busy', response.status]);
    // a busy server says when to come back; its word is the floor of the till's own backoff
    const after = Number.parseInt(response.headers.get('Retry-After') || '', 10);
    if (Number.isFinite(after) && after > 0) e.retryAfterMs = after * 1000;
    throw e;
  }
  return { status: response.status, body };
}

/** Sends the outbox, batch after batch, until it is empty or a batch leaves items unacknowledged. */
async function push(device) {
  let sent = 0;
  for (;;) {
    const items = await db.nextBatch(BATCH_SIZE);
    if (!items.length) return { sent, failed: 0 };
    const opened = await Promise.all(items.map(openItem));
    const docs = opened.map((o) => o.doc);
    const stock = new Map(items.map((item, i) => [item.qid, opened[i].stock]));
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
      throw new Refused(['err.batch', error.code + (error.message ? ' – ' + error.message : '')], error);
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
    const serverMs = Date.parse(answer.data.synced_at ?? '');
    await db.applyPushResults(items, outcome, { maxAttempts: MAX_ATTEMPTS, now, stock, serverMs: Number.isFinite(serverMs) ? serverMs : null });
    sent += items.length - failed;
    if (conflicts) forcePull = true;
    await setState({ last_sync_ms: Date.now(), last_attempt_failed: false, last_batch: { items: items.length, failed, conflicts },
      error: failed ? t('err.someRefused') : null, error_words: failed ? ['err.someRefused'] : null });
    if (failed) return { sent, failed };
  }
}

/**
 * Compares a pull's server_epoch with the one this till knew. The first is only recorded; a
 * different one puts the kept items from resend_since (everything kept without it) back into
 * the outbox, and the new epoch is stored in the same transaction. Resolves with db's answer.
 */
async function noteEpoch(epoch, resendSince) {
  const known = await db.getConfig('server_epoch', null);
  if (known && known.epoch === epoch) return { changed: false };
  const parsed = resendSince ? Date.parse(resendSince) : NaN;
  const sinceMs = Number.isFinite(parsed) ? parsed : null;
  let stock = null;
  if (known) {
    // what each item moves in stock is sealed: opened here, before the transaction that queues them
    const kept = await db.keptToResend(sinceMs, RESEND_MARGIN_MS);
    stock = new Map(await Promise.all(kept.map(async (k) => [k.offline_id, (await openItem(k).catch(() => ({ stock: {} }))).stock])));
  }
  const now = Date.now();
  const result = await db.noteServerEpoch({ epoch, resendSince: resendSince || null, sinceMs, marginMs: RESEND_MARGIN_MS, stock, now });
  if (result.changed) {
    console.info('tillsync: the server was restored from a backup; ' + result.items + ' items of ' + result.sales + ' sales are sent again');
    // after the resend, a full pull brings the stock the server counts with them
    forcePull = true;
    forceFull = true;
    await setState({ restored: { ms: now, sales: result.sales, items: result.items } });
  }
  return result;
}

/**
 * Pulls catalog changes and conflict outcomes from the cursor on (the whole catalog without one,
 * or when full). The branch section updates the device's branch, tax rule and receipt header.
 * A page from a restored server (a new server_epoch) queues the resend; the cursor belonged to
 * the old database, so the pull starts over with the whole catalog. Resolves with
 * { restored: { sales, items } } when it was so, else { restored: null }.
 */
export async function pull(device, { full = false } = {}) {
  let cursor = full ? null : await db.getConfig('cursor', null);
  let restored = null;
  for (let page = 0; page < 100; page++) {
    const path = '/api/v1/pos/offline/changes' + (cursor ? '?since=' + encodeURIComponent(cursor) : '');
    const { status, body } = await call(device, path);
    if (status === 400 && body?.error?.code === 'invalid_cursor') {
      cursor = null;
      continue;
    }
    if (status !== 200 || !body?.data) {
      throw new Refused(['err.pull', status + (body?.error?.code ? ', ' + body.error.code : '')], body?.error);
    }
    const d = body.data;
    if (d.server_epoch) {
      const epoch = await noteEpoch(d.server_epoch, d.resend_since);
      if (epoch.changed) {
        restored = { sales: epoch.sales, items: epoch.items };
        if (!d.full) {
          cursor = null;
          continue;
        }
      }
    }
    await db.applyPull({
      full: !!d.full,
      products: (d.products || []).map((p) => ({ ...p, price_cents: toCents(p.price) })),
      outcomes: d.conflicts || [],
      cursor: d.cursor,
      now: Date.now(),
      deviceId: device.device_id,
      branch: d.branch ? branchSettings(d.branch) : null,
    });
    cursor = d.cursor;
    if (!d.has_more) break;
  }
  await setState({ last_pull_ms: Date.now(), last_attempt_failed: false, pull_error: null, pull_error_words: null });
  return { restored };
}

/** A tax rate as the server sends it (0.1, "0.11") in basis points, exactly: 0.1 → 1000. */
export function basisPoints(rate) {
  const m = /^(\d+)(?:\.(\d{0,4})\d*)?$/.exec(String(rate ?? '').trim());
  return m ? Number(m[1]) * 10000 + Number((m[2] || '').padEnd(4, '0')) : null;
}

/** What the till keeps of the pull's (or the pairing's) branch section. */
export function branchSettings(branch) {
  const bp = basisPoints(branch.tax_rate);
  return {
    branch_code: branch.branch_code,
    ...(bp === null ? {} : { tax_rate_bp: bp }),
    prices_include_tax: !!branch.prices_include_tax,
    shop: { name: branch.name || null, merchant_name: branch.merchant_name || null, address: branch.address || null },
  };
}

async function lead() {
  leader = true;
  notifyChanged('leader');
  db.pruneJournal(Date.now() - JOURNAL_DAYS * 86400000).catch((e) => console.warn('tillsync: journal not pruned', e));
  let failures = 0;
  let lastPull = 0;
  let lastPrune = 0;
  // set-up has just pulled the whole catalog: the first full refresh comes after the interval
  let lastFull = Date.now();
  for (;;) {
    let delay = IDLE_MS;
    let device = null;
    try {
      device = await db.getConfig('device', null);
    } catch (e) {
      // storage briefly unavailable (another tab upgrading it): try again later, keep leading
      console.warn('tillsync: cannot read the settings', e);
    }
    if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = Date.now();
      await db.pruneAcknowledged(lastPrune).catch((e) => console.warn('tillsync: acknowledged items not pruned', e));
    }
    if (device && !tokenRejected && navigator.onLine) {
      try {
        const result = await push(device);
        if (failures) await setState({ error: null, error_words: null });
        failures = result.failed ? failures + 1 : 0;
        if (result.failed) delay = backoff(failures);
      } catch (e) {
        failures++;
        // with jitter on top, so tills told the same Retry-After do not all come back in the same second
        delay = e.retryAfterMs ? Math.max(backoff(failures), e.retryAfterMs + Math.random() * e.retryAfterMs) : backoff(failures);
        // the server may have booked the batch: unacknowledged, it is sent again and answered as a replay
        const storage = db.isQuotaError(e);
        const words = storage ? ['err.storageAnswer'] : wordsOf(e);
        const error = words ? t(...words) : describe(e);
        await setState({ error, error_words: words, error_kind: storage ? 'storage' : null, error_ms: Date.now(), token_rejected: tokenRejected,
          last_attempt_failed: lastAttemptFailed() }).catch(() => {});
      }
      if (!tokenRejected && navigator.onLine && (forcePull || Date.now() - lastPull > PULL_EVERY_MS)) {
        const full = forceFull || Date.now() - lastFull > FULL_PULL_EVERY_MS;
        try {
          forcePull = false;
          forceFull = false;
          const { restored } = await pull(device, { full });
          lastPull = Date.now();
          if (full) lastFull = lastPull;
          // a restored server: the resend goes out now, not after the idle wait
          if (restored && restored.items && !failures) delay = 0;
        } catch (e) {
          lastPull = Date.now() - PULL_EVERY_MS + Math.min(delay, IDLE_MS);
          await setState({ pull_error: describe(e), pull_error_words: wordsOf(e), pull_error_ms: Date.now(),
            token_rejected: tokenRejected, last_attempt_failed: lastAttemptFailed() }).catch(() => {});
        }
      }
    }
    backingOff = failures > 0;
    await sleep(delay);
    backingOff = false;
  }
}

/** Joins the election: resolves at once; this tab starts leading whenever it gets the lock. */
export async function start() {
  restore((await syncState()).last_attempt_failed);
  if (navigator.locks) {
    navigator.locks.request('tillsync-sync', () => lead());
  } else {
    lead(); // no Web Locks: a single-tab browser
  }
}
