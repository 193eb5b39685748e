import { describe, expect, it } from 'vitest';
import { formatSize, prepareUpload } from './upload.js';

describe('preparing a case file', () => {
  it('sends a CSV as text/csv without a byte-order mark', () => {
    expect(prepareUpload('cases.CSV', '', '\uFEFFcreditor,external_id\nSJXF,1\n')).toEqual({
      ok: true,
      contentType: 'text/csv',
      text: 'creditor,external_id\nSJXF,1\n',
    });
  });

  it('sends a JSON array as it was written', () => {
    expect(prepareUpload('cases.json', 'application/json', '[{"a":1}]')).toEqual({
      ok: true,
      contentType: 'application/json',
      text: '[{"a":1}]',
    });
  });

  it('names the problem with a wrong file before sending anything', () => {
    expect(prepareUpload('cases.xlsx', 'application/vnd.ms-excel', 'PK...')).toEqual({ ok: false, problem: 'wrongKind' });
    expect(prepareUpload('cases.json', '', '[{"a":1},]')).toEqual({ ok: false, problem: 'badJson' });
    expect(prepareUpload('cases.json', '', '{"cases":[]}')).toEqual({ ok: false, problem: 'notArray' });
    expect(prepareUpload('cases.json', '', '[]')).toEqual({ ok: false, problem: 'empty' });
    expect(prepareUpload('cases.csv', '', '  \n')).toEqual({ ok: false, problem: 'empty' });
  });

  it('shows file sizes in readable units', () => {
    expect(formatSize(512, 'en')).toBe('512 B');
    expect(formatSize(2048, 'en')).toBe('2 KB');
    expect(formatSize(5 * 1024 * 1024 + 100_000, 'en')).toBe('5.1 MB');
  });
});
