import { Box, Table } from '@mantine/core';
import { useId, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import { fitColumns, MERGED_VALUES_CSS } from './fitColumns';

export { columnPriority, whenHidden, type ColumnPriority } from './fitColumns';

/**
 * The dense table readers work in all day (worklist, studies, reports, deliveries): compact rows,
 * sticky header, no wrapping. It fits the screen it is on: header cells marked with
 * {@link columnPriority} give way, least important first, whenever the table is wider than its box,
 * so a tablet keeps the columns that matter and nothing scrolls sideways. Only when the essential
 * columns alone are too wide does the table scroll inside its own box. `label` names the table for
 * assistive tech and tests.
 */
export function DenseTable({
  label,
  tableRef,
  children,
}: {
  label: string;
  tableRef?: RefObject<HTMLTableElement | null>;
  children: ReactNode;
}) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const boxRef = useRef<HTMLDivElement>(null);
  const ownRef = useRef<HTMLTableElement>(null);
  const table = tableRef ?? ownRef;
  const sheetRef = useRef<HTMLStyleElement>(null);

  // Refit after every render (rows change widths) and whenever the box changes width.
  useLayoutEffect(() => {
    const refit = () => {
      if (!table.current || !boxRef.current || !sheetRef.current) return;
      const hidden = fitColumns(table.current, boxRef.current, sheetRef.current, id);
      table.current.dataset.hiddenColumns = hidden.join(', ');
    };
    refit();
    const box = boxRef.current;
    if (!box) return;
    let width = box.clientWidth;
    const observer = new ResizeObserver(() => {
      if (box.clientWidth === width) return;
      width = box.clientWidth;
      refit();
    });
    observer.observe(box);
    return () => observer.disconnect();
  });

  return (
    <Box ref={boxRef} style={{ overflowX: 'auto' }}>
      <style>{MERGED_VALUES_CSS}</style>
      <style ref={sheetRef} />
      <Table
        ref={table}
        aria-label={label}
        data-fit-id={id}
        stickyHeader
        verticalSpacing={6}
        horizontalSpacing={8}
        fz="sm"
        style={{ whiteSpace: 'nowrap' }}
      >
        {children}
      </Table>
    </Box>
  );
}
