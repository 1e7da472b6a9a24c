// Offline structural checks of manifest.xml. Office's validation service needs the internet
// (`npm run validate`); these catch what breaks sideloading before that: malformed XML, dangling
// resids, non-local URLs, a broken shared-runtime wiring, missing zh-CN text, wrong icons.
import { readFileSync } from "node:fs";
import path from "node:path";
import { EXCEL_API_MINIMUM } from "../src/excel/requirements";

const ROOT = path.resolve(__dirname, "..");
const DEV_ORIGIN = "https://localhost:3000/";

// ---------------------------------------------------------------------------------------------
// A minimal, strict XML parser (recursive descent): elements, attributes, text, comments,
// processing instructions, CDATA and the predefined/numeric entities. Enough to prove the
// manifest well-formed and to walk it; it throws on anything it does not understand (DOCTYPE).

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

const NAME = /[A-Za-z_][-A-Za-z0-9_.]*(?::[A-Za-z_][-A-Za-z0-9_.]*)?/y;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function parseXml(src: string): XmlElement {
  let pos = src.charCodeAt(0) === 0xfeff ? 1 : 0;

  const lineAt = (at: number) => src.slice(0, at).split("\n").length;
  const fail = (message: string): never => {
    throw new Error(`XML line ${lineAt(pos)}: ${message}`);
  };
  const startsWith = (s: string) => src.startsWith(s, pos);
  const expect = (s: string) => {
    if (!startsWith(s)) fail(`expected ${JSON.stringify(s)}`);
    pos += s.length;
  };
  const skipSpace = () => {
    while (pos < src.length && " \t\r\n".includes(src[pos])) pos++;
  };
  const readName = () => {
    NAME.lastIndex = pos;
    const m = NAME.exec(src);
    if (!m) return fail("expected a name");
    pos += m[0].length;
    return m[0];
  };
  const until = (end: string) => {
    const at = src.indexOf(end, pos);
    if (at < 0) fail(`unterminated, expected ${JSON.stringify(end)}`);
    const body = src.slice(pos, at);
    pos = at + end.length;
    return body;
  };
  const decode = (raw: string) =>
    raw.replace(/&([^;]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(";")) return fail(`bare "&" in ${JSON.stringify(raw)}`);
      if (ref in ENTITIES) return ENTITIES[ref];
      const code = /^#x[0-9a-fA-F]+$/.test(ref)
        ? parseInt(ref.slice(2), 16)
        : /^#[0-9]+$/.test(ref)
          ? parseInt(ref.slice(1), 10)
          : fail(`unknown entity &${ref};`);
      return String.fromCodePoint(code);
    });
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (startsWith("<!--")) {
        pos += 4;
        if (until("-->").includes("--")) fail('"--" inside a comment');
      } else if (startsWith("<?")) {
        pos += 2;
        until("?>");
      } else if (startsWith("<!DOCTYPE")) {
        fail("DOCTYPE is not supported");
      } else return;
    }
  };

  const parseElement = (): XmlElement => {
    const line = lineAt(pos);
    expect("<");
    const name = readName();
    const attrs: Record<string, string> = {};
    for (;;) {
      const before = pos;
      skipSpace();
      if (startsWith("/>") || startsWith(">")) break;
      if (pos === before) fail(`expected whitespace before an attribute of <${name}>`);
      const attr = readName();
      skipSpace();
      expect("=");
      skipSpace();
      const quote = src[pos];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attr} is not quoted`);
      pos++;
      const raw = until(quote);
      if (raw.includes("<")) fail(`"<" in attribute ${attr}`);
      if (attr in attrs) fail(`duplicate attribute ${attr} on <${name}>`);
      attrs[attr] = decode(raw);
    }
    const element: XmlElement = { name, attrs, children: [], text: "", line };
    if (startsWith("/>")) {
      pos += 2;
      return element;
    }
    expect(">");
    for (;;) {
      if (pos >= src.length) fail(`<${name}> (line ${line}) is never closed`);
      if (startsWith("</")) {
        pos += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}> from line ${line}`);
        skipSpace();
        expect(">");
        return element;
      }
      if (startsWith("<!--")) {
        pos += 4;
        if (until("-->").includes("--")) fail('"--" inside a comment');
      } else if (startsWith("<![CDATA[")) {
        pos += 9;
        element.text += until("]]>");
      } else if (startsWith("<?")) {
        pos += 2;
        until("?>");
      } else if (startsWith("<")) {
        element.children.push(parseElement());
      } else {
        const next = src.indexOf("<", pos);
        const raw = src.slice(pos, next < 0 ? src.length : next);
        if (raw.includes("]]>")) fail('"]]>" in text');
        element.text += decode(raw);
        pos += raw.length;
      }
    }
  };

  if (startsWith("<?xml")) {
    pos += 5;
    until("?>");
  }
  skipMisc();
  const root = parseElement();
  skipMisc();
  if (pos < src.length) fail("content after the root element");
  return root;
}

