import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { RepresentativesModule } from '../representatives/representatives.module';
import { UsersModule } from '../users/users.module';
import { VerificationModule } from '../verification/verification.module';
import { VotingModule } from '../voting/voting.module';
import { ModerationModule } from '../moderation/moderation.module';
import { ModerationWebController } from './moderation/moderation.controller';
import { ModerationHandler } from './moderation/moderation.handler';
import { AccountController } from './account/account.controller';
import { AccountHandler } from './account/account.handler';
import { EmailLinksController } from './account/email-links.controller';
import { EmailLinksHandler } from './account/email-links.handler';
import { MunicipalityPicker } from './account/municipality-picker';
import { RequestsHandler } from './account/requests.handler';
import { RegistrationHandler } from './account/registration.handler';
import { SignInHandler } from './account/sign-in.handler';
import { VotingWebController } from './contests/voting.controller';
import { VotingHandler } from './contests/voting.handler';
import { AdminContestsController } from './admin-contests/admin-contests.controller';
import { AdminContestsHandler } from './admin-contests/admin-contests.handler';
import { ADMIN_CONTROLLERS, ADMIN_PROVIDERS } from './admin';
import { WebErrorPages } from './errors/web-error-pages';
import { PUBLIC_CONTROLLERS, PUBLIC_PROVIDERS, PUBLIC_FEATURE_MODULES } from './public';
import { WebRenderer } from './render/web-renderer';
import { MyPracticesController } from './representative/my-practices.controller';
import { MyPracticesHandler } from './representative/my-practices.handler';
import { REPRESENTATIVE_FILES_CONTROLLERS, REPRESENTATIVE_FILES_PROVIDERS } from './representative-files';
import { WebSession } from './session/web-session.entity';
import { WebSessionService } from './session/web-session.service';
import { SignedInGuard } from './web-controller';
import { WebRequestHook } from './web-request.hook';

/**
 * The website (WEB.md): server-rendered pages on the same services as the API. Its Fastify plumbing
 * (cookies, CSRF, static assets, the request hook) is registered by web.setup.ts.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([WebSession]),
    UsersModule,
    AuthModule,
    VerificationModule,
    RepresentativesModule,
    VotingModule,
    ModerationModule,
    ...PUBLIC_FEATURE_MODULES,
  ],
  controllers: [
    ...PUBLIC_CONTROLLERS,
    AccountController,
    EmailLinksController,
    VotingWebController,
    // The representative's pages (/my).
    MyPracticesController,
    ...REPRESENTATIVE_FILES_CONTROLLERS,
    // Admin: contests (issue #10)
    AdminContestsController,
    ModerationWebController,
    ...ADMIN_CONTROLLERS,
  ],
  providers: [
    WebRenderer,
    WebSessionService,
    WebRequestHook,
    WebErrorPages,
    SignedInGuard,
    SignInHandler,
    ...PUBLIC_PROVIDERS,
    RegistrationHandler,
    AccountHandler,
    MunicipalityPicker,
    RequestsHandler,
    VotingHandler,
    EmailLinksHandler,
    MyPracticesHandler,
    ...REPRESENTATIVE_FILES_PROVIDERS,
    // Admin: contests (issue #10)
    AdminContestsHandler,
    ModerationHandler,
    ...ADMIN_PROVIDERS,
  ],
  exports: [WebRenderer, WebRequestHook, WebErrorPages],
})
export class WebModule {}
