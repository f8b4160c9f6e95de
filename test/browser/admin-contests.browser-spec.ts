import { Page } from 'playwright-core';
import { contestPhase } from '../../src/contests/contest-phase';
import { bishkekParts } from '../../src/web/forms/bishkek-date-time';
import { newVoter } from '../support/contests';
import { TestUser } from '../support/test-app';
import { castVote, quickEntries } from '../support/voting-helpers';
import { BrowserPortal, Pass } from './support/portal';
import { Steps } from './support/steps';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The texts each pass types, one set per contest language (the journey creates the contest in all three). */
const TEXTS = {
  ky: { title: 'Мыкты тажрыйба', description: 'Жылдык сынак.', rules: 'Бир колдонуучу — бир добуш.' },
  ru: {
    title: 'Лучшая практика',
    description: 'Ежегодный конкурс.',
    rules: 'Один пользователь — один голос.',
  },
  en: { title: 'Best practice', description: 'A yearly contest.', rules: 'One user, one vote.' },
};
const NOMINATIONS = [
  { ky: 'Бюджет', ru: 'Бюджет', en: 'Budget' },
  { ky: 'Жарандардын катышуусу', ru: 'Участие граждан', en: 'Citizen participation' },
];

/**
 * WEB.md §5 journey 3, the administrator: create a contest in three languages with two nominations →
 * change a future window → voting opens → the fraud signals → annul a vote with a reason → publish →
 * the recount agrees. Entries and votes (other people's steps) go through the JSON API.
 */
