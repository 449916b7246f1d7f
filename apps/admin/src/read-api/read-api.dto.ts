import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Raw amounts (numeric(78,0)) and USD sums (numeric(48,18)) are strings: exact, never rounded
// through a float. double precision columns (prices, USD values, scores) are numbers.

export class PositionRegistryDto {
  @ApiProperty({ example: '0x…', description: 'position manager (NFPM), lowercase' }) manager!: string;
  @ApiProperty({ example: '42', description: 'NFT token id, decimal' }) tokenId!: string;
  @ApiProperty({ example: 'sparkdex' }) dex!: string;
  @ApiProperty() pool!: string;
  @ApiProperty() token0!: string;
  @ApiProperty() token1!: string;
  @ApiProperty({ description: 'fee tier in hundredths of a bip' }) fee!: number;
  @ApiProperty() tickLower!: number;
  @ApiProperty() tickUpper!: number;
  @ApiProperty({ description: 'where the registry row came from' }) source!: string;
}

export class RangeStatusDto {
  @ApiProperty() tick!: number;
  @ApiProperty({ enum: ['IN_RANGE', 'OUT_OF_RANGE'] }) status!: string;
  @ApiProperty() secondsInRange!: number;
  @ApiProperty() secondsOpen!: number;
}

export class ImpermanentLossDto {
  @ApiProperty({ description: 'raw' }) liquidity!: string;
  @ApiProperty({ description: 'raw' }) amount0!: string;
  @ApiProperty({ description: 'raw' }) amount1!: string;
  @ApiProperty({ description: 'raw' }) netDeposit0!: string;
  @ApiProperty({ description: 'raw' }) netDeposit1!: string;
  @ApiProperty() price0Usd!: number;
  @ApiProperty() price1Usd!: number;
  @ApiProperty() valuePositionUsd!: number;
  @ApiProperty() valueHodlUsd!: number;
  @ApiProperty() ilUsd!: number;
  @ApiProperty({ type: Number, nullable: true }) ilPct!: number | null;
}

