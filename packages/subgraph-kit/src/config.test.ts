import { baseServiceEnv, ConfigError, loadConfig } from './config';

test('invalid settings are all listed in one error naming the service', () => {
  let error: unknown;
  try {
    loadConfig('partners', baseServiceEnv, { PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  const message = (error as Error).message;
  expect(message).toMatch(/^\[partners\] invalid settings:/);
  expect(message).toMatch(/PORT/);
  expect(message).toMatch(/DATABASE_URL/);
  expect(message).toMatch(/LOG_LEVEL/);
});

test('valid settings are typed and defaulted', () => {
  const env = loadConfig('x', baseServiceEnv, { PORT: '4100', DATABASE_URL: 'postgres://a:b@h:5432/db', MIGRATIONS_RUN: 'false' });
  expect(env).toMatchObject({ PORT: 4100, MIGRATIONS_RUN: false, SEED_DEMO: false, DATABASE_POOL_SIZE: 10, NODE_ENV: 'development' });
});
