import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedHeaders, verifyWebhook } from './webhook-signature.js';

const secret = 'a-long-shared-secret-for-tests';
const body = JSON.stringify({ type: 'risk.signal.created', data: { id: 'x' } });
const now = new Date('2026-11-23T02:00:00Z');

describe('webhook signatures (Standard Webhooks)', () => {
  it('signs id.timestamp.body with HMAC-SHA256, base64, prefixed v1', () => {
    const headers = signedHeaders(secret, 'signal-1', body, now);
    const expected = createHmac('sha256', secret)
      .update(`signal-1.${Math.floor(now.getTime() / 1000)}.${body}`)
      .digest('base64');
    expect(headers).toEqual({ 'webhook-id': 'signal-1', 'webhook-timestamp': '1795399200', 'webhook-signature': `v1,${expected}` });
    expect(verifyWebhook(secret, headers, body, 300, now)).toBe(true);
  });

  it('uses a whsec_ secret as its base64 bytes, as Standard Webhooks libraries do', () => {
    const key = Buffer.from('0123456789abcdef0123456789abcdef');
    const headers = signedHeaders(`whsec_${key.toString('base64')}`, 'signal-2', body, now);
    const expected = createHmac('sha256', key).update(`signal-2.${headers['webhook-timestamp']}.${body}`).digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('refuses a changed body, another secret, a stale timestamp or a missing header', () => {
    const headers = signedHeaders(secret, 'signal-3', body, now);
    expect(verifyWebhook(secret, headers, body.replace('x', 'y'), 300, now)).toBe(false);
    expect(verifyWebhook('another-secret-of-some-length', headers, body, 300, now)).toBe(false);
    expect(verifyWebhook(secret, headers, body, 300, new Date(now.getTime() + 301_000))).toBe(false);
    expect(verifyWebhook(secret, { ...headers, 'webhook-id': undefined }, body, 300, now)).toBe(false);
  });

  it('accepts any one of several signatures (a secret being rotated)', () => {
    const headers = signedHeaders(secret, 'signal-4', body, now);
    expect(
      verifyWebhook(secret, { ...headers, 'webhook-signature': `v1,bm90LXRoaXM= ${headers['webhook-signature']}` }, body, 300, now),
    ).toBe(true);
  });
});
