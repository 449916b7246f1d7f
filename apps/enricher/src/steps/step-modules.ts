import type { Type } from '@nestjs/common';
import type { RawAvroSchema } from '@kafkajs/confluent-schema-registry/dist/@types';

/** The Nest module of each implemented step, and the schema of its output topic if it has one. */
export interface StepModuleEntry {
  module: Type<unknown>;
  outputSchema?: RawAvroSchema;
}

export const STEP_MODULES: Record<string, StepModuleEntry> = {
};
