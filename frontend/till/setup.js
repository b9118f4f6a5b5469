// Setting the till up: by a pairing code typed on the first screen (the till gets its device
// id, token and branch settings from the server), or, for scripted set-ups, by a pasted device
// id and token. Either way the branch, its tax rule, prices and stock come from the server's pull.
import * as db from './db.js';
import * as sync from './sync.js';
import { $ } from './dom.js';
import { t } from './i18n.js';

const PAIR_TIMEOUT_MS = 20000;

/** Shows the set-up screen; with a device (from Settings) it says which till this is and can go back. */
export function showSetup(device, { token = false } = {}) {
  // before the first set-up there is nothing to send or to have synced: the header says only whether the network is there
  document.body.classList.toggle('unpaired', !device);
  $('enroll').hidden = false;
  $('till').hidden = true;
  $('enroll-cancel').hidden = !device;
  showForm(token);
  $('setup-current').hidden = !device;
  if (device) {
    $('setup-current').textContent = t('setup.current', device.device_id, device.shop?.name || device.branch_code);
    $('enroll-device').value = device.device_id;
    $('enroll-cashier').value = device.cashier_id || '';
  }
  (token ? $('enroll-device') : $('pair-code')).focus();
}

/** A message under a form; a refusal reads as one. */
function say(msg, text, refused = false) {
  msg.textContent = text;
  msg.classList.toggle('bad', refused && !!text);
}

function showForm(token) {
  $('pair-form').hidden = token;
  $('enroll-form').hidden = !token;
}

/** Wires both forms. adopt(device) makes the given settings the till's and opens the till. */
export function wireSetup(currentDevice, ready) {
  $('use-token').addEventListener('click', (e) => { e.preventDefault(); showForm(true); $('enroll-device').focus(); });
  $('use-pair').addEventListener('click', (e) => { e.preventDefault(); showForm(false); $('pair-code').focus(); });
  $('pair-code').addEventListener('input', (e) => {
    // shown as the back-office shows it, K7QM-4XPT, whatever was typed
    const raw = e.target.value.replace(/[^0-9a-z]/gi, '').toUpperCase().slice(0, 8);
    const grouped = raw.length > 4 ? raw.slice(0, 4) + '-' + raw.slice(4) : raw;
    if (grouped !== e.target.value) e.target.value = grouped;
    // an earlier refusal must not read as the verdict on the code now being typed
    say($('pair-msg'), '');
  });
  $('pair-form').addEventListener('submit', (e) => { e.preventDefault(); pairByCode(currentDevice, ready); });
  $('enroll-form').addEventListener('submit', (e) => { e.preventDefault(); setUpByToken(currentDevice, ready); });
}

async function pairByCode(currentDevice, ready) {
  const msg = $('pair-msg');
  const code = $('pair-code').value.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== 8) { say(msg, t('pair.short'), true); return; }
  if (!navigator.onLine) { say(msg, t('pair.offline'), true); return; }
  $('pair-save').disabled = true;
  say(msg, t('pair.working'));
  try {
    let response;
    try {
      response = await fetch(location.origin + '/api/v1/pos/pair', {
        method: 'POST', cache: 'no-store', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ pairing_code: code }), signal: AbortSignal.timeout(PAIR_TIMEOUT_MS),
      });
    } catch (e) {
      say(msg, t('pair.offline'), true);
      return;
    }
    let body = null;
    try { body = await response.json(); } catch (e) { /* judged by the status */ }
    if (response.status === 429) { say(msg, t('pair.throttled', response.headers.get('Retry-After') || '60'), true); return; }
    if (response.status === 400 && body?.error?.code === 'invalid_pairing_code') { say(msg, t('pair.invalid'), true); return; }
    if (response.status !== 200 || !body?.data?.token) {
      say(msg, t('pair.failed', body?.error?.code || 'HTTP ' + response.status), true);
      return;
    }
    const d = body.data;
    const device = { device_id: d.device_id, token: d.token, ...sync.branchSettings(d.branch || { branch_code: d.branch_code }),
      tax_digits: 0, cashier_id: $('enroll-cashier').value.trim() || null, server: null };
    $('pair-code').value = '';
    await adopt(currentDevice(), device, { msg, loading: t('pair.loading', d.device_id), paired: true }, ready);
  } finally {
    $('pair-save').disabled = false;
  }
}

async function setUpByToken(currentDevice, ready) {
  const msg = $('enroll-msg');
  const before = currentDevice();
  const deviceId = $('enroll-device').value.trim();
  const token = $('enroll-token').value.trim() || (before && before.device_id === deviceId ? before.token : '');
  if (!deviceId || !token) { say(msg, t('token.missing'), true); return; }
  // branch and tax rule as known so far; the pull replaces them with the server's
  const same = before && before.device_id === deviceId;
  const device = { device_id: deviceId, token, branch_code: same ? before.branch_code : null, tax_rate_bp: same ? before.tax_rate_bp : null,
    prices_include_tax: same ? !!before.prices_include_tax : false, shop: same ? before.shop : null, tax_digits: 0,
    cashier_id: $('enroll-cashier').value.trim() || null, server: null };
  $('enroll-save').disabled = true;
  try {
    await adopt(before, device, { msg, loading: t('setup.loading'), paired: false }, ready);
    $('enroll-token').value = '';
  } finally {
    $('enroll-save').disabled = false;
  }
}

/** Stores the new settings (a new device id starts from an empty till), pulls the whole catalog and opens the till. */
async function adopt(before, next, { msg, loading, paired }, ready) {
  if (before && before.device_id !== next.device_id) {
    const counts = await db.outboxCounts();
    if (counts.waiting > 0) {
      say(msg, paired ? t('pair.otherDevice', next.device_id, counts.waiting, before.device_id)
        : t('setup.waitingOther', counts.waiting), true);
      return;
    }
    await db.wipeAll();
  }
  say(msg, loading);
  const changedDevice = !before || before.device_id !== next.device_id || before.server !== next.server;
  // another device id or server: its cursor and epoch are not this server's (the first pull records the epoch)
  await db.setConfig(changedDevice ? { device: next, cursor: null, server_epoch: null } : { device: next });
  if (navigator.storage && navigator.storage.persist) await navigator.storage.persist().catch(() => false);
  try {
    await sync.pull(next, { full: true });
    say(msg, '');
    await ready(await db.getConfig('device', next));
    sync.syncNow();
  } catch (e) {
    say(msg, t('setup.loadFailed', sync.describe(e)), true);
    if ((await db.allProducts()).length) await ready(await db.getConfig('device', next));
  }
}
