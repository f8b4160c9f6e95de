import { DomainError } from '../common/errors/domain-error';

export const VotingErrors = {
  notVerified: () =>
    new DomainError(403, 'voter_not_verified', {
      en: 'This contest accepts votes from verified voters only: ask to be verified first',
      ru: 'В этом конкурсе голосуют только верифицированные избиратели: сначала пройдите верификацию',
      ky: 'Бул сынакта текшерүүдөн өткөн шайлоочулар гана добуш берет: адегенде текшерүүдөн өтүңүз',
    }),
  votingClosed: (phase: string) =>
    new DomainError(409, 'voting_not_open', {
      en: `Voting is not open (${phase})`,
      ru: `Голосование не открыто (${phase})`,
      ky: `Добуш берүү ачык эмес (${phase})`,
    }),
  entryNotOnBallot: () =>
    new DomainError(409, 'entry_not_on_ballot', {
      en: 'This entry is not on the ballot',
      ru: 'Этой заявки нет в бюллетене',
      ky: 'Бул катышуу бюллетенде жок',
    }),
  limitReached: (limit: number) =>
    new DomainError(409, 'vote_limit_reached', {
      en: `You have used all ${limit} of your votes in this contest`,
      ru: `Вы использовали все свои голоса в этом конкурсе (${limit})`,
      ky: `Бул сынактагы бардык добуштарыңызды колдондуңуз (${limit})`,
    }),
  retractNotAllowed: () =>
    new DomainError(409, 'retract_not_allowed', {
      en: 'Votes cannot be withdrawn in this contest',
      ru: 'В этом конкурсе голос нельзя отозвать',
      ky: 'Бул сынакта добушту кайтарып алууга болбойт',
    }),
  voteNotFound: () =>
    new DomainError(404, 'vote_not_found', {
      en: 'No vote of yours for this entry',
      ru: 'Вашего голоса за эту заявку нет',
      ky: 'Бул катышуу үчүн сиздин добушуңуз жок',
    }),
  alreadyAnnulled: () =>
    new DomainError(409, 'vote_already_annulled', {
      en: 'This vote is already annulled',
      ru: 'Этот голос уже аннулирован',
      ky: 'Бул добуш мурунтан жокко чыгарылган',
    }),
};
