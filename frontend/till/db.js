// The till's storage. This is the only module that touches IndexedDB: everything else calls
// the functions below, each of which is one IndexedDB transaction (so each is atomic, also
// across tabs of the same till: readwrite transactions on overlapping stores never interleave).

const DB_NAME = 'tillsync';
// 1: the first release; 2 adds `sent`. A till in the field upgrades in place and keeps its data.
const DB_VERSION = 2;

// Stores
//   config     key/value: device settings, cursor, sync state, the server's epoch, the encryption key
//   products   the branch's catalog, as the pull delivers it
//   sales      the local journal of sales (receipts, voids), payload encrypted
//   outbox     sales, payments and voids waiting for the server's acknowledgement (FIFO by qid)
//   sent       sales, payments and voids the server acknowledged, kept KEEP_ACKED_DAYS in case the
//              server is restored from a backup that does not hold them (sealed as in the outbox)
//   conflicts  items the server stored as a conflict, and the outcome the pull reports
//   counters   per-day sequence of offline_reference, one row per day
export const READY = 'ready';
export const ATTENTION = 'attention';

/** How long an acknowledged item is kept for a resend after a server restore (sync contract §5: at least 7). */
export const KEEP_ACKED_DAYS = 7;
const DAY_MS = 86400000;

let opening = null;

// Whether the device refused the last write for lack of space. Kept in memory, not in
// IndexedDB: a full storage cannot record that it is full. Any refused write sets it; only a
// stored sale, payment, void or acknowledgement clears it: a settings write or a pull that
// only moves its cursor can still fit where a sale no longer does.
let spaceRefused = null;
const storageListeners = new Set();

/** True for the error a browser raises when a write does not fit in the origin's quota. */
export function isQuotaError(e) {
  return !!e && (e.name === 'QuotaExceededError' || e.code === 22);
}

/** { since_ms } while writes are refused for lack of space, else null. */
export function storageFull() {
  return spaceRefused;
}

export function onStorageChange(listener) {
  storageListeners.add(listener);
}

function setFull(value) {
  if (!!value === !!spaceRefused) return;
  spaceRefused = value ? { since_ms: Date.now() } : null;
  for (const l of storageListeners) l(spaceRefused);
}

/** Wraps an IDBRequest in a promise. Awaiting it inside a transaction keeps the transaction alive. */
export function req(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function completion(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error || new DOMException('Transaction aborted', 'AbortError'));
  });
}

export function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const r = indexedDB.open(DB_NAME, DB_VERSION);
      r.onupgradeneeded = (event) => {
        // step by step from the version on disk: every store of an older till stays as it is
        const db = r.result;
        if (event.oldVersion < 1) {
          db.createObjectStore('config', { keyPath: 'key' });
          db.createObjectStore('products', { keyPath: 'product_id' });
          const sales = db.createObjectStore('sales', { keyPath: 'offline_id' });
          sales.createIndex('created', 'created_ms');
          const outbox = db.createObjectStore('outbox', { keyPath: 'qid', autoIncrement: true });
          outbox.createIndex('offline_id', 'offline_id', { unique: true });
          outbox.createIndex('state', ['state', 'qid']);
          db.createObjectStore('conflicts', { keyPath: 'offline_id' });
          db.createObjectStore('counters', { keyPath: 'day' });
        }
        if (event.oldVersion < 2) {
          // keyed by offline_id: an item acknowledged again (after a resend) replaces its own row
          const sent = db.createObjectStore('sent', { keyPath: 'offline_id' });
          sent.createIndex('acked', 'acked_ms');
          sent.createIndex('sale', 'sale_ms');
          sent.createIndex('server_acked', 'server_acked_ms');
        }
      };
      r.onsuccess = () => {
        const db = r.result;
        db.onversionchange = () => { db.close(); opening = null; };
        db.onclose = () => { opening = null; };
        resolve(db);
      };
      r.onerror = () => { opening = null; reject(r.error); };
      r.onblocked = () => console.warn('tillsync: database upgrade waits for another tab to close');
    });
  }
  return opening;
}

/**
 * Runs fn(stores) in one transaction and resolves with its result once the transaction has
 * committed: a caller never sees success for data that is not on disk. fn may await only
 * the requests it makes (through req), nothing else, or the transaction would end early.
 */
