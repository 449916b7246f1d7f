/**
 * Prisma's timestamps of a production row ("createdAt", "updatedAt": timestamp(3), UTC wall
 * time). In production "updatedAt" has NO default (Prisma's client sets it on every write),
 * so every insert into "Pool" or "PoolIncentive" gives it. The upserts give both on insert,
 * keep "createdAt" on conflict and set "updatedAt" only when the row changed (`touch`), so
 * writing the same rows again changes nothing.
 */
export interface PrismaTimestamps {
  createdAt: string;
  updatedAt: string;
}

export const PRISMA_TIMESTAMP_COLUMNS = ['createdAt', 'updatedAt'] as const satisfies readonly (keyof PrismaTimestamps)[];

/** Both stamps at `now`, as 'YYYY-MM-DD HH:MM:SS.mmm' UTC (the column is timestamp without time zone). */
export function prismaTimestamps(now: Date): PrismaTimestamps {
  const text = now.toISOString().replace('T', ' ').replace('Z', '');
  return { createdAt: text, updatedAt: text };
}
