/**
 * Errors that mean "this member no longer owns the batch": the group rebalanced or the
 * member was dropped. Retrying them is pointless — kafkajs must rejoin, which it does
 * when eachBatch throws — and safe to leave: the uncommitted batch is delivered again.
 */
const REBALANCE_TYPES = new Set(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'FENCED_INSTANCE_ID']);

export function isRebalanceError(err: unknown): boolean {
  const e = err as { type?: string; name?: string; message?: string } | undefined;
  if (!e) return false;
  if (e.type && REBALANCE_TYPES.has(e.type)) return true;
  if (e.name === 'KafkaJSStaleTopicMetadataAssignment') return true;
  return /generation id is not valid|rebalanc|member id is not valid|unknown member/i.test(e.message ?? '');
}
