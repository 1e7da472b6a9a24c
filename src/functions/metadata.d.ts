/** Types of metadata.js (plain CommonJS, shared by webpack.config.js and the tests). */

export interface FunctionParameter {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}

export interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: FunctionParameter[];
  result?: { type?: string; dimensionality?: string };
  options?: Record<string, boolean>;
}

export interface Metadata {
  allowCustomDataForDataTypeAny?: boolean;
  allowErrorForDataTypeAny?: boolean;
  functions: FunctionMetadata[];
}

export type Translations = Record<
  string,
  { name: string; description: string; parameters: { name: string; description: string }[] }
>;

export function finishMetadata(generated: Metadata): Metadata;
export function localizeMetadata(
  metadata: Metadata,
  table: Translations,
  locale?: string,
): Metadata;
