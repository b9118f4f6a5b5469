// The till's screen: selling, receipts, the journal and the sync status. Set-up lives in
// setup.js, storage in db.js, sending in sync.js; this module never waits on the network to
// finish a sale.
import * as db from './db.js';
import * as sync from './sync.js';
import { recordSale, recentSales, voidSale, settleSale, taxRule, openSale } from './sales.js';
import { totals, format, parseTyped } from './money.js';
import { warmUp } from './crypto.js';
import { APP_VERSION } from './version.js';
import { $, el } from './dom.js';
import { t, translatePage, currentLanguage, setLanguage, onLanguageChange } from './i18n.js';
import { showSetup, wireSetup } from './setup.js';
import { receiptText } from './receipt.js';
import { why, whatNext, tag, outcomeState } from './outcomes.js';

let device = null;
let products = [];
const basket = new Map(); // product_id -> { product, quantity }
const timings = [];
let storageWarning = null;
let shownReceipt = null;
/** The words that the server was restored stay this long, and while the resend still waits. */
const RESTORED_SHOWN_MS = 2 * 60000;
const RESTORED_SHOWN_WHILE_SENDING_MS = 30 * 60000;

// ---- start -------------------------------------------------------------------------------

async function main() {
  translatePage();
  renderLanguage();
  $('version').textContent = APP_VERSION;
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((e) => { $('shell').textContent = t('shell.none', e.message); });
    navigator.serviceWorker.addEventListener('controllerchange', renderNet);
  }
  device = await db.getConfig('device', null);
  wire();
  db.onStorageChange(() => { scheduleStatus(); checkStorage(); });
  sync.onChange(async (kind) => {
    if (kind === 'online' || kind === 'offline' || kind === 'leader') renderNet();
    scheduleStatus();
    if (kind === 'synced') {
      // a pull may have brought new branch settings (tax rule, the receipt's shop name)
      const stored = await db.getConfig('device', null).catch(() => null);
      if (stored && device && stored.device_id === device.device_id) { device = stored; renderHeader(); }
      loadProducts();
      scheduleJournal();
    }
    if (kind === 'sale' || kind === 'void' || kind === 'payment') { loadProducts(); scheduleJournal(); }
  });
  sync.start();
  if (device) {
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => false);
    await showTill(device);
  } else {
    showSetup(null);
  }
  renderNet();
  setInterval(renderStatus, 2000);
  setInterval(checkStorage, 60000);
  checkStorage();
  warmUp().catch(() => {});
}

function wire() {
  wireSetup(() => device, showTill);
  $('enroll-cancel').addEventListener('click', () => { if (device) showTill(device); });
  $('settings').addEventListener('click', () => showSetup(device));
  $('sync-now').addEventListener('click', () => sync.syncNow());
  $('language').addEventListener('click', () => setLanguage(currentLanguage() === 'id' ? 'en' : 'id'));
  $('setup-language').addEventListener('change', (e) => setLanguage(e.target.value));
  onLanguageChange(() => {
    translatePage();
    renderLanguage();
    renderNet();
    renderProducts();
    renderBasket();
    if (shownReceipt && !$('receipt').hidden) showReceipt(shownReceipt);
    scheduleJournal();
    scheduleStatus();
    if (!$('enroll').hidden) showSetup(device, { token: !$('enroll-form').hidden });
  });
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
  $('retry').addEventListener('click', () => act(async () => { await db.retryAttention(); sync.syncNow(); }, t('queued')));
}

function renderLanguage() {
  $('language').textContent = t('language.other');
  $('setup-language').value = currentLanguage();
}

function renderHeader() {
  $('device-name').textContent = device.device_id + ' · ' + (device.shop?.name || device.branch_code || '');
}

