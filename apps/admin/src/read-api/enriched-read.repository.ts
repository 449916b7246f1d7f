import type { Pool } from 'pg';
import type { AprDayDto, HealthDto, PoolInfoDto, PositionEventDto, PositionRegistryDto, SnapshotDto, VestingDto, VolumeHourDto } from './read-api.dto';
import { MIN_INT4, type EventCursor, type SnapshotCursor } from './read-params';

// Column lists: numeric columns are selected as they are (pg gives numeric as a string);
// inside json_build_object they are cast to text so JSON.parse never rounds them.

const HEALTH_COLUMNS = `as_of AS "asOf", block_number AS "blockNumber", log_index AS "logIndex", tick,
  window_seconds_in_range AS "windowSecondsInRange", window_seconds_open AS "windowSecondsOpen",
  time_in_range_score AS "timeInRangeScore", edge_distance_score AS "edgeDistanceScore", fees_usd AS "feesUsd",
  il_usd AS "ilUsd", fees_vs_il_score AS "feesVsIlScore", score, note`;

const SNAPSHOT_COLUMNS = `kind, snapshot_time AS "snapshotTime", block_number AS "blockNumber", log_index AS "logIndex", event_id AS "eventId",
  liquidity, amount0, amount1, price0_usd AS "price0Usd", price1_usd AS "price1Usd", value_usd AS "valueUsd",
  unclaimed0, unclaimed1, unclaimed_usd AS "unclaimedUsd", tick, range_status AS "rangeStatus",
  deposited0, deposited1, withdrawn0, withdrawn1, collected0, collected1, rpc_block AS "rpcBlock", note`;

/** The SQL of the read API: the step result tables (and "Pool"), nothing else. */
export class EnrichedReadRepository {
  constructor(private readonly db: Pool) {}

  async position(manager: string, tokenId: string): Promise<PositionRegistryDto | undefined> {
    const { rows } = await this.db.query<PositionRegistryDto>(
      `SELECT position_manager AS manager, token_id AS "tokenId", dex, pool, token0, token1, fee, tick_lower AS "tickLower", tick_upper AS "tickUpper", source
         FROM position_registry WHERE position_manager = $1 AND token_id = $2`,
      [manager, tokenId],
    );
    return rows[0];
  }

  /** Up to `limit` attributed events after `after` in (block_number, log_index) order, each with its enrichment rows. */
  async events(manager: string, tokenId: string, after: EventCursor | undefined, limit: number): Promise<PositionEventDto[]> {
    const { rows } = await this.db.query<PositionEventDto>(
      `SELECT a.id, a.block_number AS "blockNumber", a.log_index AS "logIndex", a.timestamp, a.event_type AS "eventType",
              a.liquidity_delta AS "liquidityDelta", a.amount0, a.amount1, a.recipient, a.owner,
              CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object(
                'tick', r.tick, 'status', r.status, 'secondsInRange', r.seconds_in_range, 'secondsOpen', r.seconds_open) END AS "rangeStatus",
              CASE WHEN il.id IS NULL THEN NULL ELSE json_build_object(
                'liquidity', il.liquidity::text, 'amount0', il.amount0::text, 'amount1', il.amount1::text,
                'netDeposit0', il.net_deposit0::text, 'netDeposit1', il.net_deposit1::text,
                'price0Usd', il.price0_usd, 'price1Usd', il.price1_usd, 'valuePositionUsd', il.value_position_usd,
                'valueHodlUsd', il.value_hodl_usd, 'ilUsd', il.il_usd, 'ilPct', il.il_pct) END AS "impermanentLoss",
              CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object(
                'liquidity', u.liquidity::text, 'tokensOwed0', u.tokens_owed0::text, 'tokensOwed1', u.tokens_owed1::text,
                'unclaimed0', u.unclaimed0::text, 'unclaimed1', u.unclaimed1::text, 'unclaimedUsd', u.unclaimed_usd,
                'rpcBlock', u.rpc_block, 'note', u.note) END AS "unclaimedFees",
              CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object(
                'collected0', c.collected0::text, 'collected1', c.collected1::text, 'principal0', c.principal0::text,
                'principal1', c.principal1::text, 'fee0', c.fee0::text, 'fee1', c.fee1::text, 'price0Usd', c.price0_usd,
                'price1Usd', c.price1_usd, 'usdValue', c.usd_value, 'feeUsdValue', c.fee_usd_value, 'priceVia', c.price_via) END AS "collectFee",
              h.health
         FROM attributed_event a
         LEFT JOIN position_range_status r ON r.id = a.id
         LEFT JOIN position_impermanent_loss il ON il.id = a.id
         LEFT JOIN position_unclaimed_fees u ON u.id = a.id
         LEFT JOIN collect_fee c ON c.id = a.id
         LEFT JOIN LATERAL (
           SELECT row_to_json(x) AS health FROM (
             SELECT ${HEALTH_COLUMNS} FROM position_health ph
              WHERE ph.position_manager = a.position_manager AND ph.token_id = a.token_id
                AND ph.block_number = a.block_number AND ph.log_index = a.log_index
              ORDER BY ph.as_of DESC LIMIT 1) x) h ON true
        WHERE a.position_manager = $1 AND a.token_id = $2 AND (a.block_number, a.log_index) > ($3, $4)
        ORDER BY a.block_number, a.log_index
        LIMIT $5`,
      [manager, tokenId, after?.blockNumber ?? MIN_INT4, after?.logIndex ?? MIN_INT4, limit],
    );
    return rows;
  }

