/** An optional Avro field: a union with null, defaulting to null (so adding one stays BACKWARD compatible). */
export const nullable = (type: string) => ({ type: ['null', type], default: null });
