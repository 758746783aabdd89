import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findToken, parseTokens, TokenConfigError, type TokenEntry } from '../ingest/auth/tokens.ts';
import { freePort, startService, stopService, type ServiceProcess } from '../testing/serviceProcess.ts';
import { removeDir } from './faults-helpers.ts';

// The tokens file fails closed (docs/architecture.md#security). Every entry that could grant more than was meant
// stops the service at start, and the message names the entry.
const AGENCIES = new Set(['SYT', 'SGDDT']);
const entry = (over: Record<string, unknown>) => ({ label: 'Sở Y tế', token: 'syt-token-0123456789', agency: 'SYT', ...over });
const problemsOf = (entries: unknown[]): string[] => {
  try {
    parseTokens(JSON.stringify(entries), AGENCIES);
  } catch (error) {
    if (error instanceof TokenConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('ingest tokens: the file fails closed', () => {
  it('refuses an expiry that is not an ISO date, naming the entry', () => {
    expect(problemsOf([entry({ expiresAt: '31/12/2020' })])).toEqual([
      'entry 1 ("Sở Y tế"): expiresAt "31/12/2020" is not an ISO date such as 2026-12-31 or 2026-12-31T23:59:59+07:00',
    ]);
    for (const expiresAt of [0, 1735689600000, '', 'tomorrow', '2020-13-45', null, true]) {
      expect(problemsOf([entry({ expiresAt })]), String(expiresAt)).toHaveLength(1);
    }
    expect(
      problemsOf([entry({ expiresAt: '2020-12-31' }), entry({ token: 'syt-token-abcdefghij', expiresAt: '2030-01-01T00:00:00+07:00' })]),
    ).toEqual([]);
  });

  it('refuses a token string given twice, even when one copy is revoked', () => {
    const twice = [entry({ label: 'cũ', revoked: true }), entry({ label: 'mới' })];
    expect(problemsOf(twice)).toEqual(['entry 2 ("mới"): same token as entry 1 ("cũ")']);
    // Should a list ever hold two (built in code, not loaded), the revoked copy wins.
    const list: TokenEntry[] = [
      { label: 'cũ', token: 'dup-token-0123456789', agency: 'SYT', revoked: true },
      { label: 'mới', token: 'dup-token-0123456789', agency: 'SYT' },
    ];
    expect(findToken(list, 'dup-token-0123456789')).toBeNull();
    expect(findToken([...list].reverse(), 'dup-token-0123456789')).toBeNull();
  });

  it('refuses an agency that is not in the catalogue, a short token, missing or misspelt fields and a revoked flag that is not a boolean', () => {
    expect(problemsOf([entry({ expires: '2020-01-01' })])).toEqual([
      'entry 1 ("Sở Y tế"): unknown field "expires" (allowed: label, token, agency, expiresAt, revoked)',
    ]);
    expect(problemsOf([entry({ agency: 'SXYZ' })])).toEqual([
      'entry 1 ("Sở Y tế"): unknown agency "SXYZ" (an agency code of the catalogue, or "*" for the whole province)',
    ]);
    expect(problemsOf([entry({ token: 'short' })])).toEqual(['entry 1 ("Sở Y tế"): token shorter than 16 characters']);
    expect(problemsOf([{ token: 'no-label-token-0123456789', agency: 'SYT' }])).toEqual([
      'entry 1: "label" is required (a non-empty string)',
    ]);
    expect(problemsOf([entry({ agency: undefined })])[0]).toMatch(/"agency" is required/);
    expect(problemsOf([entry({ revoked: 'yes' })])).toEqual(['entry 1 ("Sở Y tế"): revoked must be true or false']);
    expect(problemsOf([entry({}), entry({ token: 'snv-token-0123456789', agency: '*' })])).toEqual([]);
    expect(() => parseTokens('{"label":"x"}', AGENCIES)).toThrow(/JSON array/);
    expect(() => parseTokens('[{', AGENCIES)).toThrow(/not valid JSON/);
  });

  it('treats an expiry that cannot be read as expired when checking a presented token', () => {
    const list: TokenEntry[] = [{ label: 'x', token: 'nan-expiry-0123456789', agency: 'SYT', expiresAt: '31/12/2020' }];
    expect(findToken(list, 'nan-expiry-0123456789')).toBeNull();
  });
});

describe('ingest tokens: the service does not start on a doubtful file', () => {
  const services: ServiceProcess[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const s of services) await stopService(s);
    for (const d of dirs) removeDir(d);
  });

  it('exits at start naming every entry at fault, and never prints a token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hy-tokens-'));
    dirs.push(dir);
    const file = join(dir, 'tokens.json');
    writeFileSync(
      file,
      JSON.stringify([
        { label: 'Sở Y tế', token: 'syt-token-0123456789', agency: 'SYT', expiresAt: '31/12/2020' },
        { label: 'cũ', token: 'dup-token-0123456789', agency: 'SYT', revoked: true },
        { label: 'mới', token: 'dup-token-0123456789', agency: 'SYT' },
        { label: 'lạ', token: 'odd-token-0123456789', agency: 'SXYZ' },
        { label: 'ngắn', token: 'short', agency: 'SYT' },
      ]),
    );
    const port = await freePort();
    const service = startService('ingest', 'ingest/server/main.ts', port, {
      DATA_DIR: dir,
      INGEST_PORT: String(port),
      INGEST_TOKENS_FILE: file,
    });
    services.push(service);
    const exit = await Promise.race([service.exited, new Promise<null>((r) => setTimeout(() => r(null), 60_000))]);
    const said = service.lines.join('\n');
    expect(exit, said).toEqual({ code: 1, signal: null });
    expect(said).toContain(`tokens file ${file} refused, the service does not start`);
    for (const part of [
      'entry 1 ("Sở Y tế"): expiresAt "31/12/2020"',
      'entry 3 ("mới"): same token as entry 2',
      'entry 4 ("lạ"): unknown agency "SXYZ"',
      'entry 5 ("ngắn"): token shorter than 16',
    ]) {
      expect(said).toContain(part);
    }
    expect(said).not.toMatch(/token-0123456789/);
  }, 90_000);
});
