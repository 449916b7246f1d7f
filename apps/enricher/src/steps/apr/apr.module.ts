import { Module } from '@nestjs/common';
import { AprController } from './apr.controller';
import { AprService } from './apr.service';

@Module({ controllers: [AprController], providers: [AprService] })
export class AprModule {}
