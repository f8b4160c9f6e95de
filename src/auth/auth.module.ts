import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AdminBootstrap } from './admin-bootstrap';
import { AuthTokensRepository } from './auth-tokens.repository';
import { AuthController } from './auth.controller';
import { EmailTokenMailer } from './email-tokens';
import { EmailToken } from './entities/email-token.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { JWT_ISSUER, JwtStrategy } from './jwt.strategy';
import { PasswordHasher } from './password-hasher';
import { PasswordResetService } from './password-reset.service';
import { RegistrationService } from './registration.service';
import { SessionService } from './session.service';

@Module({
  imports: [
    UsersModule,
    PassportModule,
    TypeOrmModule.forFeature([RefreshToken, EmailToken]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwtSecret,
        signOptions: {
          algorithm: 'HS256',
          expiresIn: config.auth.accessTokenTtlSeconds,
          issuer: JWT_ISSUER,
          audience: JWT_ISSUER,
        },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthTokensRepository,
    EmailTokenMailer,
    PasswordHasher,
    RegistrationService,
    SessionService,
    PasswordResetService,
    JwtStrategy,
    AdminBootstrap,
  ],
  exports: [PasswordHasher, AdminBootstrap, RegistrationService, PasswordResetService, SessionService],
})
export class AuthModule {}
