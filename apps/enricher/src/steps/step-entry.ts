import type { Provider, Type } from '@nestjs/common';
import type { RawAvroSchema } from '@kafkajs/confluent-schema-registry/dist/@types';
import type { EnrichmentStep } from '@lib/consumer';

/** What the runtime needs of a step beyond the step graph's node: its definition's class, its own providers, what it reads. */
export interface StepEntry {
  /** The definition, an injectable class implementing EnrichmentStep (its repositories come by injection). */
  step: Type<EnrichmentStep<unknown, unknown, unknown>>;
  /** The step's own repositories and readers (repositoryProvider(...) for a pg repository). */
  providers?: Provider[];
  /** Whether it reads the chain: the app then provides CHAIN_CLIENT. */
  readsChain?: boolean;
  /** The schema of its output topic, when the step graph gives it one. */
  outputSchema?: RawAvroSchema;
}
