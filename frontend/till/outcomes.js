// What happened to a sale (payment, void) the server held as a conflict, in the cashier's words:
// why it was held, how it was settled and what the cashier has to do, which is usually nothing.
import { t } from './i18n.js';

function settled(c) {
  return c.status === 'resolved' || !!c.outcome;
}

/** 'booked', 'rejected', 'open' or 'held': the short state shown beside a sale. */
export function outcomeState(c) {
  if (!settled(c)) return c.status === 'held' ? 'held' : 'open';
  if (c.outcome === 'rejected') return 'rejected';
  if (c.outcome === 'booked' || c.booked) return 'booked';
  // settled without a booking: keep_server on a rule or a duplicate
  return c.resolution === 'keep_local' || c.resolution === 'merge' ? 'booked' : 'rejected';
}

/** Why the server held it, in a few words. */
export function why(c) {
  if (c.reason) return t('reason.' + c.reason);
  return c.conflict_type ? t('type.' + c.conflict_type) : '';
}

/** What became of it and what happens next, in a sentence or two. */
export function whatNext(c) {
  const state = outcomeState(c);
  if (state === 'open') return t('outcome.open');
  if (state === 'held') return t('outcome.held');
  let text;
  if (state === 'rejected') text = c.conflict_type === 'duplicate' ? t('outcome.duplicate') : t('outcome.rejected');
  else if (c.resolution === 'keep_local') text = t('outcome.keep_local');
  else if (c.resolution === 'keep_server') text = t('outcome.keep_server.booked');
  else if (c.resolution === 'merge') text = t('outcome.merge');
  else text = t('outcome.settled');
  return c.auto_resolved ? text + ' ' + t('outcome.byRule') : text;
}

/** The short tag beside a sale in the recent list. */
export function tag(c) {
  return t('tag.' + outcomeState(c));
}
