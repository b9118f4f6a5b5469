// Money as whole hundredths ("cents", sen for IDR) in integers: never binary fractions.
// The contract allows 2 fraction digits; IDR is shown and taxed in whole rupiah.

/** Parses a price from the server (JSON number or decimal string) into cents, exactly. */
export function toCents(value) {
  if (value === null || value === undefined || value === '') return null;
  const s = typeof value === 'number' ? value.toFixed(2) : String(value).trim();
  const m = /^(-?)(\d+)(?:\.(\d{0,2})\d*)?$/.exec(s);
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] || '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

/** Parses what a cashier typed ("15.000", "15000", "15000,50") into cents; null when empty or wrong. */
export function parseTyped(text) {
  const t = String(text || '').trim().replace(/\s|Rp/gi, '');
  if (!t) return null;
  // Indonesian style: '.' groups thousands, ',' starts the fraction
  const normal = t.includes(',') ? t.replace(/\./g, '').replace(',', '.') : t.replace(/\.(?=\d{3}(\D|$))/g, '');
  return toCents(normal);
}

/** Cents on the wire: a JSON number when whole, else a decimal string with 2 digits. */
export function wire(cents) {
  if (cents % 100 === 0) return cents / 100;
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return sign + Math.floor(abs / 100) + '.' + String(abs % 100).padStart(2, '0');
}

/** Rounds a non-negative fraction num/den (in cents) half up to a multiple of unit cents. */
function roundHalfUp(num, den, unit) {
  const d = den * unit;
  return ((num * 2n + d) / (2n * d)) * unit;
}

/**
 * The branch's tax rule, as the server applies it: rate on (subtotal − discount), on top of the
 * prices or included in them, rounded half up to `digits` fraction digits (0 for IDR).
 */
export function taxFor(netCents, { rateBp, included = false, digits = 0 }) {
  if (netCents <= 0 || !rateBp) return 0;
  const unit = 10n ** BigInt(2 - digits);
  const num = BigInt(netCents) * BigInt(rateBp);
  const den = included ? BigInt(10000 + rateBp) : 10000n;
  return Number(roundHalfUp(num, den, unit));
}

/** The totals of a basket. lines: [{ quantity, unit_cents }]. */
export function totals(lines, discountCents, taxRule) {
  const subtotal = lines.reduce((sum, l) => sum + l.quantity * l.unit_cents, 0);
  const discount = Math.min(Math.max(discountCents || 0, 0), subtotal);
  const net = subtotal - discount;
  const tax = taxFor(net, taxRule);
  const grand = taxRule.included ? net : net + tax;
  return { subtotal, discount, tax, grand };
}

let whole = null;
let fractional = null;
setMoneyLocale('id-ID');

/** Formats rupiah as the locale writes them: Rp 16.500 in id-ID; sen only when there are some (Rp 16.500,50). */
export function setMoneyLocale(tag) {
  whole = new Intl.NumberFormat(tag, { style: 'currency', currency: 'IDR', minimumFractionDigits: 0, maximumFractionDigits: 0 });
  fractional = new Intl.NumberFormat(tag, { style: 'currency', currency: 'IDR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function format(cents) {
  if (cents === null || cents === undefined) return '–';
  // a plain space: the receipt is monospaced text, where a no-break space may print as another width
  return (cents % 100 === 0 ? whole.format(cents / 100) : fractional.format(cents / 100)).replace(/\u00a0/g, ' ');
}
