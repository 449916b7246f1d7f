import type { IHeaders, Producer } from 'kafkajs';

/** Why and where a record failed; travels as headers beside the untouched original bytes. */
export interface DeadLetter {
  step: string;
  error: string;
  /**
   * Why the runtime gave up on it: `rejected` by the input screen or the step, a
   * `deterministic` error (bytes that are not Avro, a value the step or the database
   * cannot take), an `unknown` error that repeated on this record alone.
   */
  errorClass?: 'rejected' | 'deterministic' | 'unknown';
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
}

export function deadLetterHeaders(d: DeadLetter): IHeaders {
  return {
    'dlq-step': d.step,
    'dlq-error': d.error.slice(0, 2000),
    'dlq-source-topic': d.topic,
    'dlq-source-partition': String(d.partition),
    'dlq-source-offset': d.offset,
    ...(d.errorClass ? { 'dlq-error-class': d.errorClass } : {}),
  };
}

/** Writes dead letters and waits for the broker's acknowledgement (before offsets move on). */
export async function publishDeadLetters(producer: Producer, dlqTopic: string, letters: DeadLetter[]): Promise<void> {
  if (letters.length === 0) return;
  await producer.send({
    topic: dlqTopic,
    acks: -1,
    messages: letters.map((d) => ({ key: d.key, value: d.value, headers: deadLetterHeaders(d) })),
  });
}
