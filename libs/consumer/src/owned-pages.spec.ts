import { forEachOwnedPage } from './owned-pages';

/** A sorted "table" read by keyset pages, recording each read. */
function table(n: number) {
  const rows = Array.from({ length: n }, (_, i) => i);
  const reads: { after: number | undefined; limit: number }[] = [];
  const read = async (after: number | undefined, limit: number) => {
    reads.push({ after, limit });
    return rows.filter((r) => after === undefined || r > after).slice(0, limit);
  };
  return { read, reads };
}

async function pages(n: number, owns: (k: string) => boolean, pageSize: number) {
  const t = table(n);
  const out: number[][] = [];
  await forEachOwnedPage({ read: t.read, keyOf: String, owns, pageSize }, async (page) => void out.push(page));
  return { out, reads: t.reads };
}

describe('forEachOwnedPage', () => {
  it('hands on every owned item once, in key order, in pages of at most pageSize', async () => {
    const { out, reads } = await pages(23, (k) => Number(k) % 3 === 0, 4);
    expect(out).toEqual([
      [0, 3, 6, 9],
      [12, 15, 18, 21],
    ]);
    expect(reads.map((r) => r.after)).toEqual([undefined, 3, 7, 11, 15, 19]);
  });

  it('flushes the remainder, reads an exact multiple to the empty page, and hands on nothing for an empty table', async () => {
    expect((await pages(8, () => true, 3)).out).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
    ]);
    const exact = await pages(6, () => true, 3);
    expect(exact.out).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(exact.reads).toHaveLength(3);
    expect((await pages(0, () => true, 3)).out).toEqual([]);
    expect((await pages(10, () => false, 3)).out).toEqual([]);
  });
});
