import { Injectable } from '@nestjs/common';
import { Locale } from '../common/i18n/locale';
import { PageRenderer, PageResult } from '../common/pages/page-renderer';
import { UsersRepository } from '../users/users.repository';
import { UnsubscribeTokens } from './unsubscribe-tokens';

const TEXT: Record<
  Locale,
  Record<'ask' | 'askText' | 'button' | 'done' | 'doneText' | 'invalid' | 'invalidText', string>
> = {
  en: {
    ask: 'Unsubscribe from these emails?',
    askText:
      'You will no longer receive this kind of notification. You can turn it on again in your profile.',
    button: 'Unsubscribe',
    done: 'You are unsubscribed',
    doneText: 'You will no longer receive this kind of notification.',
    invalid: 'This link cannot be used',
    invalidText: 'It is incomplete or damaged. Change your notification preferences in your profile instead.',
  },
  ru: {
    ask: 'Отписаться от этих писем?',
    askText: 'Вы больше не будете получать такие уведомления. Их можно снова включить в профиле.',
    button: 'Отписаться',
    done: 'Вы отписались',
    doneText: 'Вы больше не будете получать такие уведомления.',
    invalid: 'Эту ссылку нельзя использовать',
    invalidText: 'Она неполная или повреждена. Измените настройки уведомлений в профиле.',
  },
  ky: {
    ask: 'Бул каттардан баш тартасызбы?',
    askText: 'Мындай билдирүүлөрдү мындан ары албайсыз. Аларды профилиңизден кайра күйгүзсөңүз болот.',
    button: 'Баш тартуу',
    done: 'Сиз баш тарттыңыз',
    doneText: 'Мындай билдирүүлөрдү мындан ары албайсыз.',
    invalid: 'Бул шилтемени колдонууга болбойт',
    invalidText: 'Ал толук эмес же бузулган. Билдирүү жөндөөлөрүн профилиңизден өзгөртүңүз.',
  },
};

const PATH = '/unsubscribe';

/** The unsubscribe link of non-essential mail: a GET asks, the button's POST turns the preference off. */
@Injectable()
export class UnsubscribeService {
  constructor(
    private readonly tokens: UnsubscribeTokens,
    private readonly users: UsersRepository,
    private readonly renderer: PageRenderer,
  ) {}

  ask(token: string | undefined, locale: Locale): PageResult {
    const t = TEXT[locale];
    if (!token || !this.tokens.verify(token)) {
      return this.renderer.render({
        status: 410,
        locale,
        path: PATH,
        heading: t.invalid,
        paragraphs: [t.invalidText],
      });
    }
    return this.renderer.render({
      status: 200,
      locale,
      path: PATH,
      heading: t.ask,
      paragraphs: [t.askText],
      form: { token, button: t.button },
    });
  }

  async apply(token: string, locale: Locale): Promise<PageResult> {
    const t = TEXT[locale];
    const unsubscription = this.tokens.verify(token);
    if (!unsubscription) {
      return this.ask(undefined, locale);
    }
    await this.users.setNotificationPreference(unsubscription.userId, unsubscription.preference, false);
    return this.renderer.render({
      status: 200,
      locale,
      path: PATH,
      heading: t.done,
      paragraphs: [t.doneText],
    });
  }
}
