import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { EnrichedReadRepository } from './enriched-read.repository';
import { PoolDto, PositionDto, ReadErrorDto, TimelineDto } from './read-api.dto';
import {
  formatEventCursor,
  formatSnapshotCursor,
  MAX_LIMIT,
  page,
  parseAddress,
  parseDayCursor,
  parseEventCursor,
  parseHourCursor,
  parseLimit,
  parseSnapshotCursor,
  parseTokenId,
} from './read-params';

const LIMIT_QUERY = { name: 'limit', required: false, type: Number, description: `page size, 1 to ${MAX_LIMIT} (default 100)` } as const;
const MANAGER_PARAM = { name: 'manager', description: 'position manager (NFPM) address, 0x + 40 hex, any case' } as const;
const TOKEN_PARAM = { name: 'tokenId', description: 'NFT token id, decimal' } as const;

/** GET-only reads of the enriched data (the step result tables); no token, as the backfill status. */
@ApiTags('read')
@Controller('api')
export class ReadApiController {
  constructor(private readonly repo: EnrichedReadRepository) {}

  @Get('positions/:manager/:tokenId')
  @ApiOperation({ summary: 'A position: its registry row, its attributed events with their enrichment (paginated), its latest snapshot, vesting and health' })
  @ApiParam(MANAGER_PARAM)
  @ApiParam(TOKEN_PARAM)
  @ApiQuery(LIMIT_QUERY)
  @ApiQuery({ name: 'after', required: false, type: String, description: 'events cursor <blockNumber>:<logIndex>: the "events.next" of the previous page' })
  @ApiOkResponse({ type: PositionDto })
  @ApiResponse({ status: 400, type: ReadErrorDto, description: 'malformed manager, tokenId, limit or after' })
  @ApiResponse({ status: 404, type: ReadErrorDto, description: 'no such position in position_registry' })
  async position(
    @Param('manager') managerText: string,
    @Param('tokenId') tokenText: string,
    @Query('limit') limitText?: string,
    @Query('after') afterText?: string,
  ): Promise<PositionDto> {
    const manager = parseAddress(managerText, 'manager');
    const tokenId = parseTokenId(tokenText);
    const limit = parseLimit(limitText);
    const after = parseEventCursor(afterText);
    const position = await this.repo.position(manager, tokenId);
    if (!position) throw new NotFoundException(`no position ${tokenId} of manager ${manager}`);
    const [events, latestSnapshot, vesting, health] = await Promise.all([
      this.repo.events(manager, tokenId, after, limit + 1),
      this.repo.latestSnapshot(manager, tokenId),
      this.repo.latestVesting(manager, tokenId),
      this.repo.latestHealth(manager, tokenId),
    ]);
    return {
      position,
      events: page(events, limit, formatEventCursor),
      latestSnapshot: latestSnapshot ?? null,
      vesting: vesting ?? null,
      health: health ?? null,
    };
  }

  @Get('positions/:manager/:tokenId/timeline')
  @ApiOperation({ summary: "A position's snapshots over time (position_snapshot), paginated by snapshot time" })
  @ApiParam(MANAGER_PARAM)
  @ApiParam(TOKEN_PARAM)
  @ApiQuery(LIMIT_QUERY)
  @ApiQuery({
    name: 'after',
    required: false,
    type: String,
    description: 'cursor <snapshotTime>:<blockNumber>:<logIndex>:<kind>: the "next" of the previous page',
  })
  @ApiOkResponse({ type: TimelineDto })
  @ApiResponse({ status: 400, type: ReadErrorDto, description: 'malformed manager, tokenId, limit or after' })
  @ApiResponse({ status: 404, type: ReadErrorDto, description: 'no such position in position_registry' })
  async timeline(
    @Param('manager') managerText: string,
    @Param('tokenId') tokenText: string,
    @Query('limit') limitText?: string,
    @Query('after') afterText?: string,
  ): Promise<TimelineDto> {
    const manager = parseAddress(managerText, 'manager');
    const tokenId = parseTokenId(tokenText);
    const limit = parseLimit(limitText);
    const after = parseSnapshotCursor(afterText);
    if (!(await this.repo.position(manager, tokenId))) throw new NotFoundException(`no position ${tokenId} of manager ${manager}`);
    const rows = await this.repo.snapshots(manager, tokenId, after, limit + 1);
    return { manager, tokenId, ...page(rows, limit, formatSnapshotCursor) };
  }

  @Get('pools/:address')
  @ApiOperation({ summary: 'A pool ("Pool": tokens, fee) with its volume by hour (pool_volume_hourly) and APR by day (pool_apr_daily), each paginated' })
  @ApiParam({ name: 'address', description: 'pool address, 0x + 40 hex, any case' })
  @ApiQuery({ ...LIMIT_QUERY, description: `page size of each list, 1 to ${MAX_LIMIT} (default 100)` })
  @ApiQuery({
    name: 'hoursAfter',
    required: false,
    type: Number,
    description: 'hourly cursor (an hour start, epoch seconds): the "volumeHourly.next" of the previous page',
  })
  @ApiQuery({ name: 'daysAfter', required: false, type: String, description: 'daily cursor (YYYY-MM-DD): the "aprDaily.next" of the previous page' })
  @ApiOkResponse({ type: PoolDto })
  @ApiResponse({ status: 400, type: ReadErrorDto, description: 'malformed address, limit, hoursAfter or daysAfter' })
  @ApiResponse({ status: 404, type: ReadErrorDto, description: 'no such pool in "Pool"' })
  async pool(
    @Param('address') addressText: string,
    @Query('limit') limitText?: string,
    @Query('hoursAfter') hoursText?: string,
    @Query('daysAfter') daysText?: string,
  ): Promise<PoolDto> {
    const address = parseAddress(addressText, 'pool');
    const limit = parseLimit(limitText);
    const hoursAfter = parseHourCursor(hoursText);
    const daysAfter = parseDayCursor(daysText);
    const pool = await this.repo.pool(address);
    if (!pool) throw new NotFoundException(`no pool ${address}`);
    const [hours, days] = await Promise.all([this.repo.volumeHours(address, hoursAfter, limit + 1), this.repo.aprDays(address, daysAfter, limit + 1)]);
    return {
      pool,
      volumeHourly: page(hours, limit, (h) => String(h.hourStart)),
      aprDaily: page(days, limit, (d) => d.day),
    };
  }
}