/** Every element, depth first, with its ancestors (outermost first). */
function* walk(
  element: XmlElement,
  ancestors: XmlElement[] = [],
): Generator<[XmlElement, XmlElement[]]> {
  yield [element, ancestors];
  for (const child of element.children) yield* walk(child, [...ancestors, element]);
}

const local = (name: string) => name.slice(name.indexOf(":") + 1);
const childrenNamed = (element: XmlElement, name: string) =>
  element.children.filter((child) => local(child.name) === name);
function only(element: XmlElement, name: string): XmlElement {
  const found = childrenNamed(element, name);
  if (found.length !== 1) throw new Error(`<${element.name}> has ${found.length} <${name}>`);
  return found[0];
}
const at = (element: XmlElement, ...names: string[]) => names.reduce(only, element);

/** IHDR width and height of a PNG file. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error(`${file} is not a PNG`);
  if (bytes.toString("ascii", 12, 16) !== "IHDR") throw new Error(`${file}: IHDR is not first`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// ---------------------------------------------------------------------------------------------

const manifest = parseXml(readFileSync(path.join(ROOT, "manifest.xml"), "utf8"));
const all = [...walk(manifest)].map(([element]) => element);
const overrides = at(manifest, "VersionOverrides");
const host = at(overrides, "Hosts", "Host");
const resources = at(overrides, "Resources");

/** resid -> { kind, element } for every resource defined under <Resources>. */
const defined = new Map<string, { kind: string; element: XmlElement }>();
for (const group of resources.children) {
  for (const element of group.children) {
    const id = element.attrs.id;
    if (defined.has(id)) throw new Error(`resource id ${id} is defined twice`);
    defined.set(id, { kind: local(group.name), element });
  }
}
const resourceValue = (resid: string) => defined.get(resid)?.element.attrs.DefaultValue;

describe("the XML parser used by these tests", () => {
  it.each([
    ["<a><b></a></b>", /closes/],
    ["<a x='1' x='2'/>", /duplicate attribute/],
    ["<a>fish & chips</a>", /bare "&"/],
    ["<a x=1/>", /not quoted/],
    ["<a/><b/>", /after the root/],
    ["<a>", /never closed/],
  ])("rejects %s", (xml, error) => {
    expect(() => parseXml(xml)).toThrow(error);
  });

  it("decodes entities and keeps prefixes", () => {
    const root = parseXml(`<?xml version="1.0"?><!-- c --><a b="&lt;&#x41;&amp;"><bt:c/>x&gt;</a>`);
    expect(root.attrs.b).toBe("<A&");
    expect(root.children[0].name).toBe("bt:c");
    expect(root.text).toBe("x>");
  });
});

