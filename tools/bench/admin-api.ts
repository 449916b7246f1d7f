/** POST start to a bench's admin app; throws with the answer unless it is 200. */
export async function postStart(port: number, token: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/api/admin/backfill`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ action: 'start' }),
  });
  if (res.status !== 200) throw new Error(`POST start: ${res.status} ${await res.text()}`);
}
