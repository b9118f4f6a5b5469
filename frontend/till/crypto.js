// Encryption at rest of the stored sales. One AES-GCM 256 key per till, made non-extractable
// by WebCrypto and kept (as a CryptoKey, never as bytes) in IndexedDB. Each record is sealed
// with a fresh 96-bit IV and its offline_id as additional data, so a sealed payload cannot be
// moved onto another record unnoticed.
//
// What this protects against: casual inspection of stored data. Someone who opens the
// profile's IndexedDB files, a copy of them or of the disk (a support dump, a backup, a
// second-hand machine) and reads what is there sees ids, references and dates, not baskets,
// amounts or tenders. What it does not protect against: code running in the till's own
// origin, or a person at the unlocked device: both can ask the browser to use the key. Nor
// against a determined analyst holding the whole profile: the browser serializes the key,
// non-extractable or not, into the same IndexedDB, so it can be dug out of the files with
// effort. "Non-extractable" means page code cannot export it; it does not put it in hardware.
// The device token sits in the clear in `config`: a lost device is revoked in the back-office.
import { configIfAbsent } from './db.js';

let keyPromise = null;

function key() {
  if (!keyPromise) {
    keyPromise = (async () => {
      const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      // two tabs starting at once: the first stored key wins, both use it
      return configIfAbsent('sealing_key', fresh);
    })().catch((e) => { keyPromise = null; throw e; });
  }
  return keyPromise;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Seals a JSON-able value; resolves with { iv, ct } to store. */
export async function seal(value, boundTo) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(boundTo) },
    await key(), encoder.encode(JSON.stringify(value)));
  return { v: 1, iv, ct };
}

export async function open(sealed, boundTo) {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData: encoder.encode(boundTo) },
    await key(), sealed.ct);
  return JSON.parse(decoder.decode(plain));
}

/** Makes the key ready ahead of the first sale, so the first sale is as fast as the others. */
export function warmUp() {
  return key();
}
