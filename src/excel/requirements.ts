/**
 * The Excel JavaScript API requirement sets ar-desk needs, and the check for the ones above the
 * minimum (README "Requirements"; test/excel/api-sets.test.ts holds the code to this).
 *
 * The manifest declares `ExcelApi` at EXCEL_API_MINIMUM, so Excel only offers the add-in where
 * that set exists: ExcelApi 1.12 is Windows version 2008 / Mac 16.40 / the web (Microsoft's
 * "Excel JavaScript API requirement sets" table). It is the minimum because worksheet custom
 * properties (1.12) mark the sheets ar-desk generated, which every write relies on. APIs above
 * it are used only behind `excelApiSupported` and their feature is listed as unavailable
 * otherwise (OPTIONAL_FEATURES).
 */

/** The ExcelApi version manifest.xml declares (the manifest test checks they agree). */
export const EXCEL_API_MINIMUM = "1.12";

/** Asks whether a requirement set is supported (Office's `isSetSupported`, or a test's). */
export type SetCheck = (name: string, version: string) => boolean;

/**
 * Office's own answer. Outside Office (the CLI's tests of the adapter against the fake and the
 * mocks) there is no host to ask: every set counts as supported, and the tests of the degraded
 * paths pass their own check.
 */
export const officeSupports: SetCheck = (name, version) => {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const requirements = office?.context?.requirements;
  if (!requirements) return true;
  try {
    return requirements.isSetSupported(name, version);
  } catch {
    return false;
  }
};

/** Features that need more than the minimum, with the ExcelApi version each needs. */
export const OPTIONAL_FEATURES = {
  /** Reading a template sheet's merged cells (`Range.getMergedAreasOrNullObject`). */
  templateMerges: "1.13",
} as const;

export type OptionalFeature = keyof typeof OPTIONAL_FEATURES;

/** The optional features this Excel lacks (the pane lists them). */
export function unavailableFeatures(supports: SetCheck = officeSupports): OptionalFeature[] {
  return (Object.keys(OPTIONAL_FEATURES) as OptionalFeature[]).filter(
    (f) => !supports("ExcelApi", OPTIONAL_FEATURES[f]),
  );
}
