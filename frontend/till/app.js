// The till's screen: enrolment, selling, receipts, the journal and the sync status.
// Storage goes through db.js, sending through sync.js; this module never waits on the network
// to finish a sale.
import * as db from './db.js';
import * as sync from './sync.js';
import { recordSale, recentSales, voidSale, settleSale, taxRule, openSale } from './sales.js';
import { totals, format, parseTyped } from './money.js';
import { warmUp } from './crypto.js';
import { APP_VERSION } from './version.js';

const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (v !== false && v !== null && v !== undefined) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
};

let device = null;
let products = [];
const basket = new Map(); // product_id -> { product, quantity }
const timings = [];
let storageWarning = null;

// ---- start -------------------------------------------------------------------------------

async function main() {
  $('version').textContent = APP_VERSION;
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((e) => { $('shell').textContent = 'no offline start: ' + e.message; });
    navigator.serviceWorker.addEventListener('controllerchange', renderNet);
  }
  device = await db.getConfig('device', null);
  wire();
  db.onStorageChange(() => { scheduleStatus(); checkStorage(); });
  sync.onChange((kind) => {
    if (kind === 'online' || kind === 'offline' || kind === 'leader') renderNet();
    scheduleStatus();
    if (kind === 'synced') { loadProducts(); scheduleJournal(); }
    if (kind === 'sale' || kind === 'void' || kind === 'payment') scheduleJournal();
  });
  sync.start();
  if (device) {
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => false);
    await showTill();
  } else {
    showEnroll();
  }
  renderNet();
  setInterval(renderStatus, 2000);
  setInterval(checkStorage, 60000);
  checkStorage();
  warmUp().catch(() => {});
}

function wire() {
  $('enroll-form').addEventListener('submit', (e) => { e.preventDefault(); enroll(); });
  $('enroll-cancel').addEventListener('click', () => { if (device) showTill(); });
  $('settings').addEventListener('click', () => showEnroll());
  $('sync-now').addEventListener('click', () => sync.syncNow());
  $('search').addEventListener('input', renderProducts);
  $('search').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      const first = $('products').querySelector('.product');
      if (first) first.click();
    }
  });
  for (const id of ['discount', 'tendered', 'pay-later']) $(id).addEventListener('input', renderBasket);
  $('charge').addEventListener('click', charge);
  $('clear').addEventListener('click', () => { basket.clear(); resetPayment(); renderBasket(); });
  $('retry').addEventListener('click', () => act(async () => { await db.retryAttention(); sync.syncNow(); }, 'Queued again.'));
}

// ---- enrolment ---------------------------------------------------------------------------

function showEnroll() {
  $('enroll').hidden = false;
  $('till').hidden = true;
  $('enroll-cancel').hidden = !device;
  if (device) {
    $('enroll-device').value = device.device_id;
    $('enroll-branch').value = device.branch_code;
    $('enroll-tax').value = String((device.tax_rate_bp ?? 1000) / 100);
    $('enroll-included').checked = !!device.prices_include_tax;
    $('enroll-cashier').value = device.cashier_id || '';
  }
}

async function enroll() {
  const msg = $('enroll-msg');
  const next = {
    device_id: $('enroll-device').value.trim(),
    token: $('enroll-token').value.trim() || device?.token,
    branch_code: $('enroll-branch').value.trim(),
    tax_rate_bp: Math.round(Number($('enroll-tax').value.replace(',', '.')) * 100),
    prices_include_tax: $('enroll-included').checked,
    tax_digits: 0,
    cashier_id: $('enroll-cashier').value.trim() || null,
    server: null, // the till talks to the Tillsync that serves it (no cross-origin API)
  };
  if (!next.device_id || !next.token || !next.branch_code || !Number.isFinite(next.tax_rate_bp)) {
    msg.textContent = 'Device id, token, branch and tax rate are needed.';
    return;
  }
  if (device && device.device_id !== next.device_id) {
    const counts = await db.outboxCounts();
    if (counts.waiting > 0) {
      msg.textContent = counts.waiting + ' items still wait for the server: sync them before changing the device id.';
      return;
    }
    await db.wipeAll();
  }
  msg.textContent = 'Loading the catalog…';
  $('enroll-save').disabled = true;
  try {
    const changedDevice = !device || device.device_id !== next.device_id || device.server !== next.server;
    await db.setConfig(changedDevice ? { device: next, cursor: null } : { device: next });
    device = next;
    if (navigator.storage && navigator.storage.persist) await navigator.storage.persist().catch(() => false);
    await sync.pull(device);
    msg.textContent = '';
    $('enroll-token').value = '';
    await showTill();
    sync.syncNow();
  } catch (e) {
    msg.textContent = 'Could not load the catalog: ' + sync.describe(e);
    if ((await db.allProducts()).length) await showTill();
  } finally {
    $('enroll-save').disabled = false;
  }
}

