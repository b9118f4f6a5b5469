// Recording sales, voids and settlements. A sale is committed to IndexedDB (sale, outbox entry
// and the day's sequence number in one transaction) before anything else happens; nothing here
// waits on the network.
import * as db from './db.js';
import { seal, open as unseal } from './crypto.js';
import { totals, wire } from './money.js';
import { notifyChanged } from './sync.js';

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
  if (!basket.length) throw new Error('The basket is empty');
  const t = totals(basket, discountCents, taxRule(device));
  const tendered = payLater ? 0 : (tenderedCents ?? t.grand);
  if (!payLater && tendered < t.grand) throw new Error('Cash tendered is less than the total');
  const now = new Date();
  const offlineId = crypto.randomUUID();
  const doc = {
    offline_id: offlineId,
    device_id: device.device_id,
    created_at_device: isoLocal(now),
    branch_code: device.branch_code,
    payment_method: 'CASH',
    items: basket.map((l) => ({ product_id: l.product_id, quantity: l.quantity, unit_price: wire(l.unit_cents),
      subtotal: wire(l.quantity * l.unit_cents) })),
    subtotal: wire(t.subtotal),
    discount_total: wire(t.discount),
    tax_total: wire(t.tax),
    grand_total: wire(t.grand),
    status: payLater ? 'unpaid' : 'paid',
  };
  if (device.cashier_id) doc.id_user_apps = Number(device.cashier_id);
  const receipt = {
    lines: basket.map((l) => ({ product_id: l.product_id, name: l.name, unit: l.unit, quantity: l.quantity, unit_cents: l.unit_cents })),
    ...t, tendered, change: payLater ? 0 : tendered - t.grand, pay_later: payLater,
  };
  const sealed = await seal({ doc, receipt }, offlineId);
  const day = dayOf(now);
  const { sale } = await db.appendSale(day, (seq) => {
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
  const sealed = await seal({ doc }, voidId);
  const updated = await db.appendFollowUp(offlineId,
    (sale) => (sale.status === 'voided' ? null : { ...sale, status: 'voided', voided_ms: now.getTime(), void_offline_id: voidId }),
    [{ offline_id: voidId, type: 'void', transaction_offline_id: offlineId, state: db.READY, attempts: 0, enqueued_ms: now.getTime(), sealed }]);
  if (!updated) throw new Error('This sale is voided already');
  notifyChanged('void');
  return updated;
}

/** Settles a pay-later sale in cash: a payment of its grand total waits in the outbox. */
export async function settleSale(device, offlineId) {
  const stored = await db.getSale(offlineId);
  if (!stored) throw new Error('Unknown sale');
  const { doc: sale } = await unseal(stored.sealed, offlineId);
  const now = new Date();
  const paymentId = crypto.randomUUID();
  const doc = { offline_id: paymentId, transaction_offline_id: offlineId, method: 'CASH', amount: sale.grand_total,
    paid_at_device: isoLocal(now) };
  const sealed = await seal({ doc }, paymentId);
  const updated = await db.appendFollowUp(offlineId,
    (s) => (s.status !== 'unpaid' ? null : { ...s, status: 'paid', paid_ms: now.getTime(), payment_offline_id: paymentId }),
    [{ offline_id: paymentId, type: 'payment', transaction_offline_id: offlineId, state: db.READY, attempts: 0, enqueued_ms: now.getTime(), sealed }]);
  if (!updated) throw new Error('This sale is not waiting for payment');
  notifyChanged('payment');
  return updated;
}

/** The wire document of an outbox entry. */
export async function wireDoc(item) {
  const { doc } = await unseal(item.sealed, item.offline_id);
  return item.type === 'transaction' ? { ...doc, offline_reference: item.offline_reference } : doc;
}
