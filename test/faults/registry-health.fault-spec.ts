import { loadConfig } from '@lib/config';
import { PipelineFixture } from '../support/pipeline-fixture';
import { stackCommand } from '../support/stack-control';
import { waitFor } from '../support/wait-for';

async function health(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: await res.json() };
}

/**
 * /health of the admin app and of a step service follow the schema registry: 503 naming
 * the registry while it is stopped, 200 once it is back. Stops the registry of the stack
 * the environment names (a private one while developing: see docs/operations.md).
 */
describe('health endpoints when the schema registry stops and comes back', () => {
  let f: PipelineFixture;
  let registryStopped = false;

  beforeAll(async () => {
    // The registry the script stops must be the one the services use.
    const scriptPort = process.env.REGISTRY_PORT || '8081';
    expect(new URL(loadConfig().schemaRegistryUrl).port || '80').toBe(scriptPort);
    f = await PipelineFixture.create();
    await f.startAdmin();
    await f.startStep('range-status');
  });

  afterAll(async () => {
    if (registryStopped) await stackCommand('start-registry');
    await f?.close();
  });

  it('both report the registry down (HTTP 503) within 30 s of its stop, and healthy within 60 s of its start', async () => {
    const urls = [`http://127.0.0.1:${f.adminPort}/health`, `http://127.0.0.1:${f.services[0].env.METRICS_PORT}/health`];
    for (const url of urls) {
      const h = await health(url);
      expect(h).toMatchObject({
        status: 200,
        body: { status: 'ok', info: { postgres: { status: 'up' }, kafka: { status: 'up' }, registry: { status: 'up' } } },
      });
    }

    registryStopped = true;
    await stackCommand('stop-registry');
    for (const url of urls) {
      const h = await waitFor(
        () => health(url),
        (x) => x.status === 503,
        `${url} 503`,
        30_000,
      );
      // Only the registry is down; the other checks still pass.
      expect(h.body).toMatchObject({ status: 'error', error: { registry: { status: 'down' } }, info: { postgres: { status: 'up' }, kafka: { status: 'up' } } });
    }

    await stackCommand('start-registry');
    registryStopped = false;
    for (const url of urls) {
      const h = await waitFor(
        () => health(url),
        (x) => x.status === 200,
        `${url} 200`,
        60_000,
      );
      expect(h.body).toMatchObject({ status: 'ok', info: { registry: { status: 'up' } } });
    }
  });
});
