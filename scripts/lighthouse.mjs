// Lighthouse for scripts/report.py, many runs in one Node process: the CLI spends about 5 s of each run
// starting Node and loading Lighthouse. Each run still gets a fresh Chrome, as the CLI gives it.
//
// Usage: CHROME_PATH=... node scripts/lighthouse.mjs "CHROME FLAGS"
// Reads one request a line on stdin, {"url": ..., "preset": "desktop" | "mobile", "categories": [...]},
// and answers each with one line on stdout: {"scores": {category: 0-100}, "bytes": N} or {"error": "..."}.
import readline from "node:readline";

import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const chromeFlags = (process.argv[2] || "").split(" ").filter(Boolean);

async function measure({ url, preset, categories }) {
  const chrome = await chromeLauncher.launch({ chromeFlags, logLevel: "silent" });
  try {
    const flags = {
      port: chrome.port,
      logLevel: "error",
      onlyCategories: categories,
      // Only the HTML report shows it; no score depends on it (about 1.4 s a run).
      disableFullPageScreenshot: true,
    };
    const { lhr } = await lighthouse(url, flags, preset === "desktop" ? desktopConfig : undefined);
    if (lhr.runtimeError) {
      return { error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` };
    }
    const unscored = categories.filter((name) => typeof lhr.categories[name]?.score !== "number");
    if (unscored.length) {
      return { error: `no score for ${unscored.join(", ")}` };
    }
    const scores = Object.fromEntries(
      categories.map((name) => [name, Math.round(lhr.categories[name].score * 100)]),
    );
    return { scores, bytes: lhr.audits["total-byte-weight"].numericValue };
  } finally {
    await chrome.kill();
  }
}

for await (const line of readline.createInterface({ input: process.stdin })) {
  let answer;
  try {
    answer = await measure(JSON.parse(line));
  } catch (error) {
    answer = { error: String(error && error.stack ? error.stack.split("\n")[0] : error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