export async function run(storeNames, mode, fn) {
  const db = await open();
  const tx = db.transaction(storeNames, mode, mode === 'readwrite' ? { durability: 'strict' } : undefined);
  const stores = {};
  for (const name of [].concat(storeNames)) stores[name] = tx.objectStore(name);
  const committed = completion(tx);
  let result;
  try {
    result = await fn(stores, tx);
  } catch (e) {
    try { tx.abort(); } catch (ignored) { /* already finished */ }
    await committed.catch(() => {});
    throw e;
  }
  await committed;
  return result;
}

/**
 * A readwrite run() that keeps storageFull() current: a refusal for space sets it; success
 * clears it when the write held sales (clears), the size that has to fit.
 */
async function write(storeNames, fn, { clears = true } = {}) {
  try {
    const result = await run(storeNames, 'readwrite', fn);
    if (clears) setFull(false);
    return result;
  } catch (e) {
    if (isQuotaError(e)) setFull(true);
    throw e;
  }
}

// ---- config -----------------------------------------------------------------------------

export async function getConfig(key, fallback = undefined) {
  const row = await run('config', 'readonly', (s) => req(s.config.get(key)));
  return row === undefined ? fallback : row.value;
}

export function setConfig(values) {
  return write('config', (s) => {
    for (const [key, value] of Object.entries(values)) s.config.put({ key, value });
  }, { clears: false });
}

/** Stores value under key unless a value is there already; resolves with the stored one. */
export function configIfAbsent(key, value) {
  return write('config', async (s) => {
    const row = await req(s.config.get(key));
    if (row !== undefined) return row.value;
    s.config.put({ key, value });
    return value;
  }, { clears: false });
}

// ---- catalog ----------------------------------------------------------------------------

// Pending stock. A tile shows the server's stock_on_hand less what this till sold that the
// server's figure does not hold yet, kept per product in two counters:
//   pending_local  sold (or given back by a void) here, not yet acknowledged by the server
//   pending_acked  acknowledged, but no pull has brought the product's stock since
// A pull that brings a product's stock was read after every acknowledgement this till has
// seen (the leader pulls after it pushes), so it clears pending_acked for that product.
// Quantities sit in the clear here, per product only: the baskets stay sealed.

/** The stock a tile shows. */
export function shownStock(p) {
  if (p.stock_on_hand === null || p.stock_on_hand === undefined) return null;
  return Number(p.stock_on_hand) - (p.pending_local || 0) - (p.pending_acked || 0);
}

function addPending(products, stock, local, acked) {
  return Promise.all(Object.entries(stock || {}).map(async ([id, qty]) => {
    const row = await req(products.get(Number(id)));
    if (!row) return;
    row.pending_local = (row.pending_local || 0) + local * qty;
    row.pending_acked = (row.pending_acked || 0) + acked * qty;
    products.put(row);
  }));
}

/**
 * Applies one page of the pull and its cursor in one transaction: the catalog never runs ahead of
 * its cursor. branch (the pull's branch section) updates the stored device of deviceId.
 */
export function applyPull({ full, products, outcomes, cursor, now, deviceId, branch }) {
  return write(['products', 'config', 'conflicts', 'sales'], async (s) => {
    const before = new Map((full ? await req(s.products.getAll()) : await Promise.all(products.map((p) => req(s.products.get(p.product_id)))))
      .filter(Boolean).map((p) => [p.product_id, p]));
    if (full) s.products.clear();
    for (const p of products) s.products.put({ ...p, pending_local: before.get(p.product_id)?.pending_local || 0, pending_acked: 0 });
    if (branch && deviceId) {
      const row = await req(s.config.get('device'));
      if (row && row.value.device_id === deviceId) s.config.put({ key: 'device', value: { ...row.value, ...branch } });
    }
    for (const o of outcomes) {
      const existing = await req(s.conflicts.get(o.offline_id));
      s.conflicts.put({ ...(existing || { offline_id: o.offline_id, detected_ms: now }), ...o, outcome_ms: now });
      const sale = await req(s.sales.get(o.offline_id));
      if (sale) {
        sale.sync = 'conflict';
        sale.conflict = { conflict_id: o.conflict_id, status: o.status, resolution: o.resolution, outcome: o.outcome, auto_resolved: o.auto_resolved };
        if (o.transaction_code) sale.transaction_code = o.transaction_code;
        s.sales.put(sale);
      }
    }
    s.config.put({ key: 'cursor', value: cursor });
  }, { clears: false });
}

export function allProducts() {
  return run('products', 'readonly', (s) => req(s.products.getAll()));
}

// ---- recording --------------------------------------------------------------------------

/**
 * Writes a new sale: takes the next sequence number of the day, then stores the sale and its
 * outbox entries, all in one readwrite transaction. Two tabs cannot get the same number: their
 * transactions on `counters` run one after the other. build(seq) returns { sale, outbox: [] }.
 */
