/**
 * office-addin-mock for the tests. Its OfficeMockObject only needs the `OfficeApp` host names
 * from office-addin-manifest, whose own dependency chain (@microsoft/app-manifest → fs-extra, an
 * optional peer the lock file does not install) fails to load here; so that one import is
 * replaced by the enum it provides.
 */
jest.mock("office-addin-manifest", () => ({
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
}));

import { OfficeMockObject } from "office-addin-mock";

export { OfficeMockObject };

/** The values OfficeMockObject gives a property read before its load, or before the sync. */
export const NOT_LOADED = "Error, property was not loaded";
export const NOT_SYNCED = "Error, context.sync() was not called";

/** An OfficeMockObject node as the functions of mock data see it (`this`) and tests reach it. */
export interface MockNode {
  [property: string]: unknown;
  addMock(name: string): void;
  populate(data: object): void;
  setValue(name: string, value: unknown): void;
  sync(): Promise<void>;
}

/** A child node of a mock, by path: `node(mock, "context", "workbook")`. */
export function node(root: unknown, ...path: string[]): MockNode {
  let n = root as MockNode;
  for (const p of path) n = n[p] as MockNode;
  return n;
}

/** A mock built from `data`, its context counting syncs. */
export function mockContext(data: object): { context: MockNode; syncs: () => number } {
  const mock = new OfficeMockObject(data);
  const context = node(mock, "context");
  let syncs = 0;
  const sync = context.sync.bind(context);
  context.sync = async () => {
    syncs++;
    await sync();
  };
  return { context, syncs: () => syncs };
}
