"use client";

import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type RowData,
  type SortingState,
  type VisibilityState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, Check, ChevronLeft, ChevronRight, Columns3, Search } from "lucide-react";
import Link from "next/link";
import { DropdownMenu as Menu } from "radix-ui";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { menuContentClass, menuItemClass } from "@/components/ui/menu-classes";
import { HorizontalScroll } from "@/components/ui/scroll-cue";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/ui/cn";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Numbers: right-aligned, tabular figures. */
    align?: "right";
    /** This column names the row: its cells are row headers (<th scope="row">). */
    rowHeader?: boolean;
    /** Extra classes for the column's header and cells. */
    className?: string;
  }
}

export type { ColumnDef };

export interface DataTableProps<TData> {
  columns: ColumnDef<TData, unknown>[];
  data: TData[];
  /** What the table lists; the accessible name of the table and of its scrolling region. */
  caption: string;
  /** Shown in one full-width row when there is nothing to list. */
  empty?: ReactNode;
  /** A search box that filters the rows on every column's text. */
  filter?: { label: string; placeholder?: string };
  /** A "Columns" menu to hide and show columns (those with a string header and `enableHiding` not false). */
  columnToggle?: boolean;
  /** Rows per page; without it every row is shown. */
  pageSize?: number;
  /** data-testid of each body row. */
  rowTestId?: string;
  getRowId?: (row: TData, index: number) => string;
  /** Rows under the body (totals), in a <tfoot>. */
  footer?: ReactNode;
  /**
   * Sorting done by the server (large lists paged in the database): the rows arrive sorted by `column`, and each
   * sortable header is a link to `href(columnId, direction)` (the URL holds the state) instead of sorting in place.
   */
  serverSort?: { column: string; dir: "asc" | "desc"; href: (column: string, dir: "asc" | "desc") => string };
  className?: string;
}

/**
 * The one table component (TanStack Table v8 on shadcn/ui's table parts): sortable headers (aria-sort), an
 * optional filter, column menu and pages, and a horizontal-scroll cue at narrow widths. Columns are defined in a client module
 * beside the page; the page passes plain rows.
 */
