import { Table } from '@mantine/core';
import type { ReactNode, RefObject } from 'react';

/**
 * The dense, horizontally scrolling table readers work in all day (worklist, studies): compact
 * rows, sticky header, no wrapping. `label` names the table for assistive tech and tests.
 */
export function DenseTable({
  label,
  minWidth,
  tableRef,
  children,
}: {
  label: string;
  minWidth: number;
  tableRef?: RefObject<HTMLTableElement | null>;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table
        ref={tableRef}
        aria-label={label}
        stickyHeader
        verticalSpacing={6}
        horizontalSpacing={8}
        fz="sm"
        style={{ whiteSpace: 'nowrap' }}
      >
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}
