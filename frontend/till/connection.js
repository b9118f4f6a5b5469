// Whether the till is cut off from the server right now: the browser says it is offline, or
// the last attempt to reach the server failed (a captive Wi-Fi, a dead router, the server
// away). A sale made in that state is sent with is_offline: true, so the back-office's
// online/offline filter tells the truth. The leading tab makes the attempts and tells the others.
import { notifyChanged, onChange } from './events.js';

let failed = false;

onChange((kind, detail, fromOtherTab) => {
  if (kind === 'reach' && fromOtherTab && detail) failed = !detail.ok;
});

/** Noted by the sender after each request to the server: answered at all (ok) or not. */
export function noteAttempt(ok) {
  if (failed === !ok) return;
  failed = !ok;
  notifyChanged('reach', { ok });
}

/** Starts a tab from what the sender stored, before it has made an attempt of its own. */
export function restore(wasFailed) {
  failed = !!wasFailed;
}

export function lastAttemptFailed() {
  return failed;
}

export function offlineNow() {
  return !navigator.onLine || failed;
}
