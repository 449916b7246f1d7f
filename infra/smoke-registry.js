// Smoke test: does @kafkajs/confluent-schema-registry work against the local registry's
// Confluent-compatible API (Apicurio ccompat)? Registers an Avro schema with BACKWARD
// compatibility, encodes/decodes, registers a compatible evolution, and checks that a
// breaking change (new field without a default) is refused. Exit code 0 = all good.
// Run: /work/main/node_modules/.bin/node infra/smoke-registry.js   (REGISTRY_PORT to override)
'use strict';
const { SchemaRegistry, SchemaType, COMPATIBILITY } = require('@kafkajs/confluent-schema-registry');

const host = `http://127.0.0.1:${process.env.REGISTRY_PORT || 8081}/apis/ccompat/v7`;
const subject = `stack-smoke-${Date.now()}-value`;

const avro = (fields) => JSON.stringify({ type: 'record', name: 'SmokeEvent', namespace: 'lp.smoke', fields });
const v1 = avro([
  { name: 'id', type: 'string' },
  { name: 'amount', type: 'long' },
]);
// Compatible under BACKWARD: the new field has a default, so v2 readers can read v1 data.
const v2 = avro([...JSON.parse(v1).fields, { name: 'note', type: ['null', 'string'], default: null }]);
// Breaking under BACKWARD: a required field with no default.
const v3 = avro([...JSON.parse(v2).fields, { name: 'pool', type: 'string' }]);

async function main() {
  const registry = new SchemaRegistry({ host });

  // First registration: the library reads GET /config/{subject} (404 for a new subject),
  // registers, then PUTs the subject's compatibility.
  const { id: id1 } = await registry.register({ type: SchemaType.AVRO, schema: v1 }, { subject, compatibility: COMPATIBILITY.BACKWARD });
  const cfg = await fetch(`${host}/config/${subject}`).then((r) => r.json());
  console.log(`registered v1 id=${id1}; subject config: ${JSON.stringify(cfg)}`);
  if (String(cfg.compatibilityLevel).toUpperCase() !== 'BACKWARD') throw new Error('subject compatibility was not set to BACKWARD');

  const payload = { id: 'pos-1', amount: 42 };
  const buf = await registry.encode(id1, payload);
  const back = await registry.decode(buf);
  console.log(`encode/decode: ${buf.length} bytes, magic=${buf[0]}, schemaId=${buf.readInt32BE(1)} -> ${JSON.stringify(back)}`);
  if (back.id !== payload.id || Number(back.amount) !== payload.amount) throw new Error('decode mismatch');

  const { id: id2 } = await registry.register({ type: SchemaType.AVRO, schema: v2 }, { subject, compatibility: COMPATIBILITY.BACKWARD });
  console.log(`registered compatible v2 id=${id2}`);
  // Lookups a producer uses when it does not register schemas itself.
  const latest = await registry.getLatestSchemaId(subject);
  const byV1 = await registry.getRegistryIdBySchema(subject, { type: SchemaType.AVRO, schema: v1 });
  console.log(`getLatestSchemaId=${latest} getRegistryIdBySchema(v1)=${byV1}`);
  if (latest !== id2 || byV1 !== id1) throw new Error('schema id lookups disagree with registration');
  // A v1-encoded message still decodes (with the writer's schema, as the serde does).
  console.log(`decode old message after v2: ${JSON.stringify(await registry.decode(buf))}`);

  // The compatibility endpoint the library does not wrap in a method; call it raw.
  const check = async (schema) => {
    const res = await fetch(`${host}/compatibility/subjects/${subject}/versions/latest`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema }),
    });
    return `${res.status} ${await res.text()}`;
  };
  console.log(`POST /compatibility (v2 again): ${await check(v2)}`);
  console.log(`POST /compatibility (breaking v3): ${await check(v3)}`);

  let refused = false;
  try {
    await registry.register({ type: SchemaType.AVRO, schema: v3 }, { subject, compatibility: COMPATIBILITY.BACKWARD });
  } catch (err) {
    refused = true;
    console.log(`breaking v3 refused: ${err.name}: status=${err.status} ${err.message}`);
  }
  if (!refused) throw new Error('breaking schema change was ACCEPTED; compatibility checks are not enforced');

  // Clean up so the smoke test leaves no subjects behind (soft delete, then permanent).
  await fetch(`${host}/subjects/${subject}`, { method: 'DELETE' });
  await fetch(`${host}/subjects/${subject}?permanent=true`, { method: 'DELETE' });
  console.log('registry smoke: OK');
}

main().catch((err) => {
  console.error(`registry smoke: FAILED: ${err.stack || err}`);
  process.exit(1);
});
