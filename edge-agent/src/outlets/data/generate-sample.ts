/**
 * Writes the shipped sample circle. Run after changing the generator or its
 * profiles, and commit the result:
 *   node --conditions=@linli/source --import tsx edge-agent/src/outlets/data/generate-sample.ts
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateSampleCircle, sampleCircleText } from "./sample-circle.js";

const file = fileURLToPath(new URL("./sample-circle.geojson", import.meta.url));
const circle = generateSampleCircle();
writeFileSync(file, sampleCircleText(circle));
process.stdout.write(`wrote ${circle.features.length} outlets to ${file}\n`);