export function appendSale(day, stock, build) {
  return write(['counters', 'sales', 'outbox', 'products'], async (s) => {
    const counter = await req(s.counters.get(day));
    const seq = (counter ? counter.seq : 0) + 1;
    s.counters.put({ day, seq });
    const { sale, outbox } = build(seq);
    s.sales.put(sale);
    for (const item of outbox) s.outbox.add(item);
    await addPending(s.products, stock, 1, 0);
    return { seq, sale };
  });
}

/** Queues items that follow a sale (payment, void) and updates the sale record and pending stock, atomically. */
export function appendFollowUp(offlineId, update, outboxItems, stock = null) {
  return write(['sales', 'outbox', 'products'], async (s) => {
    const sale = await req(s.sales.get(offlineId));
    if (!sale) throw new Error('unknown sale ' + offlineId);
    const next = update(sale);
    if (!next) return null;
    s.sales.put(next);
    for (const item of outboxItems) s.outbox.add(item);
    await addPending(s.products, stock, 1, 0);
    return next;
  });
}

export function getSale(offlineId) {
  return run('sales', 'readonly', (s) => req(s.sales.get(offlineId)));
}

/** The newest sales first. */
export function recentSales(limit) {
  return run('sales', 'readonly', (s) => new Promise((resolve, reject) => {
    const out = [];
    const cursor = s.sales.index('created').openCursor(null, 'prev');
    cursor.onerror = () => reject(cursor.error);
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c || out.length >= limit) return resolve(out);
      out.push(c.value);
      c.continue();
    };
  }));
}

// ---- outbox -----------------------------------------------------------------------------

const stateRange = (state) => IDBKeyRange.bound([state, -Infinity], [state, Infinity]);

/** The oldest items ready to send, at most limit of them. */
export function nextBatch(limit) {
  return run('outbox', 'readonly', (s) => req(s.outbox.index('state').getAll(stateRange(READY), limit)));
}

export function outboxCounts() {
  return run(['outbox', 'conflicts'], 'readonly', async (s) => {
    const [ready, attention, conflicts] = await Promise.all([
      req(s.outbox.index('state').count(stateRange(READY))),
      req(s.outbox.index('state').count(stateRange(ATTENTION))),
      req(s.conflicts.count()),
    ]);
    return { ready, attention, waiting: ready + attention, conflicts };
  });
}

export function attentionItems(limit = 50) {
  return run('outbox', 'readonly', (s) => req(s.outbox.index('state').getAll(stateRange(ATTENTION), limit)));
}

/** Puts items needing attention back in the queue with a fresh count of attempts. */
export function retryAttention() {
  return write('outbox', async (s) => {
    const items = await req(s.outbox.index('state').getAll(stateRange(ATTENTION)));
    for (const item of items) s.outbox.put({ ...item, state: READY, attempts: 0 });
    return items.length;
  }, { clears: false });
}

/**
 * What the till keeps of an acknowledged outbox item: its sealed wire document untouched (so a
 * resend is the same idempotent item, byte for byte), its place in the queue, the item's own
 * time (the sale, payment or void as made), and when it was acknowledged, by this till's clock
 * and by the server's (serverMs, the batch answer's synced_at, when known).
 */
function keptItem(item, now, serverMs) {
  const kept = { offline_id: item.offline_id, type: item.type, qid: item.qid, sealed: item.sealed,
    sale_ms: item.enqueued_ms ?? now, acked_ms: now };
  if (item.offline_reference) kept.offline_reference = item.offline_reference;
  if (item.transaction_offline_id) kept.transaction_offline_id = item.transaction_offline_id;
  if (Number.isFinite(serverMs)) kept.server_acked_ms = serverMs;
  return kept;
}

/**
 * Applies the server's answer to a batch in one transaction. acks: items the server holds
 * (booked or stored as a conflict) leave the outbox for `sent`; conflicts are kept with what
 * the server said; failures count an attempt and, past maxAttempts, wait for a person.
 * outcome = { qid -> { kind: 'booked'|'conflict'|'failed', result, error } }
 */
