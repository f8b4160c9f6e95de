import { Module } from '@nestjs/common';
import { AuthPagesController } from './auth-pages.controller';
import { AuthPagesService } from './auth-pages.service';
import { AuthModule } from './auth.module';

/** The pages email links open, served at the root (outside /api/v1), so a module of their own. */
@Module({
  imports: [AuthModule],
  controllers: [AuthPagesController],
  providers: [AuthPagesService],
})
export class AuthPagesModule {}
