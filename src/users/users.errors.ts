import { DomainError } from '../common/errors/domain-error';

export const UserErrors = {
  notFound: () =>
    new DomainError(404, 'user_not_found', {
      en: 'User not found',
      ru: 'Пользователь не найден',
      ky: 'Колдонуучу табылган жок',
    }),
  cannotChangeOwnAccess: () =>
    new DomainError(409, 'own_access_change', {
      en: 'You cannot block yourself or remove your own admin role',
      ru: 'Нельзя заблокировать себя или снять с себя роль администратора',
      ky: 'Өзүңүздү бөгөттөй же өзүңүздөн администратор ролун ала албайсыз',
    }),
};
