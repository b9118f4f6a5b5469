// The till's words in English and Bahasa Indonesia, and money and dates in the chosen
// language's format. The language comes from the browser (navigator.languages) until the
// cashier picks one; the pick is remembered on this device.
import { setMoneyLocale } from './money.js';
import { en } from './words-en.js';
import { id } from './words-id.js';

const WORDS = { en, id };
const KEY = 'tillsync-language';
// Both languages format as in Indonesia: the shops count rupiah with a dot between thousands
const LOCALES = { en: 'en-ID', id: 'id-ID' };

let language = pick();
let dateTimeFormat = null;
let timeFormat = null;
const listeners = new Set();
apply();

function pick() {
  let stored = null;
  try { stored = localStorage.getItem(KEY); } catch (e) { /* storage refused: follow the browser */ }
  if (WORDS[stored]) return stored;
  for (const tag of navigator.languages || [navigator.language || '']) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (base === 'in') return 'id'; // the old code some Android browsers still report
    if (WORDS[base]) return base;
  }
  return 'id';
}

function apply() {
  const tag = LOCALES[language];
  setMoneyLocale(tag);
  dateTimeFormat = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  timeFormat = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit' });
  document.documentElement.lang = language;
}

export function currentLanguage() {
  return language;
}

export function setLanguage(next) {
  if (!WORDS[next] || next === language) return;
  language = next;
  try { localStorage.setItem(KEY, next); } catch (e) { /* kept for this session only */ }
  apply();
  for (const l of listeners) l(language);
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}

/** The text of key with {0}, {1}… replaced; the English text when a word is missing, the key when both are. */
export function t(key, ...args) {
  const text = WORDS[language][key] ?? en[key] ?? key;
  return text.replace(/\{(\d)\}/g, (m, i) => (args[i] === undefined ? m : String(args[i])));
}

export function dateTime(ms) {
  return dateTimeFormat.format(new Date(ms));
}

export function time(ms) {
  return timeFormat.format(new Date(ms));
}

/** Fills every element marked data-i18n (text), data-i18n-placeholder and data-i18n-aria-label. */
export function translatePage(root = document) {
  for (const e of root.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  for (const e of root.querySelectorAll('[data-i18n-placeholder]')) e.placeholder = t(e.dataset.i18nPlaceholder);
  for (const e of root.querySelectorAll('[data-i18n-aria-label]')) e.setAttribute('aria-label', t(e.dataset.i18nAriaLabel));
  document.title = t('title');
}
