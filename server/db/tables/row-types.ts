/**
 * What one write may set: any of the table's columns, each a value, JSON text or a knex
 * raw. Writes are checked against it (`satisfies`), so a misspelt column fails to compile
 * instead of failing in SQL.
 */
export type ColumnValues<Row> = { [Column in keyof Row]?: unknown };

/** Omit that refuses a column the table does not have, so a rename cannot slip past. */
export type Without<Row, Column extends keyof Row> = Omit<Row, Column>;