async function showTill(next) {
  device = next;
  document.body.classList.remove('unpaired');
  $('enroll').hidden = true;
  $('till').hidden = false;
  renderHeader();
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

function stockText(p) {
  const n = db.shownStock(p);
  return n === null ? '–' : String(Math.round(n * 1000) / 1000);
}

function renderProducts() {
  const q = $('search').value.trim().toLowerCase();
  const shown = products.filter((p) => !q || p.name.toLowerCase().includes(q) || (p.sku || '').toLowerCase().includes(q)
    || String(p.product_id) === q);
  $('products').replaceChildren(...shown.map((p) => el('button', {
    class: 'product', type: 'button', dataset: { id: String(p.product_id) }, onclick: () => add(p),
  }, p.name, el('small', {}, format(p.price_cents) + ' / ' + p.unit),
  el('small', { class: 'stock' + (db.shownStock(p) !== null && db.shownStock(p) <= 0 ? ' out' : ''), dataset: { stock: stockText(p) } },
    p.sku + ' · ' + t('stock', stockText(p))))));
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
  const sum = totals(lines, discountCents(subtotal), taxRule(device));
  const payLater = $('pay-later').checked;
  const typed = parseTyped($('tendered').value);
  const tendered = payLater ? 0 : (typed ?? sum.grand);
  return { lines, sum, payLater, tendered, discount: sum.discount };
}

function renderBasket() {
  if (!device) return;
  const rows = [...basket.values()].map(({ product, quantity }) => el('tr', {},
    el('td', {}, product.name),
    el('td', { class: 'num' },
      el('button', { type: 'button', class: 'minus', 'aria-label': t('one.less'), onclick: () => setQuantity(product.product_id, quantity - 1) }, '−'),
      el('input', { class: 'qty', size: 3, value: String(quantity), inputmode: 'numeric',
        onchange: (e) => setQuantity(product.product_id, Math.max(0, parseInt(e.target.value, 10) || 0)) }),
      el('button', { type: 'button', class: 'plus', 'aria-label': t('one.more'), onclick: () => setQuantity(product.product_id, quantity + 1) }, '+')),
    el('td', { class: 'num' }, format(quantity * product.price_cents))));
  $('basket').tBodies[0].replaceChildren(...rows);
  const { sum, payLater, tendered } = current();
  const rate = (device.tax_rate_bp ?? 1000) / 100;
  $('totals').replaceChildren(
    el('dt', {}, t('subtotal')), el('dd', { id: 'subtotal' }, format(sum.subtotal)),
    el('dt', {}, t('discount')), el('dd', { id: 'discount-total' }, format(sum.discount)),
    el('dt', {}, t(device.prices_include_tax ? 'tax.included' : 'tax', rate)), el('dd', { id: 'tax' }, format(sum.tax)),
    el('dt', { class: 'grand' }, t('total')), el('dd', { id: 'grand', class: 'grand' }, format(sum.grand)));
  $('change').textContent = payLater ? '–' : tendered >= sum.grand ? format(tendered - sum.grand) : t('short', format(sum.grand - tendered));
  $('charge').disabled = !basket.size || (!payLater && tendered < sum.grand);
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
    $('sale-msg').textContent = t('sale.recorded', sale.offline_reference);
    scheduleJournal();
    scheduleStatus();
  } catch (e) {
    // nothing was stored: the basket stays, so the cashier can try again
    $('sale-msg').textContent = db.isQuotaError(e) ? t('sale.full') : t('sale.failed', sync.describe(e));
    renderBasket();
  }
}

function showReceipt(sale) {
  shownReceipt = sale;
  $('receipt').textContent = receiptText(sale, device);
  $('receipt').dataset.reference = sale.offline_reference;
  $('receipt').hidden = false;
}

// ---- journal, conflicts, status -----------------------------------------------------------

let journalTimer = null;
function scheduleJournal() {
  clearTimeout(journalTimer);
  journalTimer = setTimeout(renderJournal, 150);
}