export function DataTable<TData>({ columns, data, caption, empty, filter, columnToggle, pageSize, rowTestId, getRowId, footer, serverSort, className }: DataTableProps<TData>) {
  const [clientSorting, setSorting] = useState<SortingState>([]);
  const sorting: SortingState = serverSort ? [{ id: serverSort.column, desc: serverSort.dir === "desc" }] : clientSorting;
  const [globalFilter, setGlobalFilter] = useState("");
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>({});
  // TanStack Table returns a new API object each render by design; the React Compiler just skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    state: { sorting, globalFilter, columnVisibility },
    onSortingChange: setSorting,
    manualSorting: Boolean(serverSort),
    onColumnVisibilityChange: setColumnVisibility,
    onGlobalFilterChange: setGlobalFilter,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: filter ? getFilteredRowModel() : undefined,
    getPaginationRowModel: pageSize ? getPaginationRowModel() : undefined,
    initialState: pageSize ? { pagination: { pageIndex: 0, pageSize } } : undefined,
  });
  const rows = table.getRowModel().rows;
  const pageCount = pageSize ? table.getPageCount() : 1;

  return (
    <div className={cn("space-y-3", className)}>
      {filter || columnToggle ? (
        <div className="flex flex-wrap items-center gap-2">
          {filter ? (
            <div className="relative min-w-0 max-w-sm flex-1">
              <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
              <Input type="search" aria-label={filter.label} placeholder={filter.placeholder} value={globalFilter} onChange={(e) => setGlobalFilter(e.target.value)} className="pl-8" />
            </div>
          ) : null}
          {columnToggle ? (
            <Menu.Root modal={false}>
              <Menu.Trigger asChild>
                <Button variant="outline" size="sm" className="ml-auto">
                  <Columns3 aria-hidden="true" /> Columns
                </Button>
              </Menu.Trigger>
              <Menu.Portal>
                <Menu.Content align="end" sideOffset={6} className={menuContentClass}>
                  {table
                    .getAllLeafColumns()
                    .filter((column) => column.getCanHide() && typeof column.columnDef.header === "string")
                    .map((column) => (
                      <Menu.CheckboxItem
                        key={column.id}
                        checked={column.getIsVisible()}
                        onCheckedChange={(checked) => column.toggleVisibility(checked)}
                        onSelect={(event) => event.preventDefault()}
                        className={menuItemClass}
                      >
                        <span className="flex size-4 items-center justify-center">
                          <Menu.ItemIndicator>
                            <Check aria-hidden="true" />
                          </Menu.ItemIndicator>
                        </span>
                        {String(column.columnDef.header)}
                      </Menu.CheckboxItem>
                    ))}
                </Menu.Content>
              </Menu.Portal>
            </Menu.Root>
          ) : null}
        </div>
      ) : null}
      <HorizontalScroll label={caption} className="rounded-lg border bg-card">
        <Table>
          <caption className="sr-only">{caption}</caption>
          <TableHeader>
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id} className="hover:bg-transparent">
                {group.headers.map((header) => {
                  const meta = header.column.columnDef.meta;
                  const sorted = header.column.getIsSorted();
                  const label = header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <TableHead
                      key={header.id}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className={cn(meta?.align === "right" && "text-right", meta?.className)}
                    >
                      {serverSort && header.column.getCanSort() && !header.isPlaceholder ? (
                        <Link
                          href={serverSort.href(header.column.id, sorted === "desc" ? "asc" : sorted === "asc" ? "desc" : meta?.align === "right" ? "desc" : "asc")}
                          scroll={false}
                          className={cn("-mx-2 inline-flex items-center gap-1 rounded px-2 py-1 hover:bg-accent hover:text-accent-foreground", meta?.align === "right" && "flex-row-reverse")}
                        >
                          {label}
                          {sorted === "asc" ? (
                            <ArrowUp className="size-3.5" aria-hidden="true" />
                          ) : sorted === "desc" ? (
                            <ArrowDown className="size-3.5" aria-hidden="true" />
                          ) : (
                            <ArrowUpDown className="size-3.5 opacity-50" aria-hidden="true" />
                          )}
                        </Link>
                      ) : header.column.getCanSort() && !header.isPlaceholder ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className={cn("-mx-2 inline-flex items-center gap-1 rounded px-2 py-1 hover:bg-accent hover:text-accent-foreground", meta?.align === "right" && "flex-row-reverse")}
                        >
                          {label}
                          {sorted === "asc" ? (
                            <ArrowUp className="size-3.5" aria-hidden="true" />
                          ) : sorted === "desc" ? (
                            <ArrowDown className="size-3.5" aria-hidden="true" />
                          ) : (
                            <ArrowUpDown className="size-3.5 opacity-50" aria-hidden="true" />
                          )}
                        </button>
                      ) : (
                        label
                      )}
                    </TableHead>
                  );
                })}
              </TableRow>
            ))}
          </TableHeader>
          <TableBody>
            {rows.length === 0 ? (
              <TableRow className="hover:bg-transparent">
                <TableCell colSpan={table.getVisibleLeafColumns().length} className="py-8 text-center text-muted-foreground">
                  {globalFilter ? `Nothing matches “${globalFilter}”.` : (empty ?? "Nothing to show yet.")}
                </TableCell>
              </TableRow>
            ) : (
              rows.map((row) => (
                <TableRow key={row.id} data-testid={rowTestId}>
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    const classes = cn(meta?.align === "right" && "text-right tabular-nums", meta?.className);
                    const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                    return meta?.rowHeader ? (
                      <th key={cell.id} scope="row" className={cn("px-4 py-3 text-left align-middle font-medium", classes)}>
                        {content}
                      </th>
                    ) : (
                      <TableCell key={cell.id} className={classes}>
                        {content}
                      </TableCell>
                    );
                  })}
                </TableRow>
              ))
            )}
          </TableBody>
          {footer}
        </Table>
      </HorizontalScroll>
      {pageCount > 1 ? (
        <nav aria-label={`${caption}: pages`} className="flex items-center justify-between gap-2 text-sm">
          <Button variant="outline" size="sm" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
            <ChevronLeft aria-hidden="true" /> Previous
          </Button>
          <span aria-live="polite">
            Page {table.getState().pagination.pageIndex + 1} of {pageCount}
          </span>
          <Button variant="outline" size="sm" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
            Next <ChevronRight aria-hidden="true" />
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
