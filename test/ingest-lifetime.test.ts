import { afterEach, describe, expect, it } from 'vitest';
import { harness, csv, HEADER, type Harness } from './ingest-helpers.ts';

const SNV = 'token-snv-0123456789ab';
const open: Harness[] = [];
afterEach(() => {
  for (const h of open.splice(0)) h.close();
});

const list = (year: number) =>
  csv([HEADER, ['1', 'Nguyễn Thị Hoa', 'Cá nhân', 'Phòng Trồng trọt', '4', String(year), '12/QĐ', `05/06/${year}`]]);

describe('agencies that did not exist in the list’s year (2025 mergers)', () => {
  it('refuses a 2024 list for an agency created by the 2025 merger, naming why, and writes nothing', async () => {
    const h = await harness();
    open.push(h);
    const before = await h.dump();
    const res = await h.upload({ name: 'snnmt_2024.csv', bytes: list(2024) }, { agency: 'SNNMT' }, SNV);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('AGENCY_NOT_ACTIVE');
    expect(res.body.error.message).toBe(
      'Sở Nông nghiệp và Môi trường được thành lập năm 2025, không có danh sách năm 2024: danh sách các năm trước thuộc các đơn vị trước khi hợp nhất.',
    );
    expect(await h.dump()).toBe(before);
  });

  it('accepts a 2025 list from an agency merged on 1 March 2025 (its early-2025 recognitions are real)', async () => {
    const h = await harness();
    open.push(h);
    const res = await h.upload({ name: 'snnptnt_2025.csv', bytes: list(2025) }, { agency: 'SNNPTNT' }, SNV);
    expect(res.status).toBe(201);
    expect(res.body.agency).toBe('SNNPTNT');
  });
});
