import { Module } from '@nestjs/common';
import { UnsubscribeController } from './unsubscribe.controller';

/** The one-click unsubscribe page, served at the root (outside /api/v1), so a module of its own. */
@Module({
  controllers: [UnsubscribeController],
})
export class UnsubscribeModule {}
