import { Column, getTableColumns, is, SQL, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";

type Insert<T extends SQLiteTable> = T["$inferInsert"];

/** A row as for `.values()`, where a value may also be a column of the rows selected from. */
export type RowSource<T extends SQLiteTable> = {
  [K in keyof Insert<T>]: Insert<T>[K] | SQL | SQLiteColumn;
};

/**
 * The select list of a guarded insert, `db.insert(table).select(db.select(rowFields(table,
 * row)).from(…).where(guard))`: a row is written only where the guard holds, in the same
 * statement. drizzle's insert-select names every column of the table in its declared order and
 * needs the select list to match, so this lists them all in that order; a column the row leaves
 * out takes its default, as `.values()` would give it. The row is typed by the table, so a
 * renamed or retyped column fails the typecheck here.
 */
export function rowFields<T extends SQLiteTable>(
  table: T,
  row: RowSource<T>,
): { [K in keyof Insert<T>]-?: SQL.Aliased } {
  const given = row as Record<string, unknown>;
  const fields: Record<string, SQL.Aliased> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = given[key];
    const expression =
      value === undefined
        ? defaultOf(column)
        : is(value, SQL) || is(value, Column)
          ? sql`${value}`
          : sql`${sql.param(value, column)}`;
    // Named after the column: drizzle takes an unnamed expression for a mistake.
    fields[key] = expression.as(column.name);
  }
  return fields as { [K in keyof Insert<T>]-?: SQL.Aliased };
}

function defaultOf(column: SQLiteColumn): SQL {
  const value = column.default ?? column.defaultFn?.();
  if (value === undefined || value === null) return sql`null`;
  return is(value, SQL) ? value : sql`${sql.param(value, column)}`;
}