describe("manifest.xml", () => {
  it("is a well-formed TaskPaneApp for Excel", () => {
    expect(manifest.name).toBe("OfficeApp");
    expect(manifest.attrs.xmlns).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(manifest.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(childrenNamed(at(manifest, "Hosts"), "Host").map((h) => h.attrs.Name)).toEqual([
      "Workbook",
    ]);
    expect(host.attrs["xsi:type"]).toBe("Workbook");
    expect(overrides.attrs["xsi:type"]).toBe("VersionOverridesV1_0");
  });

  it("declares every namespace prefix it uses", () => {
    for (const [element, ancestors] of walk(manifest)) {
      const declared = new Set(
        [...ancestors, element].flatMap((e) =>
          Object.keys(e.attrs).filter((a) => a.startsWith("xmlns:")),
        ),
      );
      for (const name of [element.name, ...Object.keys(element.attrs)]) {
        const prefix = name.includes(":") ? name.split(":")[0] : undefined;
        if (prefix && prefix !== "xmlns") expect(declared).toContain(`xmlns:${prefix}`);
      }
    }
  });

  it("keeps the top-level elements in schema order", () => {
    const order = [
      "Id",
      "AlternateId",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "AllowSnapshot",
      "VersionOverrides",
    ];
    const names = manifest.children.map((c) => c.name);
    for (const name of names) expect(order).toContain(name);
    expect(names).toEqual([...names].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(host.children.map((c) => c.name)).toEqual([
      "Runtimes",
      "AllFormFactors",
      "DesktopFormFactor",
    ]);
  });

  it("has a GUID id, a four-part version and ar-desk as provider", () => {
    expect(at(manifest, "Id").text).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    );
    expect(at(manifest, "Version").text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(at(manifest, "ProviderName").text).toBe("ar-desk");
  });

  it("points every URL at the dev server, https://localhost:3000/", () => {
    const urls = all.flatMap((e) =>
      Object.entries(e.attrs)
        .filter(([name]) => name !== "xmlns" && !name.startsWith("xmlns:"))
        .map(([, value]) => value)
        .concat(e.text.trim())
        .filter((value) => /^[a-z][a-z0-9+.-]*:\/\//i.test(value)),
    );
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith(DEV_ORIGIN)).toBe(true);
  });

  it("defines every resid it references, with the right kind of resource", () => {
    const kindFor: Record<string, string> = {
      Image: "Images",
      SourceLocation: "Urls",
      Runtime: "Urls",
      FunctionFile: "Urls",
      LearnMoreUrl: "Urls",
      Label: "ShortStrings",
      Title: "ShortStrings",
      Namespace: "ShortStrings",
      Description: "LongStrings",
    };
    const referenced = all.filter((e) => "resid" in e.attrs);
    expect(referenced.length).toBeGreaterThan(10);
    for (const element of referenced) {
      const resid = element.attrs.resid;
      expect(resid.length).toBeLessThanOrEqual(32);
      const resource = defined.get(resid);
      expect({ resid, defined: resource !== undefined }).toEqual({ resid, defined: true });
      expect({ resid, kind: resource?.kind }).toEqual({
        resid,
        kind: kindFor[local(element.name)],
      });
    }
    const used = new Set(referenced.map((e) => e.attrs.resid));
    expect([...defined.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  it("has a SupportUrl to a page the build ships (src/support/support.html)", () => {
    expect(at(manifest, "SupportUrl").attrs.DefaultValue).toBe(`${DEV_ORIGIN}support.html`);
    const page = readFileSync(path.join(ROOT, "src/support/support.html"), "utf8");
    expect(page).toMatch(/lang="en"/);
    expect(page).toMatch(/lang="zh-CN"/);
    expect(readFileSync(path.join(ROOT, "webpack.config.js"), "utf8")).toMatch(
      /from: "src\/support\/support\.html", to: "support\.html"/,
    );
  });

  it("declares the requirement sets the code needs (src/excel/requirements.ts)", () => {
    const sets = childrenNamed(at(manifest, "Requirements", "Sets"), "Set").map(
      (s) => `${s.attrs.Name} ${s.attrs.MinVersion}`,
    );
    // CustomFunctions.Error is CustomFunctionsRuntime 1.2; ExcelApi is the adapter's minimum.
    expect(sets.sort()).toEqual(
      ["CustomFunctionsRuntime 1.2", `ExcelApi ${EXCEL_API_MINIMUM}`, "SharedRuntime 1.1"].sort(),
    );
  });

  it("runs task pane, ribbon and custom functions in one shared runtime page", () => {
    const runtime = at(host, "Runtimes", "Runtime");
    expect(runtime.attrs).toEqual({ resid: "Taskpane.Url", lifetime: "long" });
    const functions = at(host, "AllFormFactors", "ExtensionPoint");
    expect(functions.attrs["xsi:type"]).toBe("CustomFunctions");
    expect(functions.children.map((c) => c.name)).toEqual([
      "Script",
      "Page",
      "Metadata",
      "Namespace",
    ]);
    expect(at(functions, "Page", "SourceLocation").attrs.resid).toBe("Taskpane.Url");
    expect(resourceValue(at(functions, "Script", "SourceLocation").attrs.resid)).toBe(
      `${DEV_ORIGIN}functions.js`,
    );
    expect(resourceValue(at(functions, "Metadata", "SourceLocation").attrs.resid)).toBe(
      `${DEV_ORIGIN}functions.json`,
    );
    expect(resourceValue(at(functions, "Namespace").attrs.resid)).toBe("AR");
    const desktop = at(host, "DesktopFormFactor");
    expect(at(desktop, "FunctionFile").attrs.resid).toBe("Taskpane.Url");
    const actions = all.filter((e) => e.name === "Action");
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) {
      expect(action.attrs["xsi:type"]).toBe("ShowTaskpane");
      expect(at(action, "SourceLocation").attrs.resid).toBe("Taskpane.Url");
    }
    expect(at(manifest, "DefaultSettings", "SourceLocation").attrs.DefaultValue).toBe(
      resourceValue("Taskpane.Url"),
    );
    expect(resourceValue("Taskpane.Url")).toBe(`${DEV_ORIGIN}taskpane.html`);
  });

  it("points zh-CN Excel at the Chinese functions metadata that the build writes", () => {
    const functions = at(host, "AllFormFactors", "ExtensionPoint");
    const url = defined.get(at(functions, "Metadata", "SourceLocation").attrs.resid)!.element;
    const overrides = childrenNamed(url, "Override").map((o) => [o.attrs.Locale, o.attrs.Value]);
    expect(overrides).toEqual([["zh-CN", `${DEV_ORIGIN}functions.zh-CN.json`]]);
    // webpack.config.js emits the asset under that name, beside functions.json.
    const config = readFileSync(path.join(ROOT, "webpack.config.js"), "utf8");
    expect(config).toMatch(/emitAsset\(\s*"functions\.zh-CN\.json"/);
    expect(config).toMatch(/output: "functions\.json"/);
  });

  it("has a ribbon button labelled ar-desk that opens the task pane", () => {
    const button = all.find(
      (e) =>
        e.name === "Control" &&
        e.attrs["xsi:type"] === "Button" &&
        childrenNamed(e, "Action").length > 0,
    );
    expect(button).toBeDefined();
    expect(resourceValue(at(button!, "Label").attrs.resid)).toBe("ar-desk");
  });

  it("has zh-CN text for the name, the description and every user-facing string", () => {
    const zh = (element: XmlElement) =>
      childrenNamed(element, "Override").find((o) => o.attrs.Locale === "zh-CN")?.attrs.Value;
    expect(zh(at(manifest, "DisplayName"))).toMatch(/应收账款/);
    expect(zh(at(manifest, "Description"))).toBeTruthy();
    for (const group of ["ShortStrings", "LongStrings"]) {
      for (const string of at(resources, group).children) {
        if (string.attrs.id === "Functions.Namespace") continue; // formula prefix, not prose
        expect({ id: string.attrs.id, zh: Boolean(zh(string)) }).toEqual({
          id: string.attrs.id,
          zh: true,
        });
      }
    }
  });

  it("references icons that exist in assets/ with the size the manifest asks for", () => {
    const expected = new Map<string, number>(); // URL -> size in pixels
    expected.set(at(manifest, "IconUrl").attrs.DefaultValue, 32);
    expected.set(at(manifest, "HighResolutionIconUrl").attrs.DefaultValue, 64);
    for (const image of all.filter((e) => e.name === "bt:Image" && "resid" in e.attrs)) {
      const url = resourceValue(image.attrs.resid)!;
      const size = Number(image.attrs.size);
      expect({ url, size: expected.get(url) ?? size }).toEqual({ url, size });
      expected.set(url, size);
    }
    expect([...expected.values()].sort((a, b) => a - b)).toEqual([16, 32, 64, 80]);
    for (const [url, size] of expected) {
      expect(url.startsWith(`${DEV_ORIGIN}assets/`)).toBe(true);
      const file = path.join(ROOT, "assets", url.slice(`${DEV_ORIGIN}assets/`.length));
      expect({ url, ...pngSize(file) }).toEqual({ url, width: size, height: size });
    }
  });
});
