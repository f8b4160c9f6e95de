import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
import { AppConfig } from '../config/app-config';
import { AdminOutboxController } from './admin-outbox.controller';
import { AdminOutboxService } from './admin-outbox.service';
import { OutboxEmail } from './entities/outbox-email.entity';
import { MailRenderer } from './mail-renderer';
import { createMailTransport, MailTransport } from './mail-transport';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { OutboxWorker } from './outbox.worker';
import { StaffNotifier } from './staff-notifier';
import { UnsubscribeService } from './unsubscribe.service';
import { UnsubscribeTokens } from './unsubscribe-tokens';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEmail]), UsersModule],
  controllers: [AdminOutboxController],
  providers: [
    MailRenderer,
    OutboxRepository,
    OutboxService,
    OutboxWorker,
    AdminOutboxService,
    StaffNotifier,
    UnsubscribeTokens,
    UnsubscribeService,
    { provide: MailTransport, useFactory: createMailTransport, inject: [AppConfig] },
  ],
  exports: [OutboxService, OutboxWorker, StaffNotifier, UnsubscribeService, AdminOutboxService],
})
export class NotificationsModule {}
