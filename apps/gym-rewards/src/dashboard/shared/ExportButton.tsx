import { useMutation } from '@tanstack/react-query';
import { Button } from '@wix/design-system';
import React from 'react';
import { usePlanLock } from '../plans/PlanLock';
import { COMMON_PHRASES } from './components';
import { toast } from './feedback';
import { useWords } from './words';

/** Pages of an export at most (a page is 50 members or 100 ledger lines). */
const MAX_PAGES = 400;

type CsvPage = { csv: string; rows: number; cursor: string | null };

/** Every page of an export, in order, joined: the flows answer a page a call (`cursor` until null). */
export async function allPages(fetchPage: (cursor: string | null) => Promise<CsvPage>) {
  let csv = '';
  let rows = 0;
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer: CsvPage = await fetchPage(cursor);
    csv += answer.csv;
    rows += answer.rows;
    cursor = answer.cursor;
    if (!cursor) break;
  }
  return { csv, rows };
}

/** Hands the browser a CSV file to save (with a byte order mark, so spreadsheets read it as UTF-8). */
function download(fileName: string, csv: string) {
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/**
 * "Export CSV": fetches every page of an export and saves it as `fileName`. A paid feature (`csv-export`): on a plan
 * without it the button is disabled and the page shows the plan's lock.
 */
export function ExportButton({
  dataHook,
  fileName,
  fetchPage,
  exported,
}: {
  dataHook: string;
  fileName: string;
  fetchPage: (cursor: string | null) => Promise<CsvPage>;
  /** What the toast says once `rows` rows are saved ("3 members exported."). */
  exported: (rows: number) => string;
}) {
  const words = useWords(COMMON_PHRASES);
  const locked = usePlanLock('csv-export') !== null;
  const exporting = useMutation({
    mutationFn: () => allPages(fetchPage),
    onSuccess: ({ csv, rows }) => {
      download(fileName, csv);
      toast(exported(rows), 'success');
    },
    onError: (error) => toast(words.notExported(words.messageOf(error)), 'error'),
  });
  return (
    <Button
      dataHook={dataHook}
      size="small"
      priority="secondary"
      disabled={locked || exporting.isPending}
      onClick={() => exporting.mutate()}
    >
      {exporting.isPending ? words.exporting : words.exportCsv}
    </Button>
  );
}
