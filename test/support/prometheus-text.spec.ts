import { parsePrometheusText, sampleSum } from './prometheus-text';

describe('parsePrometheusText', () => {
  const text = [
    '# HELP lp_step_rpc_calls_total JSON-RPC requests',
    '# TYPE lp_step_rpc_calls_total counter',
    'lp_step_rpc_calls_total{method="eth_call",step="apr"} 12',
    'lp_step_rpc_calls_total{method="eth_getTransactionReceipt",step="apr"} 3',
    'lp_step_batch_seconds_count{step="apr"} 4',
    'process_cpu_seconds_total 0.5',
  ].join('\n');

  it('reads names, labels and values, and sums samples by labels', () => {
    const samples = parsePrometheusText(text);
    expect(samples).toHaveLength(4);
    expect(sampleSum(samples, 'lp_step_rpc_calls_total')).toBe(15);
    expect(sampleSum(samples, 'lp_step_rpc_calls_total', { method: 'eth_call' })).toBe(12);
    expect(sampleSum(samples, 'lp_step_rpc_calls_total', { method: 'eth_chainId' })).toBe(0);
    expect(sampleSum(samples, 'process_cpu_seconds_total')).toBe(0.5);
  });
});