export class UnclaimedFeesDto {
  @ApiProperty({ description: 'raw' }) liquidity!: string;
  @ApiProperty({ description: 'raw' }) tokensOwed0!: string;
  @ApiProperty({ description: 'raw' }) tokensOwed1!: string;
  @ApiProperty({ description: 'raw' }) unclaimed0!: string;
  @ApiProperty({ description: 'raw' }) unclaimed1!: string;
  @ApiProperty({ type: Number, nullable: true }) unclaimedUsd!: number | null;
  @ApiProperty() rpcBlock!: number;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class CollectFeeDto {
  @ApiProperty({ description: 'raw' }) collected0!: string;
  @ApiProperty({ description: 'raw' }) collected1!: string;
  @ApiProperty({ description: 'raw' }) principal0!: string;
  @ApiProperty({ description: 'raw' }) principal1!: string;
  @ApiProperty({ description: 'raw' }) fee0!: string;
  @ApiProperty({ description: 'raw' }) fee1!: string;
  @ApiProperty() price0Usd!: number;
  @ApiProperty() price1Usd!: number;
  @ApiProperty() usdValue!: number;
  @ApiProperty() feeUsdValue!: number;
  @ApiProperty() priceVia!: string;
}

export class HealthDto {
  @ApiProperty({ description: 'epoch seconds the score is as of' }) asOf!: number;
  @ApiProperty() blockNumber!: number;
  @ApiProperty() logIndex!: number;
  @ApiProperty({ type: Number, nullable: true }) tick!: number | null;
  @ApiProperty() windowSecondsInRange!: number;
  @ApiProperty() windowSecondsOpen!: number;
  @ApiProperty({ type: Number, nullable: true }) timeInRangeScore!: number | null;
  @ApiProperty({ type: Number, nullable: true }) edgeDistanceScore!: number | null;
  @ApiProperty({ type: Number, nullable: true }) feesUsd!: number | null;
  @ApiProperty({ type: Number, nullable: true }) ilUsd!: number | null;
  @ApiProperty({ type: Number, nullable: true }) feesVsIlScore!: number | null;
  @ApiProperty({ type: Number, nullable: true }) score!: number | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class VestingDto {
  @ApiProperty({ description: 'epoch seconds' }) asOf!: number;
  @ApiProperty() allocations!: number;
  @ApiProperty({ description: 'raw rFLR' }) earnedRaw!: string;
  @ApiProperty({ description: 'raw rFLR' }) vestedRaw!: string;
  @ApiProperty({ description: 'raw rFLR' }) lockedRaw!: string;
  @ApiProperty({ description: 'raw rFLR' }) claimableRaw!: string;
  @ApiProperty({ type: Number, nullable: true }) rflrPriceUsd!: number | null;
  @ApiProperty({ type: Number, nullable: true }) earnedUsd!: number | null;
  @ApiProperty({ type: Number, nullable: true }) vestedUsd!: number | null;
  @ApiProperty({ type: Number, nullable: true }) lockedUsd!: number | null;
  @ApiProperty({ type: Number, nullable: true }) claimableUsd!: number | null;
  @ApiProperty() priceBlock!: number;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class PositionEventDto {
  @ApiProperty({ description: 'the "PositionEvent" id' }) id!: string;
  @ApiProperty() blockNumber!: number;
  @ApiProperty() logIndex!: number;
  @ApiProperty({ description: 'epoch seconds' }) timestamp!: number;
  @ApiProperty({ example: 'MINT' }) eventType!: string;
  @ApiProperty({ type: String, nullable: true, description: 'raw' }) liquidityDelta!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'raw' }) amount0!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'raw' }) amount1!: string | null;
  @ApiProperty({ type: String, nullable: true }) recipient!: string | null;
  @ApiProperty({ type: String, nullable: true }) owner!: string | null;
  @ApiProperty({ type: RangeStatusDto, nullable: true }) rangeStatus!: RangeStatusDto | null;
  @ApiProperty({ type: ImpermanentLossDto, nullable: true }) impermanentLoss!: ImpermanentLossDto | null;
  @ApiProperty({ type: UnclaimedFeesDto, nullable: true }) unclaimedFees!: UnclaimedFeesDto | null;
  @ApiProperty({ type: CollectFeeDto, nullable: true, description: 'COLLECTs only' }) collectFee!: CollectFeeDto | null;
  @ApiProperty({ type: HealthDto, nullable: true, description: 'the newest health score computed at this event' }) health!: HealthDto | null;
}

export class SnapshotDto {
  @ApiProperty({ enum: ['event', 'day-end', 'as-of'] }) kind!: string;
  @ApiProperty({ description: 'epoch seconds' }) snapshotTime!: number;
  @ApiProperty() blockNumber!: number;
  @ApiProperty() logIndex!: number;
  @ApiProperty({ type: String, nullable: true }) eventId!: string | null;
  @ApiProperty({ description: 'raw' }) liquidity!: string;
  @ApiProperty({ description: 'raw' }) amount0!: string;
  @ApiProperty({ description: 'raw' }) amount1!: string;
  @ApiProperty({ type: Number, nullable: true }) price0Usd!: number | null;
  @ApiProperty({ type: Number, nullable: true }) price1Usd!: number | null;
  @ApiProperty({ type: Number, nullable: true }) valueUsd!: number | null;
  @ApiProperty({ description: 'raw' }) unclaimed0!: string;
  @ApiProperty({ description: 'raw' }) unclaimed1!: string;
  @ApiProperty({ type: Number, nullable: true }) unclaimedUsd!: number | null;
  @ApiProperty({ type: Number, nullable: true }) tick!: number | null;
  @ApiProperty({ type: String, nullable: true, enum: ['IN_RANGE', 'OUT_OF_RANGE'] }) rangeStatus!: string | null;
  @ApiProperty({ description: 'raw' }) deposited0!: string;
  @ApiProperty({ description: 'raw' }) deposited1!: string;
  @ApiProperty({ description: 'raw' }) withdrawn0!: string;
  @ApiProperty({ description: 'raw' }) withdrawn1!: string;
  @ApiProperty({ description: 'raw' }) collected0!: string;
  @ApiProperty({ description: 'raw' }) collected1!: string;
  @ApiProperty() rpcBlock!: number;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class PositionEventsPageDto {
  @ApiProperty({ type: [PositionEventDto] }) items!: PositionEventDto[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor for ?after= of the next page; null on the last page' }) next!: string | null;
}

export class PositionDto {
  @ApiProperty({ type: PositionRegistryDto }) position!: PositionRegistryDto;
  @ApiProperty({ type: PositionEventsPageDto, description: 'attributed events in chain order, with their enrichment' }) events!: PositionEventsPageDto;
  @ApiProperty({ type: SnapshotDto, nullable: true }) latestSnapshot!: SnapshotDto | null;
  @ApiProperty({ type: VestingDto, nullable: true, description: 'the newest rFLR vesting row' }) vesting!: VestingDto | null;
  @ApiProperty({ type: HealthDto, nullable: true, description: 'the newest health score' }) health!: HealthDto | null;
}

export class TimelineDto {
  @ApiProperty() manager!: string;
  @ApiProperty() tokenId!: string;
  @ApiProperty({ type: [SnapshotDto], description: 'by (snapshotTime, blockNumber, logIndex, kind)' }) items!: SnapshotDto[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor for ?after= of the next page; null on the last page' }) next!: string | null;
}

export class PoolInfoDto {
  @ApiProperty() address!: string;
  @ApiProperty() token0!: string;
  @ApiProperty() token1!: string;
  @ApiProperty() fee!: number;
  @ApiPropertyOptional({ type: String, nullable: true }) token0Symbol!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) token1Symbol!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) token0Decimals!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) token1Decimals!: number | null;
  @ApiProperty() factory!: string;
  @ApiProperty() blockNumber!: number;
}

