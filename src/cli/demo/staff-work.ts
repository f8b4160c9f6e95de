/**
 * The demo's work in progress, so the staff pages have something real on them: the Dostuk
 * representative's draft and a practice sent back for changes, and a moderation queue with every
 * kind of item (a new submission, a resubmission whose fields changed, a contest entry, a request to
 * represent a municipality, and two voter verifications whose PINs clash). Everything goes through
 * the portal's services; each step is skipped when its result already exists.
 */
import { INestApplication, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import { AppConfig } from '../../config';
import { EntriesService } from '../../contests/entries.service';
import { ModerationService } from '../../moderation/moderation.service';
import { CreatePracticeDto } from '../../practices/dto/practice-input.dto';
import { PracticesService } from '../../practices/practices.service';
import { RepresentativesService } from '../../representatives/representatives.service';
import { VerificationService } from '../../verification/verification.service';
import { demoCaller, withPortalApp } from './demo-app';

const DAY = 86_400_000;
export const OPEN_CONTEST_TITLE = 'Лучшая практика МСУ — 2027 (приём заявок)';
/** Two citizens who typed the same PIN: the moderator sees the clash warning on both. */
const SHARED_DEMO_PIN = '21203199000123';

type Content = Omit<CreatePracticeDto, 'categoryId' | 'municipalityId'> & { category: string };

const DRAFT: Content = {
  title: 'Онлайн-сход жителей через мессенджер',
  summary: 'Айыл окмоту проводит сходы жителей отдалённых сёл в мессенджере и собирает их решения.',
  problem: 'Жители дальних сёл не могут приезжать на сходы зимой, решения принимаются без них.',
  solution: 'Пока не заполнено: опишем после пилотного схода в январе.',
  results: 'Пока не заполнено: результаты появятся после пилота.',
  resources: 'Смартфон, интернет',
  replicability: 'Пока не заполнено: опишем, когда будет опыт.',
  startYear: 2026,
  endYear: null,
  contactName: 'Айбек Осмонов',
  language: 'ru',
  tags: ['сход', 'связь'],
  category: 'participation',
};

const SENT_BACK: Content = {
  title: 'Школьный автобус для сёл Садового',
  summary: 'Айыл окмоту вместе с родителями купил автобус, который возит детей из трёх сёл в школу.',
  problem: 'Дети из трёх сёл ходили в школу пешком по 6 км вдоль трассы, зимой пропускали уроки.',
  solution: 'Родители и айыл окмоту купили автобус в складчину; маршрут утверждён с районо.',
  results: 'Пропуски уроков зимой сократились вдвое.',
  resources: 'Автобус 1,8 млн сомов: 60 % местный бюджет, 40 % родители.',
  replicability: 'Нужны договор с перевозчиком и согласование маршрута с районо и ГАИ.',
  startYear: 2023,
  endYear: null,
  contactName: 'Айбек Осмонов',
  language: 'ru',
  tags: ['школа', 'транспорт'],
  category: 'education',
};

const SENT_BACK_REASON =
  'Укажите, сколько детей возит автобус и как считали пропуски уроков: до и после, по каким данным.';

const RESUBMITTED: Content = {
  title: 'Уличное освещение на солнечных панелях',
  summary: 'Город поставил 120 фонарей на солнечных панелях на улицах без электросети.',
  problem: 'Окраинные улицы Каракола не освещались: тянуть линию дорого, жители боялись ходить вечером.',
  solution: 'Город закупил автономные фонари с солнечными панелями и поставил их по заявкам кварталов.',
  results: 'Освещены 14 улиц; жалоб на тёмные улицы стало меньше.',
  resources: 'Около 4 млн сомов из городского бюджета и гранта.',
  replicability: 'Подходит для улиц без сети; нужен поставщик с гарантией на аккумуляторы.',
  startYear: 2022,
  endYear: 2024,
  contactName: 'Елена Ким',
  language: 'ru',
  tags: ['освещение', 'энергия'],
  category: 'infrastructure',
};

/** What the Karakol representative changed after the moderator's request. */
const RESUBMITTED_CHANGES = {
  results:
    'Освещены 14 улиц (6,2 км). По данным милиции, вечерних происшествий на этих улицах стало на 40 % меньше за год.',
  resources: '4,1 млн сомов: 2,5 млн городской бюджет, 1,6 млн грант; обслуживание 90 тыс. сомов в год.',
};

const NEW_SUBMISSION: Content = {
  title: 'Молодёжный совет при мэрии Таласа',
  summary: 'Совет из 15 школьников и студентов предлагает проекты для молодёжи и защищает их в кенеше.',
  problem: 'Молодёжь не участвовала в решениях города, а деньги на молодёжную политику не осваивались.',
  solution: 'Мэрия создала молодёжный совет с выборами в школах и колледжах и своим небольшим бюджетом.',
  results: 'За два года совет провёл 9 проектов, из них 3 вошли в городскую программу.',
  resources: '300 тыс. сомов в год и куратор из отдела молодёжи.',
  replicability: 'Нужны положение о совете, выборы в учебных заведениях и куратор.',
  startYear: 2024,
  endYear: null,
  contactName: 'Нурлан Токтосунов',
  language: 'ru',
  tags: ['молодёжь', 'участие'],
  category: 'participation',
};

export interface StaffWorkAccounts {
  moderatorId: string;
  adminId: string;
  dostukId: string;
  karakolId: string;
  talasId: string;
  applicantId: string;
  citizenIds: [string, string];
}

export async function seedStaffWork(
  dataSource: DataSource,
  config: AppConfig,
  databaseUrl: string,
  accounts: StaffWorkAccounts,
): Promise<void> {
  const contestId = await seedOpenContest(dataSource, accounts.adminId);
  await withPortalApp(config, databaseUrl, async (app) => {
    const work = new StaffWork(app, dataSource);
    const moderator = await demoCaller(dataSource, accounts.moderatorId);
    const dostuk = await demoCaller(dataSource, accounts.dostukId);
    await work.practice(dostuk, 'M-DOSTUK', DRAFT);
    await work.sentBack(dostuk, moderator, 'M-SADOVOE', SENT_BACK);
    await work.resubmitted(await demoCaller(dataSource, accounts.karakolId), moderator);
    const talas = await demoCaller(dataSource, accounts.talasId);
    await work.submitted(talas, 'M-TALAS', NEW_SUBMISSION);
    await work.entry(talas, contestId);
    await work.representationRequest(await demoCaller(dataSource, accounts.applicantId), 'M-NARYN');
    for (const [n, citizenId] of accounts.citizenIds.entries()) {
      await work.verificationRequest(await demoCaller(dataSource, citizenId), `+996 555 10 20 3${n}`);
    }
  });
}

class StaffWork {
  private readonly practices: PracticesService;
  private readonly moderation: ModerationService;
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly app: INestApplication,
    private readonly dataSource: DataSource,
  ) {
    this.practices = app.get(PracticesService);
    this.moderation = app.get(ModerationService);
  }

  /** A draft of `author`'s, or the existing practice of that title (then `created` is false). */
  async practice(author: AuthUser, municipality: string, content: Content) {
    const existing = await this.dataSource.query<{ id: string }[]>(
      'SELECT id FROM practices WHERE title = $1',
      [content.title],
    );
    if (existing[0]) {
      return { id: existing[0].id, created: false };
    }
    const { category, ...fields } = content;
    const draft = await this.practices.create(
      author,
      {
        ...fields,
        categoryId: await this.idOf('categories', category),
        municipalityId: await this.idOf('municipalities', municipality),
      },
      'ru',
    );
    return { id: draft.id, created: true };
  }

  async submitted(author: AuthUser, municipality: string, content: Content): Promise<string | undefined> {
    const { id, created } = await this.practice(author, municipality, content);
    if (created) {
      await this.practices.transition(author, id, 'submit', 'ru');
      return id;
    }
    return undefined;
  }

  async sentBack(author: AuthUser, moderator: AuthUser, municipality: string, content: Content) {
    const id = await this.submitted(author, municipality, content);
    if (id) {
      await this.moderation.decide(moderator, id, { action: 'claim' }, 'ru');
      await this.moderation.decide(
        moderator,
        id,
        { action: 'request_changes', reason: SENT_BACK_REASON },
        'ru',
      );
    }
    return id;
  }

  /** Sent back once, edited and submitted again: the moderator sees which fields changed. */
  async resubmitted(author: AuthUser, moderator: AuthUser): Promise<void> {
    const id = await this.sentBack(author, moderator, 'M-KARAKOL', RESUBMITTED);
    if (id) {
      const [{ version }] = await this.dataSource.query<{ version: number }[]>(
        'SELECT version FROM practices WHERE id = $1',
        [id],
      );
      await this.practices.update(author, id, { version, ...RESUBMITTED_CHANGES }, 'ru');
      await this.practices.transition(author, id, 'submit', 'ru');
    }
  }

  /** The Talas representative's oldest published practice, entered into the open contest. */
  async entry(author: AuthUser, contestId: string): Promise<void> {
    const [candidate] = await this.dataSource.query<{ practice_id: string; nomination_id: string }[]>(
      `SELECT p.id AS practice_id, n.id AS nomination_id
         FROM practices p, nominations n
        WHERE p.author_id = $1 AND p.status = 'published' AND n.contest_id = $2 AND n.position = 0
          AND NOT EXISTS (SELECT 1 FROM contest_entries e WHERE e.contest_id = $2)
        ORDER BY p.published_at LIMIT 1`,
      [author.id, contestId],
    );
    if (candidate) {
      await this.app
        .get(EntriesService)
        .enter(
          author,
          contestId,
          { practiceId: candidate.practice_id, nominationId: candidate.nomination_id },
          'ru',
        );
    }
  }

  async representationRequest(applicant: AuthUser, municipality: string): Promise<void> {
    const pending = await this.dataSource.query<unknown[]>(
      'SELECT 1 FROM representative_memberships WHERE user_id = $1',
      [applicant.id],
    );
    if (pending.length === 0) {
      await this.app
        .get(RepresentativesService)
        .request(applicant, await this.idOf('municipalities', municipality));
    }
  }

  async verificationRequest(citizen: AuthUser, phone: string): Promise<void> {
    const existing = await this.dataSource.query<unknown[]>(
      'SELECT 1 FROM voter_verifications WHERE user_id = $1',
      [citizen.id],
    );
    if (existing.length === 0) {
      await this.app.get(VerificationService).request(citizen, {
        phone,
        municipalityId: await this.idOf('municipalities', 'M-DOSTUK'),
        pin: SHARED_DEMO_PIN,
      });
      this.logger.log({ userId: citizen.id }, 'demo verification requested');
    }
  }

  private async idOf(table: 'categories' | 'municipalities', code: string): Promise<string> {
    const [row] = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM ${table} WHERE code = $1`, [
      code,
    ]);
    if (!row) {
      throw new Error(`demo seed: no ${table} row with code ${code}`);
    }
    return row.id;
  }
}

/** A contest taking entries now (voting next month), with two nominations and no entries yet. */
async function seedOpenContest(dataSource: DataSource, adminId: string): Promise<string> {
  const [existing] = await dataSource.query<{ id: string }[]>(
    `SELECT id FROM contests WHERE title ->> 'ru' = $1`,
    [OPEN_CONTEST_TITLE],
  );
  if (existing) {
    return existing.id;
  }
  return dataSource.transaction(async (manager) => {
    const now = Date.now();
    const [contest] = await manager.query<{ id: string }[]>(
      `INSERT INTO contests (title, description, rules, entries_open_at, entries_close_at, voting_opens_at, voting_closes_at,
          votes_per_voter, voter_policy, show_live_counts, allow_retract, created_by, entries_announced_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 2, 'verified', true, true, $8, $4) RETURNING id`,
      [
        {
          ru: OPEN_CONTEST_TITLE,
          ky: 'ЖӨБнын мыкты тажрыйбасы — 2027 (табыштамалар кабыл алынууда)',
          en: 'Best LSG practice — 2027 (taking entries)',
        },
        {
          ru: 'Муниципалитеты подают опубликованные практики в одну из номинаций до закрытия приёма заявок.',
          ky: 'Муниципалитеттер жарыяланган тажрыйбаларын табыштама кабыл алуу жабылганга чейин бир номинацияга беришет.',
          en: 'Municipalities enter their published practices into a nomination before entries close.',
        },
        {
          ru: 'Голосуют верифицированные пользователи; до двух голосов.',
          ky: 'Текшерилген колдонуучулар добуш берет; экиге чейин добуш.',
          en: 'Verified voters; up to two votes.',
        },
        new Date(now - 3 * DAY),
        new Date(now + 25 * DAY),
        new Date(now + 30 * DAY),
        new Date(now + 45 * DAY),
        adminId,
      ],
    );
    for (const [position, title] of [
      { ru: 'Молодёжь и образование', ky: 'Жаштар жана билим берүү', en: 'Youth and education' },
      { ru: 'Экология и энергия', ky: 'Экология жана энергия', en: 'Environment and energy' },
    ].entries()) {
      await manager.query(
        'INSERT INTO nominations (contest_id, title, winners_count, position) VALUES ($1, $2, 1, $3)',
        [contest.id, title, position],
      );
    }
    return contest.id;
  });
}
