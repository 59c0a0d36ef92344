import { LegacyImportError } from './command-door.client';
import { readBlogPostsCsv } from './csv-source';

const HEADER = 'status,id,campaign_id,title,content_markdown,created_at,updated_at';

describe('a CSV export of blog_posts', () => {
  it('reads the columns by the header, in any order, with the line each record starts on; empty fields are NULLs', () => {
    const csv = `${HEADER}\r\npublished,p1,,"Hello, world","# Hi\n\nA ""quoted"" word",2024-01-01 10:00:00+00,\r\n\ndraft,p2,5a0c7e2b-8d1f-4b3a-9e6c-2f4d6b8a0c1e,Second,,,\n`;
    expect(readBlogPostsCsv(csv)).toEqual([
      {
        row: 2,
        values: {
          id: 'p1',
          campaign_id: '',
          title: 'Hello, world',
          content_markdown: '# Hi\n\nA "quoted" word',
          status: 'published',
          created_at: '2024-01-01 10:00:00+00',
          updated_at: '',
        },
      },
      {
        row: 6,
        values: {
          id: 'p2',
          campaign_id: '5a0c7e2b-8d1f-4b3a-9e6c-2f4d6b8a0c1e',
          title: 'Second',
          content_markdown: '',
          status: 'draft',
          created_at: '',
          updated_at: '',
        },
      },
    ]);
  });

  it('refuses a file whose header lacks a column the seed migration reads', () => {
    expect(() => readBlogPostsCsv('id,title,status\np1,T,draft\n')).toThrow(
      new LegacyImportError('SOURCE_COLUMN_MISSING', 'the CSV header lacks campaign_id, content_markdown, created_at, updated_at'),
    );
  });

  it('refuses an empty file', () => {
    expect(() => readBlogPostsCsv('')).toThrow(/empty/);
  });
});