  /** Up to `limit` snapshots after `after` in (snapshot_time, block_number, log_index, kind) order. */
  async snapshots(manager: string, tokenId: string, after: SnapshotCursor | undefined, limit: number): Promise<SnapshotDto[]> {
    const { rows } = await this.db.query<SnapshotDto>(
      `SELECT ${SNAPSHOT_COLUMNS} FROM position_snapshot
        WHERE position_manager = $1 AND token_id = $2 AND (snapshot_time, block_number, log_index, kind) > ($3, $4, $5, $6)
        ORDER BY snapshot_time, block_number, log_index, kind
        LIMIT $7`,
      [manager, tokenId, after?.snapshotTime ?? MIN_INT4, after?.blockNumber ?? MIN_INT4, after?.logIndex ?? MIN_INT4, after?.kind ?? '', limit],
    );
    return rows;
  }

  async latestSnapshot(manager: string, tokenId: string): Promise<SnapshotDto | undefined> {
    const { rows } = await this.db.query<SnapshotDto>(
      `SELECT ${SNAPSHOT_COLUMNS} FROM position_snapshot WHERE position_manager = $1 AND token_id = $2
        ORDER BY snapshot_time DESC, block_number DESC, log_index DESC, kind DESC LIMIT 1`,
      [manager, tokenId],
    );
    return rows[0];
  }

  async latestVesting(manager: string, tokenId: string): Promise<VestingDto | undefined> {
    const { rows } = await this.db.query<VestingDto>(
      `SELECT as_of AS "asOf", allocations, earned_raw AS "earnedRaw", vested_raw AS "vestedRaw", locked_raw AS "lockedRaw",
              claimable_raw AS "claimableRaw", rflr_price_usd AS "rflrPriceUsd", earned_usd AS "earnedUsd", vested_usd AS "vestedUsd",
              locked_usd AS "lockedUsd", claimable_usd AS "claimableUsd", price_block AS "priceBlock", note
         FROM position_rflr_vesting WHERE position_manager = $1 AND token_id = $2 ORDER BY as_of DESC LIMIT 1`,
      [manager, tokenId],
    );
    return rows[0];
  }

  async latestHealth(manager: string, tokenId: string): Promise<HealthDto | undefined> {
    const { rows } = await this.db.query<HealthDto>(
      `SELECT ${HEALTH_COLUMNS} FROM position_health WHERE position_manager = $1 AND token_id = $2 ORDER BY as_of DESC LIMIT 1`,
      [manager, tokenId],
    );
    return rows[0];
  }

  async pool(address: string): Promise<PoolInfoDto | undefined> {
    const { rows } = await this.db.query<PoolInfoDto>(
      `SELECT address, token0, token1, fee, "token0Symbol", "token1Symbol", "token0Decimals", "token1Decimals", factory, "blockNumber"
         FROM "Pool" WHERE address = $1 LIMIT 1`,
      [address],
    );
    return rows[0];
  }

  /** Up to `limit` hourly rows of the pool after the hour starting at `afterHour` (epoch seconds). */
  async volumeHours(pool: string, afterHour: number | undefined, limit: number): Promise<VolumeHourDto[]> {
    const { rows } = await this.db.query<VolumeHourDto>(
      `SELECT extract(epoch FROM hour_start)::integer AS "hourStart", volume_usd AS "volumeUsd", volume_24h_usd AS "volume24hUsd",
              fees_usd AS "feesUsd", fees_24h_usd AS "fees24hUsd", swaps, swaps_24h AS "swaps24h"
         FROM pool_volume_hourly
        WHERE pool = $1 AND ($2::bigint IS NULL OR hour_start > to_timestamp($2::bigint))
        ORDER BY hour_start LIMIT $3`,
      [pool, afterHour ?? null, limit],
    );
    return rows;
  }

  /** Up to `limit` daily APR rows of the pool after `afterDay` (YYYY-MM-DD). */
  async aprDays(pool: string, afterDay: string | undefined, limit: number): Promise<AprDayDto[]> {
    const { rows } = await this.db.query<AprDayDto>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, end_block AS "endBlock", balance0, balance1, price0_usd AS "price0Usd", price1_usd AS "price1Usd",
              tvl_usd AS "tvlUsd", fees_usd AS "feesUsd", incentive_usd_per_day AS "incentiveUsdPerDay", rflr_usd_per_day AS "rflrUsdPerDay",
              fee_apr AS "feeApr", incentive_apr AS "incentiveApr", rflr_apr AS "rflrApr", total_apr AS "totalApr", reason
         FROM pool_apr_daily
        WHERE pool = $1 AND ($2::date IS NULL OR day > $2::date)
        ORDER BY day LIMIT $3`,
      [pool, afterDay ?? null, limit],
    );
    return rows;
  }
}
