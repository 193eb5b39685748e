// Works off the webhook outbox in this server process: claims due deliveries, POSTs each signed
// signal to the risk system, and records the result (done, or due again after a jittered backoff).
// Woken by NOTIFY when signals are raised; a slow poll catches retries as they come due.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { RiskSignal, RiskWebhookBody } from '../../shared/schemas/risk.js';
import type { Executor } from '../db/client.js';
import { type Backoff, retryDelayMs } from './backoff.js';
import { claimDueDeliveries, type FailedDelivery, recordDeliveryResults } from './deliveries.repository.js';
import { signedHeaders } from './webhook-signature.js';

export interface WebhookTarget {
  url: string;
  secret: string;
  timeoutMs: number;
  backoff: Backoff;
  /** Deliveries in flight at once from this instance. */
  concurrency: number;
}

/** Where the poller reports a failed pass (the app's logger). */
export interface DeliveryLog {
  error(details: object, message: string): void;
}

type Attempt = { ok: true } | { ok: false; error: string };

export interface WebhookDelivery {
  /** Look for due deliveries now (a signal was just raised). */
  wake(): void;
  /** Finishes the batch in hand, then stops. */
  stop(): Promise<void>;
}

// Keep-alive connections to the risk system, reused across deliveries (fetch cost ~1 ms more a request here).
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const options = {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      agent: secure ? agents.https : agents.http,
      timeout: timeoutMs,
    };
    const request = (secure ? httpsRequest : httpRequest)(url, options, (response) => {
      // Read the answer to the end so the connection goes back to the keep-alive pool.
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

export async function postSignal(target: WebhookTarget, signal: RiskSignal): Promise<Attempt> {
  const event: RiskWebhookBody = { type: 'risk.signal.created', timestamp: signal.createdAt, data: signal };
  const body = JSON.stringify(event);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'field-visits-risk-webhook/1',
    ...signedHeaders(target.secret, signal.id, body),
  };
  try {
    const status = await post(new URL(target.url), headers, body, target.timeoutMs);
    // Redirects are not followed: a signed body goes only where it was configured to go.
    return status >= 200 && status < 300 ? { ok: true } : { ok: false, error: `HTTP ${status}` };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** One claimed batch, delivered and recorded: how many were claimed, and the soonest retry among them. */
export async function deliverBatch(
  db: Executor,
  target: WebhookTarget,
  batchSize: number,
): Promise<{ claimed: number; soonestRetryMs: number }> {
  // The lease covers the whole batch even if every delivery in it runs to its timeout.
  const leaseMs = Math.ceil(batchSize / target.concurrency) * target.timeoutMs + 10_000;
  const claimed = await claimDueDeliveries(db, batchSize, leaseMs);
  if (claimed.length === 0) return { claimed: 0, soonestRetryMs: Infinity };
  const delivered: string[] = [];
  const failed: FailedDelivery[] = [];
  await eachLimited(claimed, target.concurrency, async ({ signal, attempts }) => {
    const result = await postSignal(target, signal);
    if (result.ok) delivered.push(signal.id);
    else failed.push({ signalId: signal.id, retryInMs: retryDelayMs(attempts, target.backoff), error: result.error });
  });
  await recordDeliveryResults(db, delivered, failed);
  return { claimed: claimed.length, soonestRetryMs: Math.min(...failed.map((f) => f.retryInMs)) };
}

export function startWebhookDelivery(db: Executor, target: WebhookTarget, log: DeliveryLog, pollMs = 1_000): WebhookDelivery {
  // Several rounds of deliveries per claim, so the claim and the record are spread over many.
  const batchSize = target.concurrency * 8;
  let stopped = false;
  let running: Promise<void> | undefined;
  let wokenWhileRunning = false;
  let timer: NodeJS.Timeout | undefined;
  let nextWakeMs = pollMs;

  const drain = async () => {
    nextWakeMs = pollMs;
    try {
      for (;;) {
        const { claimed, soonestRetryMs } = await deliverBatch(db, target, batchSize);
        // A retry due before the next poll wakes the poller itself.
        nextWakeMs = Math.min(nextWakeMs, soonestRetryMs);
        // A full batch means more may be due: go again at once.
        if (stopped || claimed < batchSize) return;
      }
    } catch (error) {
      log.error({ err: error }, 'risk webhook delivery failed; trying again shortly');
    }
  };
  const schedule = (delayMs: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(wake, delayMs);
  };
  function wake(): void {
    if (stopped) return;
    if (running) {
      wokenWhileRunning = true;
      return;
    }
    clearTimeout(timer);
    running = drain().finally(() => {
      running = undefined;
      schedule(wokenWhileRunning ? 0 : nextWakeMs);
      wokenWhileRunning = false;
    });
  }
  wake();
  return {
    wake,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