async function showTill() {
  $('enroll').hidden = true;
  $('till').hidden = false;
  $('device-name').textContent = device.device_id + ' · ' + device.branch_code;
  await loadProducts();
  renderBasket();
  await renderJournal();
  await renderStatus();
}

// ---- catalog and basket --------------------------------------------------------------------

async function loadProducts() {
  products = (await db.allProducts()).filter((p) => p.active && p.price_cents !== null && p.price_cents !== undefined);
  renderProducts();
}

function renderProducts() {
  const q = $('search').value.trim().toLowerCase();
  const shown = products.filter((p) => !q || p.name.toLowerCase().includes(q) || (p.sku || '').toLowerCase().includes(q)
    || String(p.product_id) === q);
  $('products').replaceChildren(...shown.map((p) => el('button', {
    class: 'product', type: 'button', dataset: { id: String(p.product_id) }, onclick: () => add(p),
  }, p.name, el('small', {}, format(p.price_cents) + ' / ' + p.unit), el('small', {}, p.sku + ' · stock ' + (p.stock_on_hand ?? '–')))));
}

function add(product) {
  const line = basket.get(product.product_id);
  if (line) line.quantity++;
  else basket.set(product.product_id, { product, quantity: 1 });
  $('receipt').hidden = true;
  renderBasket();
}

function setQuantity(id, quantity) {
  if (quantity <= 0) basket.delete(id);
  else basket.get(id).quantity = quantity;
  renderBasket();
}

function basketLines() {
  return [...basket.values()].map(({ product, quantity }) => ({ product_id: product.product_id, name: product.name,
    unit: product.unit, quantity, unit_cents: product.price_cents }));
}

function discountCents(subtotal) {
  const text = $('discount').value.trim();
  if (text.endsWith('%')) {
    const pct = Number(text.slice(0, -1).replace(',', '.'));
    return Number.isFinite(pct) ? Math.round(subtotal * Math.min(Math.max(pct, 0), 100) / 100 / 100) * 100 : 0;
  }
  return parseTyped(text) || 0;
}

function current() {
  const lines = basketLines();
  const subtotal = lines.reduce((s, l) => s + l.quantity * l.unit_cents, 0);
  const t = totals(lines, discountCents(subtotal), taxRule(device));
  const payLater = $('pay-later').checked;
  const typed = parseTyped($('tendered').value);
  const tendered = payLater ? 0 : (typed ?? t.grand);
  return { lines, t, payLater, tendered, discount: t.discount };
}

