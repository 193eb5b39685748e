// Webhook signing as Standard Webhooks specifies it: HMAC-SHA256 over "id.timestamp.body", sent as
// `webhook-signature: v1,<base64>` beside `webhook-id` and `webhook-timestamp` (seconds). A secret
// given as `whsec_<base64>` is used as those bytes (so any Standard Webhooks library verifies it);
// any other secret is used as its UTF-8 bytes.
import { createHmac, timingSafeEqual } from 'node:crypto';

function keyOf(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
}

export function signWebhook(secret: string, id: string, timestampS: number, body: string): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestampS}.${body}`).digest('base64')}`;
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export function signedHeaders(secret: string, id: string, body: string, now = new Date()): SignedHeaders {
  const timestampS = Math.floor(now.getTime() / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampS), 'webhook-signature': signWebhook(secret, id, timestampS, body) };
}

/** What a receiver does: the signature matches and the timestamp is recent (replays are refused). */
export function verifyWebhook(
  secret: string,
  headers: Partial<Record<keyof SignedHeaders, string>>,
  body: string,
  toleranceS = 300,
  now = new Date(),
): boolean {
  const id = headers['webhook-id'];
  const timestamp = Number(headers['webhook-timestamp']);
  const given = headers['webhook-signature'];
  if (!id || !given || !Number.isInteger(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceS) return false;
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body));
  // The header may carry several space-separated signatures (a secret being rotated).
  return given.split(' ').some((candidate) => {
    const bytes = Buffer.from(candidate);
    return bytes.length === expected.length && timingSafeEqual(bytes, expected);
  });
}
