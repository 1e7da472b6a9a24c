// Custom functions (namespace AR, DESIGN.md §6). functions.json is generated from the JSDoc below by
// custom-functions-metadata-plugin, which scans only top-level `function` declarations.
//
// No `CustomFunctions.associate(...)` here: the plugin's loader (custom-functions-metadata-plugin
// 2.x, lib/loader.js) appends `CustomFunctions.associate("<ID>", <functionName>);` for every
// @customfunction in this file at build time. A manual call would register each function twice.

/**
 * Days from the due date to the as-of date: positive when overdue, 0 on the due date.
 * @customfunction DAYSOVERDUE
 * @param dueDate Due date, as an Excel date serial.
 * @param asOf As-of date, as an Excel date serial: point at one cell holding =TODAY().
 * @returns Whole days from the due date to the as-of date.
 */
export function daysOverdue(dueDate: number, asOf: number): number {
  return Math.floor(asOf) - Math.floor(dueDate);
}