export class VolumeHourDto {
  @ApiProperty({ description: 'UTC hour start, epoch seconds' }) hourStart!: number;
  @ApiProperty({ description: 'numeric(48,18)' }) volumeUsd!: string;
  @ApiProperty({ description: 'numeric(48,18)' }) volume24hUsd!: string;
  @ApiProperty({ description: 'numeric(48,18)' }) feesUsd!: string;
  @ApiProperty({ description: 'numeric(48,18)' }) fees24hUsd!: string;
  @ApiProperty() swaps!: number;
  @ApiProperty() swaps24h!: number;
}

export class AprDayDto {
  @ApiProperty({ example: '2024-01-31' }) day!: string;
  @ApiProperty({ type: Number, nullable: true }) endBlock!: number | null;
  @ApiProperty({ description: 'raw' }) balance0!: string;
  @ApiProperty({ description: 'raw' }) balance1!: string;
  @ApiProperty({ type: Number, nullable: true }) price0Usd!: number | null;
  @ApiProperty({ type: Number, nullable: true }) price1Usd!: number | null;
  @ApiProperty({ type: String, nullable: true }) tvlUsd!: string | null;
  @ApiProperty() feesUsd!: string;
  @ApiProperty({ type: String, nullable: true }) incentiveUsdPerDay!: string | null;
  @ApiProperty({ type: String, nullable: true }) rflrUsdPerDay!: string | null;
  @ApiProperty({ type: Number, nullable: true }) feeApr!: number | null;
  @ApiProperty({ type: Number, nullable: true }) incentiveApr!: number | null;
  @ApiProperty({ type: Number, nullable: true }) rflrApr!: number | null;
  @ApiProperty({ type: Number, nullable: true }) totalApr!: number | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}

export class VolumeHoursPageDto {
  @ApiProperty({ type: [VolumeHourDto] }) items!: VolumeHourDto[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor for ?hoursAfter= of the next page' }) next!: string | null;
}

export class AprDaysPageDto {
  @ApiProperty({ type: [AprDayDto] }) items!: AprDayDto[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor for ?daysAfter= of the next page' }) next!: string | null;
}

export class PoolDto {
  @ApiProperty({ type: PoolInfoDto }) pool!: PoolInfoDto;
  @ApiProperty({ type: VolumeHoursPageDto }) volumeHourly!: VolumeHoursPageDto;
  @ApiProperty({ type: AprDaysPageDto }) aprDaily!: AprDaysPageDto;
}

export class ReadErrorDto {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'limit must be a whole number from 1 to 1000' }) message!: string;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
}
