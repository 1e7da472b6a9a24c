/**
 * What the readers say about a file they cannot read, in en-US and zh-CN (issue 14): the
 * InputErrors of xlsx.ts carry the English text as their message and both through
 * `localized`, so the command line prints them in the run's language.
 */
import { fill, type MessageParams } from "../core/i18n";
import { InputError } from "./errors";

const EN_US = {
  corrupt: "not a valid .xlsx file (the zip archive is damaged or is not a workbook)",
  partTooLarge:
    "{part} would inflate to {size}, more than the {max} ar-desk reads of one part (a zip bomb, or a sheet too large): not read",
  partRatio:
    "{part} claims to inflate {ratio, plural, one {# time} other {# times}} over, more than deflate can (a zip bomb): not read",
  notWorkbook: "not an Excel workbook ({part} is missing)",
  noSheetNamed: 'no sheet named "{name}"',
  sheetMissing: 'sheet "{name}" is missing from the file',
};

export type IoMessageKey = keyof typeof EN_US;

const ZH_CN: Record<IoMessageKey, string> = {
  corrupt: "不是有效的 .xlsx 文件（压缩包已损坏或不是工作簿）",
  partTooLarge:
    "{part} 解压后将达 {size}，超过 ar-desk 单个部件最多读取的 {max}（疑为压缩炸弹，或工作表过大）：未读取",
  partRatio: "{part} 声称可解压 {ratio} 倍，超出 deflate 的极限（疑为压缩炸弹）：未读取",
  notWorkbook: "不是 Excel 工作簿（缺少 {part}）",
  noSheetNamed: '没有名为 "{name}" 的工作表',
  sheetMissing: '文件中缺少工作表 "{name}"',
};

export const IO_MESSAGES: Readonly<Record<"en-US" | "zh-CN", Record<IoMessageKey, string>>> = {
  "en-US": EN_US,
  "zh-CN": ZH_CN,
};

export const IO_MESSAGE_KEYS = Object.keys(EN_US) as IoMessageKey[];

export function ioText(
  locale: "en-US" | "zh-CN",
  key: IoMessageKey,
  params: MessageParams = {},
): string {
  return fill(IO_MESSAGES[locale][key], params, { locale });
}

/** An InputError saying `key`, English as its message, either language on demand. */
export function ioError(key: IoMessageKey, params: MessageParams = {}): InputError {
  return new InputError(ioText("en-US", key, params), (l) => ioText(l, key, params));
}
