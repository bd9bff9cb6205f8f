import { Card, Table, Text } from '@wix/design-system';
import React from 'react';
import type { MonthFigures } from '../shared/api';
import { formatNumber } from '../shared/format';

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
export function RedemptionsCard({ figures, title }: { figures: MonthFigures[]; title: string }) {
  const rows = redemptionsByProduct(figures);
  if (rows.length === 0) return null;
  return (
    <Card dataHook="overview-redemptions">
      <Card.Header title={title} subtitle="Less redemptions given back" />
      <Card.Divider />
      <Table
        data={rows}
        rowDataHook={(row: ProductCount) => `overview-redemption-${row.productId}`}
        columns={[
          { title: 'Reward', render: (row: ProductCount) => <Text size="small">{row.product}</Text> },
          {
            title: 'Redeemed',
            align: 'end',
            render: (row: ProductCount) => <Text size="small">{formatNumber(row.count)}</Text>,
          },
        ]}
      >
        <Table.Content />
      </Table>
    </Card>
  );
}
