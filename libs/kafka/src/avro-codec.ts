import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { RawAvroSchema } from '@kafkajs/confluent-schema-registry/dist/@types';
import type { SchemaRegistryAPIClientArgs } from '@kafkajs/confluent-schema-registry/dist/api';
import { retry, type ClassifiedError } from '@lib/common';

type Middleware = NonNullable<SchemaRegistryAPIClientArgs['middlewares']>[number];

/** What the registry hands back for an id: an avsc type able to read and write the wire payload. */
interface AvroType {
  /** Writes at `pos`; the end position, or minus the bytes missing when `buf` is too small. */
  encode(payload: object, buf: Buffer, pos: number): number;
  fromBuffer(buffer: Buffer): unknown;
}

/** Bytes that are not a record of a known schema: the same bytes fail the same way every time. */
export class UndecodableRecordError extends Error implements ClassifiedError {
  readonly errorClass = 'deterministic';
}

/**
 * A registry request with no answer after this is abandoned and sent again (both calls are
 * idempotent). The client has no timeout of its own, and Apicurio 3.3.3 sometimes logs
 * "Failed to release a ByteBuf" as it answers and the answer never arrives: the caller
 * waited forever (CI, docs/faults.md).
 */
const REQUEST_TIMEOUT_MS = 10_000;
/** A timed-out request is sent again up to this many times, with the common backoff between. */
const TIMEOUT_RETRIES = 5;

/** mappersmith middleware: a timeout on every request of the client. */
const requestTimeout =
  (ms: number): Middleware =>
  () => ({
    prepareRequest: (next) => next().then((request) => request.enhance({ timeout: ms })),
  });

/**
 * A registry request that timed out. By its text: mappersmith turns its TimeoutError into
 * a response with status 400 and the text "Timeout (10000ms)", and the client's error keeps
 * only that text (no code, no cause). Other failures are not retried here: a registry that
 * refuses connections fails the call at once, and its caller (the batch processor, the
 * replay) retries on its own terms.
 */
function isRegistryTimeout(err: unknown): boolean {
  return /timeout/i.test(String((err as Error)?.message ?? err));
}

function retryTimeouts<T>(call: () => Promise<T>): Promise<T> {
  return retry(call, { retries: TIMEOUT_RETRIES, shouldRetry: isRegistryTimeout });
}

const MAGIC_BYTE = 0;
const HEADER_LENGTH = 5;

/**
 * Avro over the Confluent wire format (magic byte, 4-byte schema id, Avro body).
 * Registration and schema lookups go through the registry client; the per-record
 * encode and decode are synchronous on a cached avsc type, because the client's own
 * async decode costs more than the step's work at tens of thousands of records a second.
 */
export class AvroCodec {
  private readonly types = new Map<number, AvroType>();
  private scratch = Buffer.allocUnsafeSlow(16 * 1024);

  constructor(readonly registry: SchemaRegistry) {}

  static connect(url: string): AvroCodec {
    return new AvroCodec(new SchemaRegistry({ host: url, middlewares: [requestTimeout(REQUEST_TIMEOUT_MS)] }));
  }

  /** Registers `schema` under `subject` with BACKWARD compatibility; returns its id. */
  async register(subject: string, schema: RawAvroSchema): Promise<number> {
    const { id } = await retryTimeouts(() =>
      this.registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(schema) }, { subject, compatibility: COMPATIBILITY.BACKWARD }),
    );
    await this.typeFor(id);
    return id;
  }

  async typeFor(id: number): Promise<AvroType> {
    const cached = this.types.get(id);
    if (cached) return cached;
    const type = (await retryTimeouts(() => this.registry.getSchema(id))) as unknown as AvroType;
    this.types.set(id, type);
    return type;
  }

  /** Encodes with a schema id that `register` or `typeFor` has already loaded. */
  encode(id: number, payload: object): Buffer {
    const type = this.types.get(id);
    if (!type) throw new Error(`schema ${id} is not loaded; call register() or typeFor() first`);
    // Written once into a reused scratch buffer, then copied out at its exact size: one
    // allocation per record instead of toBuffer's two (the replay encodes millions).
    for (;;) {
      const end = type.encode(payload, this.scratch, HEADER_LENGTH);
      if (end >= 0) {
        this.scratch.writeUInt8(MAGIC_BYTE, 0);
        this.scratch.writeInt32BE(id, 1);
        const out = Buffer.allocUnsafe(end);
        this.scratch.copy(out, 0, 0, end);
        return out;
      }
      this.scratch = Buffer.allocUnsafeSlow(2 * (this.scratch.length - end));
    }
  }

  /** The schema id of a wire-format value, or an UndecodableRecordError. */
  static schemaIdOf(value: Buffer | null): number {
    if (!value || value.length < HEADER_LENGTH || value.readUInt8(0) !== MAGIC_BYTE) {
      throw new UndecodableRecordError('value is not Confluent wire-format Avro (missing magic byte or schema id)');
    }
    return value.readInt32BE(1);
  }

  /** Loads the writer schemas of a batch once, so `decode` can stay synchronous. */
  async preload(values: (Buffer | null)[]): Promise<void> {
    const ids = new Set<number>();
    for (const v of values) {
      try {
        ids.add(AvroCodec.schemaIdOf(v));
      } catch {
        // decode() reports it per record
      }
    }
    for (const id of ids) {
      if (this.types.has(id)) continue;
      try {
        await this.typeFor(id);
      } catch (err) {
        // A missing id is the record's fault (poison); a registry outage must be retried.
        if (isSchemaNotFound(err)) continue;
        throw err;
      }
    }
  }

  decode<T>(value: Buffer | null): T {
    const id = AvroCodec.schemaIdOf(value);
    const type = this.types.get(id);
    if (!type) throw new UndecodableRecordError(`unknown schema id ${id}`);
    try {
      return type.fromBuffer((value as Buffer).subarray(HEADER_LENGTH)) as T;
    } catch (err) {
      throw new UndecodableRecordError(`Avro body does not match schema ${id}: ${(err as Error).message}`);
    }
  }
}

function isSchemaNotFound(err: unknown): boolean {
  const e = err as { status?: number; message?: string };
  return e?.status === 404 || /not found/i.test(e?.message ?? '');
}
