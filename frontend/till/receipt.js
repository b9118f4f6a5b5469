// The receipt as plain monospaced text, 32 characters wide (a 58 mm printer's line): the shop's
// name and address on top, then the reference, the date in the cashier's language, the lines
// and the totals in the locale's money format.
import { format } from './money.js';
import { t, dateTime } from './i18n.js';

export const WIDTH = 32;

/** Breaks text into lines of at most width characters, at spaces where it can. */
export function wrap(text, width = WIDTH) {
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    for (let w = word; w.length;) {
      const room = line ? width - line.length - 1 : width;
      if (w.length <= room) { line = line ? line + ' ' + w : w; w = ''; }
      else if (!line) { lines.push(w.slice(0, width)); w = w.slice(width); }
      else { lines.push(line); line = ''; }
    }
  }
  if (line) lines.push(line);
  return lines;
}

const center = (text) => ' '.repeat(Math.max(0, Math.floor((WIDTH - text.length) / 2))) + text;

/** Left text and right-aligned amount on one line; on two when they do not fit together. */
function row(left, right) {
  if (left.length + right.length + 1 > WIDTH) return [left, ' '.repeat(Math.max(0, WIDTH - right.length)) + right];
  return [left + ' '.repeat(WIDTH - left.length - right.length) + right];
}

/** sale: a stored sale opened (receipt, offline_reference, created_ms, status); device: the till's settings. */
export function receiptText(sale, device) {
  const r = sale.receipt;
  const shop = device.shop || {};
  const rule = '-'.repeat(WIDTH);
  const rate = (device.tax_rate_bp ?? 1000) / 100;
  const head = [shop.merchant_name, shop.name && shop.name !== shop.merchant_name ? shop.name : null]
    .filter(Boolean).flatMap((x) => wrap(x)).map(center);
  if (!head.length) head.push(center(device.branch_code || ''));
  if (shop.address) head.push(...wrap(shop.address).map(center));
  const cashier = r.cashier_id ? t('receipt.cashier', r.cashier_id) : '';
  const lines = [
    ...head, rule,
    ...wrap(t('receipt.reference', sale.offline_reference)),
    ...row(dateTime(sale.created_ms), cashier),
    rule,
    ...r.lines.flatMap((l) => [...wrap(l.name), ...row('  ' + l.quantity + ' × ' + format(l.unit_cents), format(l.quantity * l.unit_cents))]),
    rule,
    ...row(t('receipt.subtotal'), format(r.subtotal)),
    ...(r.discount ? row(t('receipt.discount'), '−' + format(r.discount)) : []),
    ...(device.prices_include_tax ? [] : row(t('receipt.tax', rate), format(r.tax))),
    ...row(t('receipt.total'), format(r.grand)),
    ...(device.prices_include_tax ? row('  ' + t('receipt.taxIncluded', rate), format(r.tax)) : []),
    ...(r.pay_later ? [t('receipt.payLater')] : [...row(t('receipt.cash'), format(r.tendered)), ...row(t('receipt.change'), format(r.change))]),
    ...(sale.status === 'voided' ? [center(t('receipt.voided'))] : []),
    rule,
    center(t('receipt.thanks')),
  ];
  return lines.join('\n');
}
