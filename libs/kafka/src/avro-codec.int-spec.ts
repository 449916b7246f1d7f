import { randomBytes } from 'node:crypto';
import { loadConfig } from '@lib/config';
import { AvroCodec, UndecodableRecordError } from './avro-codec';

/** The registry round trip against the real Apicurio registry's Confluent-compatible API. */
describe('AvroCodec (real schema registry)', () => {
  const codec = AvroCodec.connect(loadConfig().schemaRegistryUrl);
  const subject = `test-${randomBytes(4).toString('hex')}-value`;
  const v1 = {
    type: 'record' as const,
    name: 'Thing',
    namespace: 'test.v1',
    fields: [
      { name: 'id', type: 'string' },
      { name: 'amount', type: 'string' },
    ],
  };

  it('registers, encodes and decodes in the Confluent wire format', async () => {
    const id = await codec.register(subject, v1);
    const bytes = codec.encode(id, { id: 'a', amount: '123456789012345678901234567890' });
    expect(bytes.readUInt8(0)).toBe(0);
    expect(bytes.readInt32BE(1)).toBe(id);
    const fresh = AvroCodec.connect(loadConfig().schemaRegistryUrl); // a consumer that never saw the schema
    await fresh.preload([bytes]);
    expect(fresh.decode(bytes)).toEqual({ id: 'a', amount: '123456789012345678901234567890' });
  });

  it('encodes records larger than its scratch buffer, and small ones after them, exactly', async () => {
    const id = await codec.register(`${subject}-sizes`, v1);
    const fresh = AvroCodec.connect(loadConfig().schemaRegistryUrl);
    for (const amount of ['1', 'x'.repeat(100_000), '22', 'y'.repeat(300_000), '333']) {
      const bytes = codec.encode(id, { id: 'a', amount });
      await fresh.preload([bytes]);
      expect(fresh.decode(bytes)).toEqual({ id: 'a', amount });
    }
  });

  it('accepts a backward-compatible change and refuses a breaking one', async () => {
    const v2 = { ...v1, fields: [...v1.fields, { name: 'note', type: ['null', 'string'], default: null }] };
    await expect(codec.register(subject, v2)).resolves.toEqual(expect.any(Number));
    const breaking = { ...v1, fields: [...v1.fields, { name: 'required', type: 'string' }] };
    await expect(codec.register(subject, breaking)).rejects.toThrow(/compatib|409|incompatible/i);
  });

  it('reports bytes that are not wire-format Avro as undecodable', async () => {
    expect(() => codec.decode(Buffer.from('hello'))).toThrow(UndecodableRecordError);
    expect(() => codec.decode(null)).toThrow(UndecodableRecordError);
    const unknownId = Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 1, 2]);
    await codec.preload([unknownId]);
    expect(() => codec.decode(unknownId)).toThrow(/unknown schema id/);
  });
});