function renderBasket() {
  if (!device) return;
  const rows = [...basket.values()].map(({ product, quantity }) => el('tr', {},
    el('td', {}, product.name),
    el('td', { class: 'num' },
      el('button', { type: 'button', class: 'minus', 'aria-label': 'one less', onclick: () => setQuantity(product.product_id, quantity - 1) }, '−'),
      el('input', { class: 'qty', size: 3, value: String(quantity), inputmode: 'numeric',
        onchange: (e) => setQuantity(product.product_id, Math.max(0, parseInt(e.target.value, 10) || 0)) }),
      el('button', { type: 'button', class: 'plus', 'aria-label': 'one more', onclick: () => setQuantity(product.product_id, quantity + 1) }, '+')),
    el('td', { class: 'num' }, format(quantity * product.price_cents))));
  $('basket').tBodies[0].replaceChildren(...rows);
  const { t, payLater, tendered } = current();
  const rate = (device.tax_rate_bp ?? 1000) / 100;
  $('totals').replaceChildren(
    el('dt', {}, 'Subtotal'), el('dd', { id: 'subtotal' }, format(t.subtotal)),
    el('dt', {}, 'Discount'), el('dd', { id: 'discount-total' }, format(t.discount)),
    el('dt', {}, 'Tax ' + rate + '%' + (device.prices_include_tax ? ' (included)' : '')), el('dd', { id: 'tax' }, format(t.tax)),
    el('dt', { class: 'grand' }, 'Total'), el('dd', { id: 'grand', class: 'grand' }, format(t.grand)));
  $('change').textContent = payLater ? '–' : tendered >= t.grand ? format(tendered - t.grand) : 'short ' + format(t.grand - tendered);
  $('charge').disabled = !basket.size || (!payLater && tendered < t.grand);
}

function resetPayment() {
  $('discount').value = '';
  $('tendered').value = '';
  $('pay-later').checked = false;
}

async function charge() {
  const { lines, payLater, tendered, discount } = current();
  if (!lines.length) return;
  $('charge').disabled = true;
  const started = performance.now();
  try {
    const sale = await recordSale(device, lines, { discountCents: discount, tenderedCents: tendered, payLater });
    timings.push(performance.now() - started);
    basket.clear();
    resetPayment();
    renderBasket();
    showReceipt(sale);
    $('sale-msg').textContent = 'Recorded ' + sale.offline_reference;
    scheduleJournal();
    scheduleStatus();
  } catch (e) {
    // nothing was stored: the basket stays, so the cashier can try again
    $('sale-msg').textContent = db.isQuotaError(e)
      ? 'Storage is full: the sale was NOT recorded. The basket is kept: free space on this device, then press Charge again.'
      : 'The sale was NOT recorded: ' + sync.describe(e);
    renderBasket();
  }
}

function showReceipt(sale) {
  const r = sale.receipt;
  const width = 36;
  const row = (left, right) => left + ' '.repeat(Math.max(1, width - left.length - right.length)) + right;
  const text = [
    device.branch_code, sale.offline_reference, new Date(sale.created_ms).toLocaleString(), '-'.repeat(width),
    ...r.lines.flatMap((l) => [l.name, row('  ' + l.quantity + ' × ' + format(l.unit_cents), format(l.quantity * l.unit_cents))]),
    '-'.repeat(width), row('Subtotal', format(r.subtotal)), r.discount ? row('Discount', '−' + format(r.discount)) : null,
    row('Tax', format(r.tax)), row('TOTAL', format(r.grand)),
    r.pay_later ? 'PAY LATER' : row('Cash', format(r.tendered)), r.pay_later ? null : row('Change', format(r.change)),
    sale.status === 'voided' ? '*** VOIDED ***' : null,
  ].filter((x) => x !== null).join('\n');
  $('receipt').textContent = text;
  $('receipt').dataset.reference = sale.offline_reference;
  $('receipt').hidden = false;
}

// ---- journal, conflicts, status -----------------------------------------------------------

let journalTimer = null;
function scheduleJournal() {
  clearTimeout(journalTimer);
  journalTimer = setTimeout(renderJournal, 150);
}

function conflictText(c) {
  if (!c) return '';
  if (c.outcome) return c.status + (c.resolution ? ' · ' + c.resolution : '') + ' · ' + c.outcome + (c.auto_resolved ? ' (by policy)' : '');
  if (c.status === 'resolved') return 'resolved · ' + (c.resolution || '') + (c.auto_resolved ? ' (by policy)' : '');
  return (c.status || 'open') + ' – waits for the store manager';
}