async function renderJournal() {
  if (!device) return;
  const sales = await recentSales(15);
  $('recent').replaceChildren(...sales.map((s) => {
    const state = s.status === 'voided' && s.sync === 'synced' && s.followups ? 'synced' : s.sync;
    return el('li', { dataset: { reference: s.offline_reference, id: s.offline_id, offline: String(!!s.receipt.offline) } },
      el('a', { href: '#', onclick: (e) => { e.preventDefault(); showReceipt(s); } }, s.offline_reference), ' ',
      format(s.receipt.grand), ' ',
      el('span', { class: 'tag ' + s.status }, t('state.' + s.status)), ' ',
      s.conflict ? null : el('span', { class: 'tag ' + state, title: s.transaction_code || '' }, t('sync.' + state)), ' ',
      s.conflict ? el('span', { class: 'tag conflict ' + outcomeState(s.conflict), dataset: { resolution: s.conflict.resolution || '' } },
        tag(s.conflict)) : null, ' ',
      s.status === 'unpaid' ? el('button', { type: 'button', class: 'settle', onclick: () => act(() => settleSale(device, s.offline_id)) }, t('settle')) : null,
      s.status !== 'voided' ? el('button', { type: 'button', class: 'void', onclick: () => {
        const reason = prompt(t('void.reason'), t('void.default'));
        if (reason !== null) act(() => voidSale(device, s.offline_id, reason || 'voided at the till'));
      } }, t('void')) : null);
  }));
  const conflicts = await db.listConflicts(50);
  $('conflicts-box').hidden = !conflicts.length;
  $('conflicts').replaceChildren(...conflicts.map((c) => el('li', {
    class: outcomeState(c), dataset: { offlineId: c.offline_id, conflictId: c.conflict_id || '', resolution: c.resolution || '', state: outcomeState(c) },
  },
  el('b', {}, c.offline_reference || c.offline_id), ' · ', t('item.' + (c.type || 'transaction')),
  why(c) ? [' · ', el('span', { class: 'why' }, why(c))] : null,
  el('span', { class: 'outcome' }, whatNext(c)),
  c.transaction_code ? el('small', {}, c.transaction_code) : null)));
  const attention = await db.attentionItems(50);
  $('attention-box').hidden = !attention.length;
  $('attention').replaceChildren(...attention.map((i) => el('li', {},
    (i.offline_reference || i.type + ' ' + i.offline_id.slice(0, 8)) + ': ' + (i.last_error?.code || 'error') + ' – ' + (i.last_error?.message || '')
    + ' ' + t('attention.attempts', i.attempts))));
}

async function act(fn, done = t('saved')) {
  try {
    await fn();
    $('sale-msg').textContent = done;
  } catch (e) {
    $('sale-msg').textContent = db.isQuotaError(e) ? t('saved.full') : sync.describe(e);
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
  $('net').textContent = t(online ? 'net.online' : 'net.offline');
  $('net').className = 'pill ' + (online ? 'online' : 'offline');
  // one tab is the usual case: say only when another tab does the sending
  $('role').textContent = t('role.other');
  $('role').hidden = sync.isLeader();
  const cached = 'serviceWorker' in navigator && navigator.serviceWorker.controller;
  $('shell').textContent = t(cached ? 'shell.ready' : 'shell.notReady');
  $('shell').className = 'pill ' + (cached ? 'muted' : 'warn');
}

function ago(ms) {
  if (!ms) return t('never');
  const s = Math.round((Date.now() - ms) / 1000);
  return s < 60 ? t('ago.s', s) : s < 3600 ? t('ago.min', Math.round(s / 60)) : new Date(ms).toLocaleString(document.documentElement.lang);
}

/** A stored failure in the current language when its words were kept, else as it was stored. */
const said = (words, text) => (words ? t(...words) : text);

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
  $('attention-count').textContent = t('count.attention', counts.attention);
  $('conflict-count').hidden = !counts.conflicts;
  $('conflict-count').textContent = t('count.conflicts', counts.conflicts);
  const alerts = [];
  const error = said(state.error_words, state.error);
  if (state.token_rejected && error) alerts.push(['bad', error]);
  else if (error && navigator.onLine) alerts.push(['', t(state.error_kind === 'storage' ? 'alert.syncStorage' : 'alert.sync', error)]);
  if (state.pull_error && navigator.onLine) alerts.push(['', t('alert.pull', said(state.pull_error_words, state.pull_error), ago(state.last_pull_ms))]);
  const restored = restoredNotice(state.restored, counts.waiting);
  if (restored) alerts.push(['info restored', restored]);
  if (full) alerts.push(['bad', t('alert.full')]);
  else if (storageWarning) alerts.push(['bad', t('alert.nearlyFull', storageWarning.mb)]);
  $('alerts').replaceChildren(...alerts.map(([cls, text]) => el('div', { class: cls }, text)));
  return { ...counts, ...state, storage_full: !!full, storage_warning: storageWarning ? t('alert.nearlyFull', storageWarning.mb) : null,
    restored_notice: restored };
}