export function applyPushResults(items, outcome, { maxAttempts, now, stock = null, serverMs = null }) {
  return write(['outbox', 'sent', 'sales', 'conflicts', 'products'], async (s) => {
    for (const item of items) {
      const o = outcome.get(item.qid);
      if (stock && (o.kind === 'booked' || o.kind === 'conflict')) {
        // booked: the server moved its stock; an open conflict moved none (its outcome comes with a pull)
        await addPending(s.products, stock.get(item.qid), -1, o.result?.success ? 1 : 0);
      }
      const saleId = item.type === 'transaction' ? item.offline_id : item.transaction_offline_id;
      const sale = saleId ? await req(s.sales.get(saleId)) : undefined;
      if (o.kind === 'booked' || o.kind === 'conflict') {
        s.outbox.delete(item.qid);
        s.sent.put(keptItem(item, now, serverMs));
        if (o.kind === 'conflict') {
          const r = o.result;
          const stored = await req(s.conflicts.get(item.offline_id));
          // another conflict_id for the same item: a restored server raised it anew, its answer counts
          const existing = stored && stored.conflict_id === r.conflict_id ? stored : null;
          s.conflicts.put({
            ...(existing || {}),
            offline_id: item.offline_id, type: item.type, offline_reference: item.offline_reference || sale?.offline_reference,
            sale_offline_id: saleId, conflict_id: r.conflict_id, status: existing?.status || r.conflict_status,
            auto_resolved: existing?.auto_resolved ?? !!r.auto_resolved, resolution: existing?.resolution || r.resolution || null,
            booked: !!r.success, server_id: r.server_id ?? null, transaction_code: r.transaction_code ?? null,
            // what kind of conflict and why; local_data and server_data stay on the server (they hold amounts)
            conflict_type: existing?.conflict_type || o.report?.conflict_type || null, reason: existing?.reason || o.report?.reason || null,
            detected_ms: stored?.detected_ms || now,
          });
        }
        if (sale) {
          if (item.type === 'transaction') {
            sale.sync = o.kind === 'booked' ? 'synced' : 'conflict';
            sale.server_id = o.result.server_id ?? sale.server_id ?? null;
            sale.transaction_code = o.result.transaction_code ?? sale.transaction_code ?? null;
            if (o.kind === 'conflict') {
              sale.conflict = { conflict_id: o.result.conflict_id, status: o.result.conflict_status,
                resolution: o.result.resolution || null, auto_resolved: !!o.result.auto_resolved };
            }
          } else {
            sale.followups = { ...(sale.followups || {}), [item.offline_id]: o.kind === 'booked' ? 'synced' : 'conflict' };
          }
          sale.synced_ms = now;
          s.sales.put(sale);
        }
      } else {
        const attempts = (item.attempts || 0) + 1;
        const state = attempts >= maxAttempts ? ATTENTION : READY;
        s.outbox.put({ ...item, attempts, state, last_error: o.error, last_attempt_ms: now });
        if (sale && state === ATTENTION && item.type === 'transaction') {
          sale.sync = 'attention';
          s.sales.put(sale);
        }
      }
    }
  });
}

/** Counts an attempt on every item of a batch the server refused as a whole. */
export function countAttempts(items, error, { maxAttempts, now }) {
  const outcome = new Map(items.map((i) => [i.qid, { kind: 'failed', error }]));
  return applyPushResults(items, outcome, { maxAttempts, now });
}

export function listConflicts(limit = 50) {
  return run('conflicts', 'readonly', (s) => req(s.conflicts.getAll(null, limit)));
}

/**
 * Forgets sales older than beforeMs that the server has (synced, or held as a conflict); sales
 * still waiting or needing attention are kept whatever their age.
 */
export function pruneJournal(beforeMs) {
  return run('sales', 'readwrite', (s) => new Promise((resolve, reject) => {
    let removed = 0;
    const cursor = s.sales.index('created').openCursor(IDBKeyRange.upperBound(beforeMs, true));
    cursor.onerror = () => reject(cursor.error);
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return resolve(removed);
      if (c.value.sync === 'synced' || c.value.sync === 'conflict') {
        c.delete();
        removed++;
      }
      c.continue();
    };
  }));
}

// ---- kept after acknowledgement, resent after a server restore --------------------------------

/** Forgets acknowledged items older than KEEP_ACKED_DAYS by this till's clock at now. */
export function pruneAcknowledged(now = Date.now()) {
  return run('sent', 'readwrite', (s) => new Promise((resolve, reject) => {
    let removed = 0;
    const cursor = s.sent.index('acked').openCursor(IDBKeyRange.upperBound(now - KEEP_ACKED_DAYS * DAY_MS, true));
    cursor.onerror = () => reject(cursor.error);
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return resolve(removed);
      c.delete();
      removed++;
      c.continue();
    };
  }));
}