async function renderJournal() {
  if (!device) return;
  const sales = await recentSales(15);
  $('recent').replaceChildren(...sales.map((s) => {
    const sync = s.status === 'voided' && s.sync === 'synced' && s.followups ? 'synced' : s.sync;
    return el('li', { dataset: { reference: s.offline_reference, id: s.offline_id } },
      el('a', { href: '#', onclick: (e) => { e.preventDefault(); showReceipt(s); } }, s.offline_reference), ' ',
      format(s.receipt.grand), ' ',
      el('span', { class: 'tag ' + s.status }, s.status), ' ',
      el('span', { class: 'tag ' + sync, title: s.transaction_code || '' }, sync === 'synced' ? 'synced' : sync), ' ',
      s.conflict ? el('span', { class: 'tag conflict' }, conflictText(s.conflict)) : null, ' ',
      s.status === 'unpaid' ? el('button', { type: 'button', class: 'settle', onclick: () => act(() => settleSale(device, s.offline_id)) }, 'Settle cash') : null,
      s.status !== 'voided' ? el('button', { type: 'button', class: 'void', onclick: () => {
        const reason = prompt('Reason for the void', 'customer cancelled');
        if (reason !== null) act(() => voidSale(device, s.offline_id, reason || 'voided at the till'));
      } }, 'Void') : null);
  }));
  const conflicts = await db.listConflicts(50);
  $('conflicts-box').hidden = !conflicts.length;
  $('conflicts').replaceChildren(...conflicts.map((c) => el('li', { dataset: { offlineId: c.offline_id, conflictId: c.conflict_id || '' } },
    (c.offline_reference || c.offline_id) + ' (' + (c.type || 'item') + ', ' + (c.conflict_type || 'conflict')
      + (c.reason ? ': ' + c.reason.replace(/_/g, ' ') : '') + '): ',
    el('span', { class: 'outcome' }, conflictText(c)),
    c.transaction_code ? ' · ' + c.transaction_code : '')));
  const attention = await db.attentionItems(50);
  $('attention-box').hidden = !attention.length;
  $('attention').replaceChildren(...attention.map((i) => el('li', {},
    (i.offline_reference || i.type + ' ' + i.offline_id.slice(0, 8)) + ': ' + (i.last_error?.code || 'error') + ' – ' + (i.last_error?.message || '')
    + ' (' + i.attempts + ' attempts)')));
}

async function act(fn, done = 'Saved; it will be sent with the next sync.') {
  try {
    await fn();
    $('sale-msg').textContent = done;
  } catch (e) {
    $('sale-msg').textContent = db.isQuotaError(e) ? 'Storage is full: NOT saved. Free space on this device, then try again.'
      : sync.describe(e);
  }
  scheduleJournal();
  scheduleStatus();
}

let statusTimer = null;
function scheduleStatus() {
  clearTimeout(statusTimer);
  statusTimer = setTimeout(renderStatus, 100);
}

function renderNet() {
  const online = navigator.onLine;
  $('net').textContent = online ? 'online' : 'offline';
  $('net').className = 'pill ' + (online ? 'online' : 'offline');
  $('role').textContent = sync.isLeader() ? 'sending' : 'another tab sends';
  const cached = 'serviceWorker' in navigator && navigator.serviceWorker.controller;
  $('shell').textContent = cached ? 'opens offline' : 'not yet ready offline: stay online';
  $('shell').className = 'pill ' + (cached ? 'muted' : 'warn');
}

function ago(ms) {
  if (!ms) return 'never';
  const s = Math.round((Date.now() - ms) / 1000);
  return s < 60 ? s + ' s ago' : s < 3600 ? Math.round(s / 60) + ' min ago' : new Date(ms).toLocaleString();
}

