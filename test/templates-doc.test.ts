/** docs/TEMPLATES.md documents every placeholder a document offers, and no other. */
import * as fs from "node:fs";
import * as path from "node:path";
import { FIELD_SETS } from "../src/sheet/templates/fields";
import { builtinTemplates } from "../src/sheet/templates/builtin";
import { parseTemplate, sectionAlias } from "../src/sheet/templates/engine";
import { TEMPLATE_SHEETS } from "../src/sheet/templates/builtin";

const doc = fs.readFileSync(path.resolve(__dirname, "../docs/TEMPLATES.md"), "utf8");

describe("docs/TEMPLATES.md", () => {
  const offered = new Set<string>();
  for (const set of Object.values(FIELD_SETS)) {
    set.fields.forEach((f) => offered.add(f));
    for (const [name, fields] of Object.entries(set.sections)) {
      const alias = sectionAlias(name);
      fields.forEach((f) => offered.add(`${alias}.${f}`));
    }
  }

  it.each([...offered])("documents {{%s}}", (field) => {
    expect(doc).toContain(`{{${field}}}`);
  });

  it("documents nothing that is not offered", () => {
    const documented = [...doc.matchAll(/\{\{([a-zA-Z][\w.]*)\}\}/g)].map((m) => m[1]);
    const extra = documented.filter(
      (f) => !offered.has(f) && !["page", "pages", "index"].includes(f),
    );
    expect(extra).toEqual([]);
  });
});

describe("built-in templates", () => {
  it.each(["zh-CN", "en-US"] as const)(
    "%s: every template is valid for its document and named as documented",
    (locale) => {
      const specs = builtinTemplates(locale);
      expect(specs.map((s) => s.name)).toEqual(Object.values(TEMPLATE_SHEETS[locale]));
      for (const [kind, name] of Object.entries(TEMPLATE_SHEETS[locale])) {
        const spec = specs.find((s) => s.name === name)!;
        const { issues } = parseTemplate(spec, FIELD_SETS[kind as keyof typeof FIELD_SETS]);
        expect(issues).toEqual([]);
        expect(spec.print).toMatchObject({
          paper: "A4",
          fitToWidth: true,
          orientation: "portrait",
        });
        expect(doc).toContain(name);
      }
    },
  );
});
