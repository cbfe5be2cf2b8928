/**
 * A fresh command id. `crypto.randomUUID` exists only in secure contexts (https, localhost),
 * and a room screen on a LAN address is not one, hence the fallback to random bytes.
 */
export function newCommandId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
