import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { ReplayService } from '../replay/replay.service';
import { STEPS } from '@lib/pipeline';
import { BackfillStatusService, type BackfillStatus } from './backfill-status.service';
import { StepOffsetsService } from './step-offsets.service';
import { InvalidActionError, parseBackfillAction, requireJsonContentType } from './backfill-action';

export interface BackfillActionResult {
  success: true;
  message: string;
  status: BackfillStatus;
}

/** The behaviour behind /api/admin/backfill: one method per action, status derived each time. */
@Injectable()
export class BackfillService {
  constructor(
    private readonly replay: ReplayService,
    private readonly statusService: BackfillStatusService,
    private readonly offsets: StepOffsetsService,
  ) {}

  status(): Promise<BackfillStatus> {
    return this.statusService.status();
  }

  async act(body: unknown, contentType: string | undefined): Promise<BackfillActionResult> {
    let parsed;
    try {
      requireJsonContentType(contentType);
      parsed = parseBackfillAction(body);
    } catch (err) {
      if (err instanceof InvalidActionError) throw new BadRequestException(err.message);
      throw err;
    }
    const message = await this.perform(parsed.action, parsed.steps, parsed.asOf);
    return { success: true, message, status: await this.statusService.status() };
  }

  private async perform(action: string, steps?: string[], asOf?: number): Promise<string> {
    switch (action) {
      case 'start': {
        const run = await this.replay.start(steps, asOf);
        return `Backfill started (run ${run.id}${asOf === undefined ? '' : `, as of ${asOf}`})`;
      }
      case 'stop': {
        const run = await this.replay.stop();
        return run ? `Backfill stopped (run ${run.id}); start resumes it` : 'No backfill to stop';
      }
      case 'pause':
        return `Backfill paused (run ${(await this.replay.pause()).id})`;
      case 'resume':
        return `Backfill resumed (run ${(await this.replay.resume()).id})`;
      case 'reset': {
        const run = await this.replay.latest();
        if (!run) throw new ConflictException('no run to reset to; start one first');
        const names = await this.offsets.resetToRunStart(run, steps ?? STEPS.map((s) => s.name));
        return `Reset ${names.join(', ')} to the start of run ${run.id}`;
      }
      default:
        throw new BadRequestException(`unknown action ${action}`);
    }
  }
}
