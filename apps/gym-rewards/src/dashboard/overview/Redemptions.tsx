import { Card, Table, Text } from '@wix/design-system';
import React from 'react';
import type { MonthFigures } from '../shared/api';
import { formatsIn } from '../shared/format';
import type { OverviewWords } from './words';

type ProductCount = { productId: string; product: string; count: number };

/** The months' redemptions by product, added up, most redeemed first. */
export function redemptionsByProduct(figures: Pick<MonthFigures, 'redemptions'>[]): ProductCount[] {
  const totals = new Map<string, ProductCount>();
  for (const month of figures) {
    for (const r of month.redemptions) {
      const total = totals.get(r.productId) ?? { ...r, count: 0 };
      total.count += r.count;
      totals.set(r.productId, total);
    }
  }
  return [...totals.values()]
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || a.product.localeCompare(b.product));
}

/** "Rewards redeemed": which products members took, over the months shown; nothing when none were. */
export function RedemptionsCard({
  figures,
  title,
  locale,
  words,
}: {
  figures: MonthFigures[];
  title: string;
  locale: string;
  words: OverviewWords;
}) {
  const format = formatsIn(locale);
  const rows = redemptionsByProduct(figures);
  if (rows.length === 0) return null;
  return (
    <Card dataHook="overview-redemptions">
      <Card.Header title={title} subtitle={words.lessGivenBack} />
      <Card.Divider />
      <Table
        data={rows}
        rowDataHook={(row: ProductCount) => `overview-redemption-${row.productId}`}
        columns={[
          { title: words.reward, render: (row: ProductCount) => <Text size="small">{row.product}</Text> },
          {
            title: words.legendRedeemed,
            align: 'end',
            render: (row: ProductCount) => <Text size="small">{format.number(row.count)}</Text>,
          },
        ]}
      >
        <Table.Content />
      </Table>
    </Card>
  );
}
