import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { Authenticated, CurrentUser, Public } from '../common/auth/decorators';
import { ApiProblems } from '../common/http/api-problems';
import { ClientAddress } from '../common/http/client-address';
import { EmptyDto } from '../common/http/empty.dto';
import {
  AcceptedDto,
  ChangePasswordDto,
  ForgotPasswordDto,
  LoginDto,
  RefreshDto,
  RegisterDto,
  ResetPasswordDto,
  TokenDto,
  TokenPairDto,
} from './dto/auth.dto';
import { PasswordResetService } from './password-reset.service';
import { RegistrationService } from './registration.service';
import { SessionService } from './session.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly sessions: SessionService,
    private readonly passwordReset: PasswordResetService,
  ) {}

  @Public()
  @Post('register')
  @HttpCode(202)
  @ApiOperation({ summary: 'Register; the same answer whether or not the email is taken' })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiProblems(400, 429)
  register(@Body() dto: RegisterDto, @ClientAddress() address: string): Promise<AcceptedDto> {
    return this.registration.register(dto, address);
  }

  @Authenticated({ allowUnconfirmed: true })
  @Post('resend-confirmation')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send the confirmation email again' })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiProblems(400, 409, 429)
  resendConfirmation(@CurrentUser() user: AuthUser, @Body() _body: EmptyDto): Promise<AcceptedDto> {
    return this.registration.resendConfirmation(user);
  }

  @Public()
  @Post('confirm-email')
  @HttpCode(204)
  @ApiOperation({ summary: 'Confirm the email address with the token from the email' })
  @ApiNoContentResponse({ description: 'Confirmed' })
  @ApiProblems(400, 401, 429)
  confirmEmail(@Body() dto: TokenDto, @ClientAddress() address: string): Promise<void> {
    return this.registration.confirmEmail(dto.token, address);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(400, 401, 429, 503)
  login(@Body() dto: LoginDto, @ClientAddress() address: string): Promise<TokenPairDto> {
    return this.sessions.login(dto, address);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair (the old one is used up)' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(400, 401)
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.sessions.refresh(dto.refreshToken);
  }

  @Authenticated({ allowUnconfirmed: true })
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: the session of this refresh token ends' })
  @ApiNoContentResponse()
  @ApiProblems(400)
  logout(@CurrentUser() user: AuthUser, @Body() dto: RefreshDto): Promise<void> {
    return this.sessions.logout(user, dto.refreshToken);
  }

  @Authenticated({ allowUnconfirmed: true })
  @Post('logout-all')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out everywhere: every session, refresh token and access token of the account ends',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 401)
  logoutAll(@CurrentUser() user: AuthUser, @Body() _body: EmptyDto): Promise<void> {
    return this.sessions.signOutEverywhere(user.id);
  }

  @Authenticated({ allowUnconfirmed: true })
  @Post('change-password')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Change the password (the current one required); every other session ends, the caller gets a new pair',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(400, 401, 403, 429, 503)
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<TokenPairDto> {
    return this.sessions.changePassword(user.id, dto.currentPassword, dto.newPassword);
  }

  @Public()
  @Post('forgot-password')
  @HttpCode(202)
  @ApiOperation({ summary: 'Email a password reset link; the same answer whether or not the email exists' })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiProblems(400, 429)
  forgotPassword(@Body() dto: ForgotPasswordDto, @ClientAddress() address: string): Promise<AcceptedDto> {
    return this.passwordReset.requestReset(dto.email, address);
  }

  @Public()
  @Post('reset-password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Choose a new password with the token from the email; ends every session' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 429)
  resetPassword(@Body() dto: ResetPasswordDto, @ClientAddress() address: string): Promise<void> {
    return this.passwordReset.resetPassword(dto, address);
  }
}
