import { createPublicClient, custom } from 'viem';
import { observedTransport } from './observed-transport';

describe('observedTransport', () => {
  it('reports the method of every request the client makes, and passes the answer through', async () => {
    const methods: string[] = [];
    const chain = custom({ request: async ({ method }) => (method === 'eth_chainId' ? '0xe' : '0x10') });
    const client = createPublicClient({ transport: observedTransport(chain, (m) => methods.push(m)) });
    expect(await client.getChainId()).toBe(14);
    expect(await client.getBlockNumber({ cacheTime: 0 })).toBe(16n);
    expect(methods).toEqual(['eth_chainId', 'eth_blockNumber']);
  });
});
