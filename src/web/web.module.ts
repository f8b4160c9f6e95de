import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { AccountController } from './account/account.controller';
import { SignInHandler } from './account/sign-in.handler';
import { WebErrorPages } from './errors/web-error-pages';
import { PUBLIC_CONTROLLERS, PUBLIC_PROVIDERS, PUBLIC_FEATURE_MODULES } from './public';
import { WebRenderer } from './render/web-renderer';
import { WebSession } from './session/web-session.entity';
import { WebSessionService } from './session/web-session.service';
import { SignedInGuard } from './web-controller';
import { WebRequestHook } from './web-request.hook';

/**
 * The website (WEB.md): server-rendered pages on the same services as the API. Its Fastify plumbing
 * (cookies, CSRF, static assets, the request hook) is registered by web.setup.ts.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WebSession]), UsersModule, AuthModule, ...PUBLIC_FEATURE_MODULES],
  controllers: [...PUBLIC_CONTROLLERS, AccountController],
  providers: [
    WebRenderer,
    WebSessionService,
    WebRequestHook,
    WebErrorPages,
    SignedInGuard,
    SignInHandler,
    ...PUBLIC_PROVIDERS,
  ],
  exports: [WebRenderer, WebRequestHook, WebErrorPages],
})
export class WebModule {}
