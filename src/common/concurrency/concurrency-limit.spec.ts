import { ConcurrencyLimit } from './concurrency-limit';

/** A task that runs until the test lets it finish, recording how many tasks ran at once. */
function controlledTasks() {
  let running = 0;
  let mostAtOnce = 0;
  const finishers: (() => void)[] = [];
  const task = () =>
    new Promise<string>((resolve) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      finishers.push(() => {
        running -= 1;
        resolve('done');
      });
    });
  return { task, finishers, mostAtOnce: () => mostAtOnce, started: () => finishers.length };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyLimit', () => {
  it('runs at most maxActive tasks at once and starts a waiting one as soon as a slot frees', async () => {
    const limit = new ConcurrencyLimit(2, 10);
    const tasks = controlledTasks();
    const results = Array.from({ length: 5 }, () => limit.run(tasks.task));
    await settle();
    expect(tasks.started()).toBe(2);
    tasks.finishers[0]();
    await settle();
    expect(tasks.started()).toBe(3);
    for (let index = 1; index < 5; index++) {
      tasks.finishers[index]();
      await settle();
    }
    await expect(Promise.all(results)).resolves.toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(tasks.mostAtOnce()).toBe(2);
  });

  it('refuses with 503 service_busy once maxWaiting tasks are already waiting', async () => {
    const limit = new ConcurrencyLimit(1, 1);
    const tasks = controlledTasks();
    const running = limit.run(tasks.task);
    const queued = limit.run(tasks.task);
    await expect(limit.run(tasks.task)).rejects.toMatchObject({
      status: 503,
      code: 'service_busy',
      options: { retryAfterSeconds: 2 },
    });
    await settle();
    tasks.finishers[0]();
    await settle();
    tasks.finishers[1]();
    await expect(Promise.all([running, queued])).resolves.toEqual(['done', 'done']);
  });

  it('frees the slot when a task fails', async () => {
    const limit = new ConcurrencyLimit(1, 0);
    await expect(limit.run(() => Promise.reject(new Error('decode failed')))).rejects.toThrow(
      'decode failed',
    );
    await expect(limit.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});
