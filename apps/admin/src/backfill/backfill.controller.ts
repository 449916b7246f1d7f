import { Body, Controller, Get, Headers, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from './admin-token.guard';
import { BackfillService } from './backfill.service';
import { BACKFILL_ACTIONS, MAX_AS_OF } from './backfill-action';

@ApiTags('backfill')
@Controller('api/admin/backfill')
export class BackfillController {
  constructor(private readonly backfill: BackfillService) {}

  @Get()
  @ApiOperation({ summary: 'Status of the latest run and of every step (from replay_run and consumer-group offsets)' })
  status() {
    return this.backfill.status();
  }

  @Post()
  @HttpCode(200)
  @UseGuards(AdminTokenGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'start | stop | pause | resume | reset (optionally for some steps)' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['action'],
      properties: {
        action: { type: 'string', enum: [...BACKFILL_ACTIONS] },
        steps: { type: 'array', items: { type: 'string' } },
        asOf: {
          type: 'integer',
          minimum: 1,
          maximum: MAX_AS_OF,
          description:
            "start only: the new run's as-of time in epoch seconds (time-based steps finish as of it). Default: the block time of the newest source block. A resumed run keeps its own.",
        },
      },
    },
  })
  @ApiResponse({
    status: 400,
    description:
      'malformed JSON, not application/json, an unreadable body, unknown action or unknown step, an asOf that is not a positive whole number of epoch seconds or not with start',
  })
  @ApiResponse({ status: 401, description: 'missing or wrong bearer token' })
  @ApiResponse({ status: 413, description: 'a body over 16 KiB (refused before the token is checked)' })
  @ApiResponse({ status: 409, description: 'start while a run is running, or reset of a step whose instances are running' })
  act(@Body() body: unknown, @Headers('content-type') contentType?: string) {
    return this.backfill.act(body, contentType);
  }
}
