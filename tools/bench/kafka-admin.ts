import type { Admin } from 'kafkajs';
import { loadConfig } from '@lib/config';
import { createKafka } from '@lib/kafka';

/** Records of `topic` a group has not committed yet (a partition it never committed counts whole). */
export async function groupLag(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const high = await admin.fetchTopicOffsets(topic);
  return high.reduce((lag, p) => {
    const committed = Number(offsets?.partitions.find((c) => c.partition === p.partition)?.offset ?? -1);
    return lag + Number(p.high) - (committed < 0 ? Number(p.low) : committed);
  }, 0);
}

/** Records in a topic now (high − low over its partitions). */
export async function topicRecords(admin: Admin, topic: string): Promise<number> {
  return (await admin.fetchTopicOffsets(topic)).reduce((n, o) => n + Number(o.high) - Number(o.low), 0);
}

/**
 * Deletes a consumer group, so the next instances start as a fresh group from the
 * beginning. Its members must have left: a group that is not empty yet is retried.
 */
export async function deleteGroup(admin: Admin, groupId: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const listed = (await admin.listGroups()).groups.some((g) => g.groupId === groupId);
    if (!listed) return;
    try {
      await admin.deleteGroups([groupId]);
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`could not delete group ${groupId}: ${String(err)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

export async function cleanupKafka(prefix: string): Promise<void> {
  const admin = createKafka(loadConfig()).admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    if (groups.length) await admin.deleteGroups(groups).catch((e) => console.error(`[bench] deleteGroups: ${String(e)}`));
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

/** The admin app registered `<prefix><topic>-value` subjects: soft-delete, then permanently delete them. */
export async function cleanupSubjects(registryUrl: string, prefix: string): Promise<void> {
  const subjects = (await (await fetch(`${registryUrl}/subjects`)).json()) as string[];
  for (const s of subjects.filter((x) => x.startsWith(prefix))) {
    const url = `${registryUrl}/subjects/${encodeURIComponent(s)}`;
    await fetch(url, { method: 'DELETE' });
    await fetch(`${url}?permanent=true`, { method: 'DELETE' });
  }
}