/**
 * The kept items a restore to the backup of sinceMs may have lost, in their original queue order
 * (a sale before its payment and void): every item made, acknowledged by this till or received
 * by the server at or after sinceMs − marginMs. The acknowledgement counts, not only the sale's
 * time: a sale made offline before the backup and sent after it is not in the backup either. The
 * margin covers clocks that disagree and batches in flight while the backup was taken; an item
 * resent that the server still has costs one replay. sinceMs null: everything kept.
 */
async function selectKept(sent, sinceMs, marginMs) {
  let keys;
  if (sinceMs === null || sinceMs === undefined) {
    keys = await req(sent.getAllKeys());
  } else {
    const from = IDBKeyRange.lowerBound(sinceMs - marginMs);
    const found = await Promise.all(['acked', 'sale', 'server_acked'].map((index) => req(sent.index(index).getAllKeys(from))));
    keys = [...new Set(found.flat())];
  }
  const items = (await Promise.all(keys.map((k) => req(sent.get(k))))).filter(Boolean);
  return items.sort((a, b) => (a.qid ?? Infinity) - (b.qid ?? Infinity) || a.sale_ms - b.sale_ms);
}

export function keptToResend(sinceMs, marginMs) {
  return run('sent', 'readonly', (s) => selectKept(s.sent, sinceMs, marginMs));
}

/** Every kept item, without its sealed document: what a check or a support person looks at. */
export function keptItems() {
  return run('sent', 'readonly', async (s) => (await req(s.sent.getAll())).map(({ sealed, ...rest }) => rest));
}

/**
 * Notes the server_epoch a pull brought, in one transaction. The first one ever is only
 * recorded. A different one means the server was restored from a backup: every kept item from
 * sinceMs on (see selectKept) goes back into the outbox as ready, at its original place in the
 * queue, unless the outbox holds its offline_id already; its sale shows as waiting again and its
 * quantities (stock: offline_id -> {product_id: qty}) count as pending on the tiles; the pull
 * cursor, a position in the old database's feed, is dropped. The new epoch is stored in the same
 * transaction, so a reload at any moment either resends all of it or finds the old epoch again.
 * Resolves with { changed, first, sales, items }.
 */
export function noteServerEpoch({ epoch, resendSince = null, sinceMs = null, marginMs = 0, stock = null, now = Date.now() }) {
  return write(['config', 'sent', 'outbox', 'sales', 'products'], async (s) => {
    const known = (await req(s.config.get('server_epoch')))?.value;
    if (known && known.epoch === epoch) return { changed: false, first: false, sales: 0, items: 0 };
    const record = { epoch, resend_since: resendSince, seen_ms: now };
    if (!known) {
      s.config.put({ key: 'server_epoch', value: record });
      return { changed: false, first: true, sales: 0, items: 0 };
    }
    const kept = await selectKept(s.sent, sinceMs, marginMs);
    const sales = new Set();
    let items = 0;
    for (const k of kept) {
      if ((await req(s.outbox.index('offline_id').getKey(k.offline_id))) !== undefined) continue;
      const entry = { offline_id: k.offline_id, type: k.type, state: READY, attempts: 0, enqueued_ms: k.sale_ms, sealed: k.sealed,
        resent_ms: now };
      if (k.offline_reference) entry.offline_reference = k.offline_reference;
      if (k.transaction_offline_id) entry.transaction_offline_id = k.transaction_offline_id;
      // its own qid again (the queue never hands a number out twice), so it goes where it was
      if (k.qid !== undefined && (await req(s.outbox.get(k.qid))) === undefined) entry.qid = k.qid;
      s.outbox.put(entry);
      await addPending(s.products, stock?.get(k.offline_id), 1, 0);
      const saleId = k.type === 'transaction' ? k.offline_id : k.transaction_offline_id;
      sales.add(saleId);
      items++;
      if (k.type === 'transaction') {
        const sale = await req(s.sales.get(saleId));
        if (sale && sale.sync === 'synced') s.sales.put({ ...sale, sync: 'waiting' });
      }
    }
    s.config.put({ key: 'server_epoch', value: { ...record, previous: known.epoch, restored_ms: now, resent_sales: sales.size, resent_items: items } });
    s.config.put({ key: 'cursor', value: null });
    return { changed: true, first: false, sales: sales.size, items };
  }, { clears: false });
}

/** Deletes everything this till stores (a re-enrollment on another device id). */
export function wipeAll() {
  return run(['config', 'products', 'sales', 'outbox', 'sent', 'conflicts', 'counters'], 'readwrite', (s) => {
    for (const store of Object.values(s)) store.clear();
  });
}