/** What the cashier reads for a while after the server came back from a backup, else null. */
function restoredNotice(restored, waiting) {
  if (!restored || !restored.ms) return null;
  const age = Date.now() - restored.ms;
  if (age > RESTORED_SHOWN_MS && !(waiting > 0 && age < RESTORED_SHOWN_WHILE_SENDING_MS)) return null;
  const n = restored.sales || 0;
  return t(n === 0 ? 'alert.restoredNothing' : n === 1 ? 'alert.restoredOne' : 'alert.restored', n);
}

async function checkStorage() {
  if (!navigator.storage || !navigator.storage.estimate) return;
  try {
    const [{ usage, quota }, persisted] = await Promise.all([navigator.storage.estimate(),
      navigator.storage.persisted ? navigator.storage.persisted() : Promise.resolve(false)]);
    const free = quota - usage;
    storageWarning = free < 25 * 1024 * 1024 ? { mb: Math.round(free / 1048576) } : null;
    $('storage').textContent = t('storage.use', Math.round(usage / 1024), Math.round(quota / 1048576))
      + ' · ' + t(persisted ? 'storage.persistent' : 'storage.evictable');
  } catch (e) { /* estimate unavailable */ }
}

// ---- hooks for checks and measurements ------------------------------------------------------

window.till = {
  version: APP_VERSION,
  status: renderStatus,
  syncNow: sync.syncNow,
  isLeader: sync.isLeader,
  timings,
  language: currentLanguage,
  setLanguage,
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
      status: s.status, sync: s.sync, transaction_code: s.transaction_code || null, conflict: s.conflict || null,
      is_offline: !!s.receipt.offline }));
  },
  conflicts: () => db.listConflicts(1000),
  /** Acknowledged items kept for a resend after a server restore (no sealed documents). */
  kept: () => db.keptItems(),
  /** Drops the kept items older than the retention as of now (ms; a check may pass a later clock). */
  pruneKept: (now) => db.pruneAcknowledged(now),
  /** The offline_ids a restore to sinceMs would send again, in order, with a margin in ms. */
  resendSelection: async (sinceMs, marginMs) => (await db.keptToResend(sinceMs, marginMs)).map((k) => k.offline_id),
  serverEpoch: () => db.getConfig('server_epoch', null),
  product: async (id) => {
    const p = (await db.allProducts()).find((x) => x.product_id === id);
    return p ? { ...p, shown_stock: db.shownStock(p) } : null;
  },
  device: () => device,
  openSale,
};

window.till.ready = main().then(() => true, (e) => {
  // no IndexedDB (a private window in some browsers), or storage refused: say so, sell nothing
  $('alerts').replaceChildren(el('div', { class: 'bad' }, t('alert.noStorage', e.message)));
  throw e;
});
