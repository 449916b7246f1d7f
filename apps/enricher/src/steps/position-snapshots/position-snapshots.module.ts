import { Module } from '@nestjs/common';
import { ChainModule } from '../../runtime/chain.provider';
import { PositionSnapshotsController } from './position-snapshots.controller';
import { PositionSnapshotsService } from './position-snapshots.service';

/** Step 6: reads the database (histories, prices) and the chain (fee state at a block). */
@Module({ imports: [ChainModule], controllers: [PositionSnapshotsController], providers: [PositionSnapshotsService] })
export class PositionSnapshotsModule {}
