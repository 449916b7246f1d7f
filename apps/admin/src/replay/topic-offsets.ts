import type { Admin } from 'kafkajs';
import type { TopicOffsets } from './replay-run.repository';

/** The high watermark of every partition of `topics`: where the next record will go. */
export async function topicOffsets(admin: Admin, topics: string[]): Promise<TopicOffsets> {
  const out: TopicOffsets = {};
  for (const topic of topics) {
    const parts = await admin.fetchTopicOffsets(topic);
    out[topic] = Object.fromEntries(parts.map((p) => [String(p.partition), p.high]));
  }
  return out;
}