async function renderStatus() {
  renderNet();
  const [counts, state] = await Promise.all([db.outboxCounts(), sync.syncState()]);
  const full = db.storageFull();
  $('waiting').textContent = String(counts.waiting);
  // the last time the server answered: a batch acknowledged or a pull applied
  const lastOk = Math.max(state.last_sync_ms || 0, state.last_pull_ms || 0);
  $('last-sync').textContent = ago(lastOk);
  $('last-sync').dataset.ms = String(lastOk || '');
  $('attention-count').hidden = !counts.attention;
  $('attention-count').textContent = counts.attention + ' need attention';
  $('conflict-count').hidden = !counts.conflicts;
  $('conflict-count').textContent = counts.conflicts + ' conflicts';
  const alerts = [];
  if (state.token_rejected && state.error) alerts.push(['bad', state.error]);
  else if (state.error && navigator.onLine) {
    alerts.push(['', 'Sync: ' + state.error + (state.error_kind === 'storage' ? '.' : ' – sales are kept and sent later.')]);
  }
  if (state.pull_error && navigator.onLine) alerts.push(['', 'Catalog update failed: ' + state.pull_error + ' – selling with the prices loaded ' + ago(state.last_pull_ms) + '.']);
  if (full) {
    alerts.push(['bad', 'Storage is full: new sales cannot be saved on this till. Sales already recorded are kept and sent. '
      + 'Free space on this device (other apps, files, other websites\' data); selling goes on as soon as a sale fits.']);
  } else if (storageWarning) {
    alerts.push(['bad', storageWarning]);
  }
  $('alerts').replaceChildren(...alerts.map(([cls, text]) => el('div', { class: cls }, text)));
  return { ...counts, ...state, storage_full: !!full, storage_warning: storageWarning };
}

async function checkStorage() {
  if (!navigator.storage || !navigator.storage.estimate) return;
  try {
    const [{ usage, quota }, persisted] = await Promise.all([navigator.storage.estimate(),
      navigator.storage.persisted ? navigator.storage.persisted() : Promise.resolve(false)]);
    const free = quota - usage;
    storageWarning = free < 25 * 1024 * 1024
      ? 'Storage is nearly full (' + Math.round(free / 1048576) + ' MB left): free space on this device before it stops recording sales.' : null;
    $('storage').textContent = 'storage ' + Math.round(usage / 1024) + ' KB of ' + Math.round(quota / 1048576) + ' MB'
      + (persisted ? ' · persistent' : ' · may be evicted');
  } catch (e) { /* estimate unavailable */ }
}

// ---- hooks for checks and measurements ------------------------------------------------------

window.till = {
  version: APP_VERSION,
  status: renderStatus,
  syncNow: sync.syncNow,
  isLeader: sync.isLeader,
  timings,
  /** Records a sale as the Charge button does: lines [{product_id, quantity}]; resolves with its reference and the time taken. */
  async sell(lines, options = {}) {
    const basketLines = lines.map((l) => {
      const p = products.find((x) => x.product_id === l.product_id);
      if (!p) throw new Error('unknown product ' + l.product_id);
      return { product_id: p.product_id, name: p.name, unit: p.unit, quantity: l.quantity, unit_cents: p.price_cents };
    });
    const started = performance.now();
    const sale = await recordSale(device, basketLines, options);
    const ms = performance.now() - started;
    timings.push(ms);
    scheduleJournal();
    scheduleStatus();
    return { offline_id: sale.offline_id, offline_reference: sale.offline_reference, ms };
  },
  async sales(limit = 1000) {
    return (await recentSales(limit)).map((s) => ({ offline_id: s.offline_id, offline_reference: s.offline_reference,
      status: s.status, sync: s.sync, transaction_code: s.transaction_code || null, conflict: s.conflict || null }));
  },
  conflicts: () => db.listConflicts(1000),
  product: async (id) => (await db.allProducts()).find((p) => p.product_id === id) || null,
  openSale,
};

window.till.ready = main().then(() => true, (e) => {
  // no IndexedDB (a private window in some browsers), or storage refused: say so, sell nothing
  $('alerts').replaceChildren(el('div', { class: 'bad' }, 'This browser does not let the till store sales (' + e.message + '). '
    + 'Use a normal window of a current browser.'));
  throw e;
});
