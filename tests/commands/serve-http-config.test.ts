/** `serve`'s HTTP settings: flags, then environment variables, then defaults; mistakes are ConfigErrors. */
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultHttpConfig, serveConfig } from '../../src/config.ts';

describe('serve: HTTP settings', () => {
  it('defaults to limits far above the README examples, introspection and GraphiQL on, no CORS, info logs', () => {
    expect(serveConfig([], {}).http).toEqual({
      maxDepth: 10,
      maxAliases: 15,
      maxDirectives: 20,
      maxTokens: 1000,
      maxCost: 50_000,
      maxBodyBytes: 1_048_576,
      corsOrigins: [],
      introspection: true,
      graphiql: true,
      logLevel: 'info',
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      maxConnections: 1024,
      persistedOperations: null,
      cacheMaxAge: 60,
      responseCache: true,
      metrics: false,
      tracing: false,
    });
    expect(serveConfig([], {}).http).toEqual(defaultHttpConfig);
  });

  it('reads every setting from its flag', () => {
    expect(
      serveConfig(
        [
          '--max-depth',
          '6',
          '--max-aliases',
          '3',
          '--max-directives',
          '4',
          '--max-tokens',
          '500',
          '--max-cost',
          '2000',
          '--max-body',
          '65536',
          '--cors-origin',
          'https://app.example',
          '--cors-origin',
          'http://localhost:5173/',
          '--no-introspection',
          '--no-graphiql',
          '--log-level',
          'warn',
          '--headers-timeout',
          '5',
          '--request-timeout',
          '20.5',
          '--keep-alive-timeout',
          '65',
          '--max-connections',
          '200',
          '--cache-max-age',
          '300',
          '--no-response-cache',
          '--metrics',
        ],
        {},
      ).http,
    ).toEqual({
      maxDepth: 6,
      maxAliases: 3,
      maxDirectives: 4,
      maxTokens: 500,
      maxCost: 2000,
      maxBodyBytes: 65536,
      corsOrigins: ['https://app.example', 'http://localhost:5173'],
      introspection: false,
      graphiql: false,
      logLevel: 'warn',
      headersTimeoutMs: 5000,
      requestTimeoutMs: 20_500,
      keepAliveTimeoutMs: 65_000,
      maxConnections: 200,
      persistedOperations: null,
      cacheMaxAge: 300,
      responseCache: false,
      metrics: true,
      tracing: false,
    });
  });

  it('reads every setting from the environment, flags winning', () => {
    const env = {
      GRAPHQL_MAX_DEPTH: '7',
      GRAPHQL_MAX_ALIASES: '5',
      GRAPHQL_MAX_DIRECTIVES: '6',
      GRAPHQL_MAX_TOKENS: '800',
      GRAPHQL_MAX_COST: '9000',
      MAX_BODY_BYTES: '2048',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      GRAPHQL_INTROSPECTION: 'false',
      GRAPHIQL: 'off',
      LOG_LEVEL: 'debug',
      HEADERS_TIMEOUT: '3',
      REQUEST_TIMEOUT: '60',
      KEEP_ALIVE_TIMEOUT: '75',
      MAX_CONNECTIONS: '50',
      CACHE_MAX_AGE: '0',
      RESPONSE_CACHE: 'false',
      METRICS: 'true',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
    };
    expect(serveConfig([], env).http).toEqual({
      maxDepth: 7,
      maxAliases: 5,
      maxDirectives: 6,
      maxTokens: 800,
      maxCost: 9000,
      maxBodyBytes: 2048,
      corsOrigins: ['https://a.example', 'https://b.example'],
      introspection: false,
      graphiql: false,
      logLevel: 'debug',
      headersTimeoutMs: 3000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 75_000,
      maxConnections: 50,
      persistedOperations: null,
      cacheMaxAge: 0,
      responseCache: false,
      metrics: true,
      tracing: true,
    });
    expect(
      serveConfig(
        ['--max-cost', '100', '--introspection', '--cors-origin', 'https://c.example', '--log-level', 'error'],
        env,
      ).http,
    ).toMatchObject({ maxCost: 100, introspection: true, corsOrigins: ['https://c.example'], logLevel: 'error' });
  });

  it('refuses a bad value with a message that names the setting', () => {
    expect(() => serveConfig(['--max-depth', '0'], {})).toThrow(
      new ConfigError('max-depth must be a whole number from 1 to 1000; got "0"'),
    );
    expect(() => serveConfig(['--max-cost', 'lots'], {})).toThrow(ConfigError);
    expect(() => serveConfig([], { MAX_BODY_BYTES: '1e6' })).toThrow(
      new ConfigError('max-body must be a whole number from 1 to 1073741824; got "1e6"'),
    );
    expect(() => serveConfig(['--cors-origin', 'https://app.example/path'], {})).toThrow(
      /cors-origin must be an origin such as https:\/\/example.org/u,
    );
    expect(() => serveConfig(['--cors-origin', '*'], {})).toThrow(ConfigError);
    expect(() => serveConfig(['--introspection', '--no-introspection'], {})).toThrow(
      new ConfigError('--introspection and --no-introspection cannot be used together'),
    );
    expect(() => serveConfig([], { GRAPHIQL: 'maybe' })).toThrow(
      new ConfigError('GRAPHIQL must be true or false; got "maybe"'),
    );
    expect(() => serveConfig(['--headers-timeout', '40'], {})).toThrow(
      new ConfigError('headers-timeout (40 s) must not be longer than request-timeout (30 s)'),
    );
    expect(() => serveConfig(['--max-connections', '0'], {})).toThrow(
      new ConfigError('max-connections must be a whole number from 1 to 1000000; got "0"'),
    );
    expect(() => serveConfig([], { KEEP_ALIVE_TIMEOUT: 'forever' })).toThrow(
      new ConfigError('keep-alive-timeout must be a number of seconds from 0.001 to 3600; got "forever"'),
    );
    expect(() => serveConfig(['--cache-max-age', '2.5'], {})).toThrow(
      new ConfigError('cache-max-age must be a whole number from 0 to 31536000; got "2.5"'),
    );
    expect(() => serveConfig(['--log-level', 'loud'], {})).toThrow(
      new ConfigError('unknown log level "loud"; use one of fatal, error, warn, info, debug, trace, silent'),
    );
  });
});
