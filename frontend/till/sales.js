// Recording sales, voids and settlements. A sale is committed to IndexedDB (sale, outbox entry,
// the day's sequence number and the tiles' pending stock in one transaction) before anything
// else happens; nothing here waits on the network.
import * as db from './db.js';
import { seal, open as unseal } from './crypto.js';
import { totals, wire } from './money.js';
import { notifyChanged } from './events.js';
import { offlineNow } from './connection.js';
import { t } from './i18n.js';

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** The device's local calendar day, YYYYMMDD: the day part of offline_reference. */
export function dayOf(date) {
  return date.getFullYear() + pad(date.getMonth() + 1) + pad(date.getDate());
}

/** ISO-8601 with the device's own offset, so created_at_device and the reference's day agree. */
export function isoLocal(date) {
  const off = -date.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T' + pad(date.getHours()) + ':'
    + pad(date.getMinutes()) + ':' + pad(date.getSeconds()) + '.' + pad(date.getMilliseconds(), 3)
    + sign + pad(Math.floor(abs / 60)) + ':' + pad(abs % 60);
}

export function reference(deviceId, day, seq) {
  return deviceId + '-' + day + '-' + pad(seq, 3);
}

export function taxRule(device) {
  return { rateBp: device.tax_rate_bp ?? 1000, included: !!device.prices_include_tax, digits: device.tax_digits ?? 0 };
}

/**
 * Records a sale. basket: [{ product_id, name, unit, quantity, unit_cents }].
 * Resolves once the sale is on disk, with its receipt; rejects (and stores nothing) otherwise.
 */
export async function recordSale(device, basket, { discountCents = 0, tenderedCents = null, payLater = false } = {}) {
  if (!basket.length) throw new Error(t('sale.emptyBasket'));
  const sum = totals(basket, discountCents, taxRule(device));
  const tendered = payLater ? 0 : (tenderedCents ?? sum.grand);
  if (!payLater && tendered < sum.grand) throw new Error(t('sale.shortCash'));
  const now = new Date();
  const offline = offlineNow();
  const offlineId = crypto.randomUUID();
  const doc = {
    offline_id: offlineId,
    device_id: device.device_id,
    created_at_device: isoLocal(now),
    branch_code: device.branch_code,
    payment_method: 'CASH',
    items: basket.map((l) => ({ product_id: l.product_id, quantity: l.quantity, unit_price: wire(l.unit_cents),
      subtotal: wire(l.quantity * l.unit_cents) })),
    subtotal: wire(sum.subtotal),
    discount_total: wire(sum.discount),
    tax_total: wire(sum.tax),
    grand_total: wire(sum.grand),
    status: payLater ? 'unpaid' : 'paid',
    is_offline: offline,
  };
  if (device.cashier_id) doc.id_user_apps = Number(device.cashier_id);
  const receipt = {
    lines: basket.map((l) => ({ product_id: l.product_id, name: l.name, unit: l.unit, quantity: l.quantity, unit_cents: l.unit_cents })),
    ...sum, tendered, change: payLater ? 0 : tendered - sum.grand, pay_later: payLater, offline,
    cashier_id: device.cashier_id || null,
  };
  const sealed = await seal({ doc, receipt }, offlineId);
  const day = dayOf(now);
  const { sale } = await db.appendSale(day, stockOf(doc.items, 1), (seq) => {
    const ref = reference(device.device_id, day, seq);
    return {
      sale: { offline_id: offlineId, offline_reference: ref, created_ms: now.getTime(), status: doc.status, sync: 'waiting', sealed },
      outbox: [{ offline_id: offlineId, type: 'transaction', offline_reference: ref, state: db.READY, attempts: 0,
        enqueued_ms: now.getTime(), sealed }],
    };
  });
  notifyChanged('sale');
  return { ...sale, doc: { ...doc, offline_reference: sale.offline_reference }, receipt };
}

/** Quantities per product of wire lines, times sign: what a sale (1) or its void (-1) takes from stock. */
function stockOf(items, sign) {
  const stock = {};
  for (const l of items || []) stock[l.product_id] = (stock[l.product_id] || 0) + sign * Number(l.quantity);
  return stock;
}

/** A stored sale with its payload opened. */
export async function openSale(sale) {
  const { doc, receipt } = await unseal(sale.sealed, sale.offline_id);
  return { ...sale, doc: { ...doc, offline_reference: sale.offline_reference }, receipt };
}

export async function recentSales(limit = 10) {
  const sales = await db.recentSales(limit);
  return Promise.all(sales.map(openSale));
}

/** Voids a sale, online or not: the void waits in the outbox like a sale. */
export async function voidSale(device, offlineId, reason = 'voided at the till') {
  const now = new Date();
  const voidId = crypto.randomUUID();
  const doc = { offline_id: voidId, transaction_offline_id: offlineId, reason, voided_at_device: isoLocal(now) };
  if (device.cashier_id) doc.id_user_apps = Number(device.cashier_id);
  const stored = await db.getSale(offlineId);
  // the goods go back on the shelf: the tiles show it now, the server when the void arrives
  const stock = stored ? stockOf((await unseal(stored.sealed, offlineId)).doc.items, -1) : {};
  const sealed = await seal({ doc, stock }, voidId);
  const updated = await db.appendFollowUp(offlineId,
    (sale) => (sale.status === 'voided' ? null : { ...sale, status: 'voided', voided_ms: now.getTime(), void_offline_id: voidId }),
    [{ offline_id: voidId, type: 'void', transaction_offline_id: offlineId, state: db.READY, attempts: 0, enqueued_ms: now.getTime(), sealed }],
    stock);
  if (!updated) throw new Error(t('void.already'));
  notifyChanged('void');
  return updated;
}

/** Settles a pay-later sale in cash: a payment of its grand total waits in the outbox. */
export async function settleSale(device, offlineId) {
  const stored = await db.getSale(offlineId);
  if (!stored) throw new Error('unknown sale ' + offlineId);
  const { doc: sale } = await unseal(stored.sealed, offlineId);
  const now = new Date();
  const paymentId = crypto.randomUUID();
  const doc = { offline_id: paymentId, transaction_offline_id: offlineId, method: 'CASH', amount: sale.grand_total,
    paid_at_device: isoLocal(now) };
  const sealed = await seal({ doc }, paymentId);
  const updated = await db.appendFollowUp(offlineId,
    (s) => (s.status !== 'unpaid' ? null : { ...s, status: 'paid', paid_ms: now.getTime(), payment_offline_id: paymentId }),
    [{ offline_id: paymentId, type: 'payment', transaction_offline_id: offlineId, state: db.READY, attempts: 0, enqueued_ms: now.getTime(), sealed }]);
  if (!updated) throw new Error(t('settle.notUnpaid'));
  notifyChanged('payment');
  return updated;
}

/**
 * An outbox entry opened: its wire document, and what it moves in stock ({product_id: quantity
 * taken}), which leaves the tiles' pending stock once the server has it.
 */
export async function openItem(item) {
  const { doc, stock } = await unseal(item.sealed, item.offline_id);
  if (item.type === 'transaction') return { doc: { ...doc, offline_reference: item.offline_reference }, stock: stockOf(doc.items, 1) };
  return { doc, stock: stock || {} };
}

/** The wire document of an outbox entry. */
export async function wireDoc(item) {
  return (await openItem(item)).doc;
}
