/** The key of a position everywhere (registry, Kafka key, result tables): token ids overlap between managers, so both are needed. */
export const positionKey = (positionManager: string, tokenId: string) => `${positionManager.toLowerCase()}:${tokenId}`;