describe('journey 3 in Chromium: the administrator runs a contest', () => {
  let portal: BrowserPortal;
  let admin: TestUser;

  beforeAll(async () => {
    portal = await BrowserPortal.start();
    admin = await portal.ctx.newUser({ roles: ['admin' as never] });
  });

  afterAll(async () => {
    await portal?.close();
  });

  async function typeWindow(page: Page, steps: Steps, field: string, at: Date): Promise<void> {
    const parts = bishkekParts(at);
    await steps.fill(page.locator(`#${field}-day`), parts.day);
    await steps.fill(page.locator(`#${field}-month`), parts.month);
    await steps.fill(page.locator(`#${field}-year`), parts.year);
    await steps.fill(page.locator(`#${field}-time`), parts.time);
  }

  const saveButton = (page: Page) => page.locator('#contest-form button[value="save"]:not([tabindex="-1"])');

  async function phaseOf(id: string): Promise<string> {
    const [row] = await portal.ctx.db.query('SELECT * FROM contests WHERE id = $1', [id]);
    return contestPhase({
      entriesOpenAt: row.entries_open_at,
      entriesCloseAt: row.entries_close_at,
      votingOpensAt: row.voting_opens_at,
      votingClosesAt: row.voting_closes_at,
      resultsPublishedAt: row.results_published_at,
    });
  }

  /**
   * Pass A types every text in the three languages; pass B, whose keyboard types key by key, the
   * titles in three languages and the longer texts in its own (the service falls back for the rest).
   */
  async function createContest(page: Page, steps: Steps, pass: Pass): Promise<string> {
    await steps.press(page.locator('a[href="/admin/contests/new"]'));
    await portal.scan(page, 'empty form');
    for (const language of ['ky', 'ru', 'en'] as const) {
      await steps.fill(page.locator(`#title-${language}`), TEXTS[language].title);
      if (pass === 'A' || language === 'ky') {
        await steps.fill(page.locator(`#description-${language}`), TEXTS[language].description);
        await steps.fill(page.locator(`#rules-${language}`), TEXTS[language].rules);
      }
      await steps.fill(page.locator(`#nominations-0-title-${language}`), NOMINATIONS[0][language]);
    }
    await steps.fill(page.locator('#nominations-0-winnersCount'), '2');
    await steps.press(page.locator('#add-nomination'));
    await portal.scan(page, 'nomination added');
    expect(await page.locator('#title-en').inputValue()).toBe(TEXTS.en.title);
    for (const language of ['ky', 'ru', 'en'] as const) {
      await steps.fill(page.locator(`#nominations-1-title-${language}`), NOMINATIONS[1][language]);
    }
    const now = Date.now();
    await typeWindow(page, steps, 'entriesOpenAt', new Date(now - 2 * HOUR));
    await typeWindow(page, steps, 'entriesCloseAt', new Date(now + 2 * DAY));
    await typeWindow(page, steps, 'votingOpensAt', new Date(now + 3 * DAY));
    await typeWindow(page, steps, 'votingClosesAt', new Date(now + 4 * DAY));
    await steps.fill(page.locator('#votesPerVoter'), '0');
    await steps.press(saveButton(page));
    await expect(page.locator('.govuk-error-summary a[href="#votesPerVoter"]').count()).resolves.toBe(1);
    await portal.scan(page, 'errors');
    await steps.fill(page.locator('#votesPerVoter'), '2');
    await steps.press(saveButton(page));
    const id = /\/admin\/contests\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    expect(id).toBeDefined();
    // The editor after a save, with its banner: scanned once per pass (later saves are the same state).
    await portal.scan(page, 'saved');
    const [row] = await portal.ctx.db.query('SELECT title, votes_per_voter FROM contests WHERE id = $1', [
      id,
    ]);
    expect(row.title).toEqual({ ky: TEXTS.ky.title, ru: TEXTS.ru.title, en: TEXTS.en.title });
    expect(row.votes_per_voter).toBe(2);
    return id as string;
  }

  /** Two entries of a representative, accepted by a moderator: other people's steps, through the API. */
  async function enterTwo(contestId: string): Promise<void> {
    const [nomination] = await portal.ctx.db.query(
      'SELECT id FROM nominations WHERE contest_id = $1 ORDER BY position LIMIT 1',
      [contestId],
    );
    await quickEntries(portal.ctx, contestId, nomination.id, 2);
  }

  /** Three new accounts vote: young accounts in the signals. */
  async function castVotes(contestId: string): Promise<void> {
    const entries = await portal.ctx.db.query(
      `SELECT id FROM contest_entries WHERE contest_id = $1 AND status = 'accepted' ORDER BY number`,
      [contestId],
    );
    for (let i = 0; i < 3; i += 1) {
      const voter = await newVoter(portal.ctx);
      expect((await castVote(portal.ctx, voter, contestId, entries[i % 2].id)).status).toBe(201);
    }
  }

  async function journey(pass: Pass): Promise<void> {
    const context = await portal.newContext(pass);
    const page = await context.newPage();
    const steps = new Steps(page, pass);
    // The admin's saved language would win over Accept-Language: the pass's language is chosen once.
    await page.goto(`/login?returnTo=/admin/contests&lang=${pass === 'A' ? 'ru' : 'ky'}`);
    await steps.fill(page.locator('#email'), admin.email);
    await steps.fill(page.locator('#password'), admin.password);
    await steps.press(page.locator('main button.govuk-button'));
    expect(new URL(page.url()).pathname).toBe('/admin/contests');
    await portal.scan(page, 'list');
    if (pass === 'A') {
      await portal.weights.measure(page, 'contest editor (new)', '/admin/contests/new');
      await page.goto('/admin/contests');
    }

    const id = await createContest(page, steps, pass);

    // A future window moves: voting closes a day later.
    const later = new Date(Date.now() + 5 * DAY);
    await typeWindow(page, steps, 'votingClosesAt', later);
    await steps.press(saveButton(page));
    await portal.scan(page, 'saved');
    const [moved] = await portal.ctx.db.query('SELECT voting_closes_at FROM contests WHERE id = $1', [id]);
    expect(Math.abs((moved.voting_closes_at as Date).getTime() - later.getTime())).toBeLessThan(MINUTE);

    await enterTwo(id);
    // Voting opens: entries close and voting opens a minute ago (no vote exists yet, so they may move).
    const minuteAgo = new Date(Date.now() - MINUTE);
    await typeWindow(page, steps, 'entriesCloseAt', minuteAgo);
    await typeWindow(page, steps, 'votingOpensAt', minuteAgo);
    await steps.press(saveButton(page));
    expect(await phaseOf(id)).toBe('voting');
    await portal.scan(page, 'saved');
    await castVotes(id);

    await steps.press(page.locator(`a[href="/admin/contests/${id}/signals"]`));
    await portal.scan(page, 'signals');
    await steps.press(page.locator('.admin-contests-votes a[href*="/votes/"]').first());
    await portal.scan(page, 'vote');
    const annul = page.locator('form[action$="/annul"] button');
    await steps.press(annul);
    await portal.scan(page, 'reason missing');
    await steps.fill(page.locator('#reason'), 'Три новых аккаунта за минуту');
    await steps.press(annul);
    await portal.scan(page, 'annulled');
    const voteId = /\/votes\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    const [vote] = await portal.ctx.db.query('SELECT annul_reason FROM votes WHERE id = $1', [voteId]);
    expect(vote.annul_reason).toBe('Три новых аккаунта за минуту');

    // Voting closes now (a future date moved back), then the results are published and recounted.
    await steps.press(page.locator(`.govuk-breadcrumbs a[href="/admin/contests/${id}"]`));
    await typeWindow(page, steps, 'votingClosesAt', new Date());
    await steps.press(saveButton(page));
    expect(await phaseOf(id)).toBe('counting');
    await portal.scan(page, 'counting');
    await steps.press(page.locator(`a[href="/admin/contests/${id}/publish"]`));
    await portal.scan(page, 'confirm publication');
    await steps.press(page.locator(`form[action="/admin/contests/${id}/publish"] button`));
    expect(await phaseOf(id)).toBe('results_published');
    await expect(page.locator(`a[href="/contests/${id}/results"]`).count()).resolves.toBe(1);
    await portal.scan(page, 'published');
    await steps.press(page.locator(`a[href="/admin/contests/${id}/recount"]`));
    await expect(page.locator('.admin-contests-verdict--agrees').count()).resolves.toBe(1);
    await portal.scan(page, 'recount');
    await context.close();
  }

  it('pass A: JavaScript on, Russian, mouse; the editor within its weight budget', async () => {
    await journey('A');
  }, 240_000);

  it('pass B: JavaScript off, Kyrgyz, keyboard only', async () => {
    await journey('B');
  }, 240_000);
});
