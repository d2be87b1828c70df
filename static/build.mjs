// Builds static/dist/: minified CSS and JS, copied images, every file named by a hash of its
// content, with .gz and .br copies for WhiteNoise to serve, and manifest.json mapping names.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, extname, join, basename } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
const manifest = {};

function write(name, content) {
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 10);
  const ext = extname(name);
  const hashed = `${basename(name, ext)}.${hash}${ext}`;
  writeFileSync(join(dist, hashed), content);
  if ([".css", ".js", ".svg", ".json", ".map"].includes(ext)) {
    writeFileSync(join(dist, `${hashed}.gz`), gzipSync(content, { level: 9 }));
    writeFileSync(
      join(dist, `${hashed}.br`),
      brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
  }
  manifest[name] = hashed;
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// main.css for every page; staff.css, the case-work components, for the staff pages only.
for (const sheet of ["main", "staff"]) {
  const css = sass.compile(join(here, "scss", `${sheet}.scss`), {
    style: "compressed",
    importers: [new sass.NodePackageImporter(here)],
    // MOJ Frontend loads GOV.UK Frontend by its path from the project's root.
    loadPaths: [join(here, "..")],
    quietDeps: true,
  });
  write(`${sheet}.css`, Buffer.from(css.css));
}

const js = await esbuild.build({
  entryPoints: [join(here, "js", "main.mjs")],
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  write: false,
  legalComments: "none",
});
write("main.js", Buffer.from(js.outputFiles[0].contents));

for (const image of readdirSync(join(here, "images"))) {
  write(image, readFileSync(join(here, "images", image)));
}

writeFileSync(join(dist, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`Built ${Object.keys(manifest).length} assets into static/dist:`);
for (const [name, hashed] of Object.entries(manifest)) {
  console.log(`  ${name} -> ${hashed}`);
}
